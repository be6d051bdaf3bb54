import { GENERIC_ENTITIES } from '../generic-format';
import type { SourceAdapter } from './adapter';
import { mappedPlan } from './mapped-plan';
import { readVendorCsv, type VendorColumn } from './vendor-csv';

/** The columns of Zendesk's Admin Center ticket export that deskpulse reads. */
const COLUMNS: VendorColumn[] = [
	{ names: ['Id', 'ID'], alias: 'zd_id', required: true },
	{ names: ['Requester'], alias: 'requester' },
	{ names: ['Requester id'], alias: 'requester_id' },
	{ names: ['Requester email'], alias: 'requester_email' },
	{ names: ['Assignee'], alias: 'assignee' },
	{ names: ['Group'], alias: 'group_name' },
	{ names: ['Subject'], alias: 'subject' },
	{ names: ['Tags'], alias: 'tags' },
	{ names: ['Status'], alias: 'status', required: true },
	{ names: ['Priority'], alias: 'priority' },
	{ names: ['Via'], alias: 'via' },
	{ names: ['Ticket type'], alias: 'ticket_type' },
	{ names: ['Created at'], alias: 'created_at', required: true, timestamp: true },
	{ names: ['Organization'], alias: 'organization' },
	{ names: ['Solved at'], alias: 'solved_at', timestamp: true },
	{ names: ['Satisfaction Score'], alias: 'satisfaction' },
	{ names: ['Reopens'], alias: 'reopens' },
	{ names: ['Replies'], alias: 'replies' },
	{ names: ['First reply time in minutes'], alias: 'first_reply_minutes' },
	{ names: ['First reply time in minutes within business hours'], alias: 'first_reply_business_minutes' },
	{ names: ['First resolution time in minutes'], alias: 'first_resolution_minutes' },
	{ names: ['First resolution time in minutes within business hours'], alias: 'first_resolution_business_minutes' },
	{ names: ['Full resolution time in minutes'], alias: 'full_resolution_minutes' },
	{ names: ['Full resolution time in minutes within business hours'], alias: 'full_resolution_business_minutes' },
	{ names: ['Agent wait time in minutes'], alias: 'agent_wait_minutes' },
	{ names: ['Agent wait time in minutes within business hours'], alias: 'agent_wait_business_minutes' },
	{ names: ['Requester wait time in minutes'], alias: 'requester_wait_minutes' },
	{ names: ['Requester wait time in minutes within business hours'], alias: 'requester_wait_business_minutes' },
	{ names: ['On hold time in minutes'], alias: 'on_hold_minutes' },
	{ names: ['On hold time in minutes within business hours'], alias: 'on_hold_business_minutes' },
	// A custom dropdown such as "Ticket Category [list]" is the category when there is one.
	{ names: [/categor.*\[list\]$/i], alias: 'category_list' }
];

const SIGNATURE = ['via', 'created at', 'satisfaction score', 'first reply time in minutes'];

/** Zendesk Support's Admin Center CSV export: one file, one row per ticket, local times. */
export const zendeskCsv: SourceAdapter = {
	id: 'zendesk-csv',
	label: 'Zendesk ticket CSV export',
	sourceLabel: 'zendesk',
	naiveTimestampColumn: 'Created at',
	detect: (files) => {
		for (const f of files) {
			if (f.kind !== 'csv') continue;
			const header = new Set(f.header.map((h) => h.toLowerCase()));
			const found = SIGNATURE.filter((s) => header.has(s));
			if (header.has('id') && found.length >= 3) {
				return { score: 80 + found.length, reason: `${f.name} has Zendesk's export columns ${found.map((s) => `"${s}"`).join(', ')}` };
			}
		}
		return null;
	},
	plans: (files, context) =>
		files
			.filter((f) => f.kind === 'csv' && new Set(f.header.map((h) => h.toLowerCase())).has('via'))
			.map((f) => ({
				path: f.path,
				plan: mappedPlan({
					adapter: 'zendesk-csv',
					spec: GENERIC_ENTITIES.find((e) => e.entity === 'tickets')!,
					sql: 'adapters/zendesk_csv/tickets',
					timezone: context.timezone,
					load: (conn) => readVendorCsv(conn, f.path, f.name, COLUMNS, { dateOrder: context.dateFormat }),
					vendorColumns: {
						ticket_id: 'Id',
						created_at: 'Created at',
						status: 'Status',
						priority: 'Priority',
						solved_at: 'First resolution time in minutes',
						final_solved_at: 'Solved at',
						first_response_at: 'First reply time in minutes',
						reopens: 'Reopens',
						agent_replies: 'Replies',
						csat_score: 'Satisfaction Score'
					},
					valueMaps: [
						{ field: 'Via', from: 'vendor_via', to: 'channel', canonical: 'channel' },
						{ field: 'Satisfaction Score', from: 'vendor_satisfaction', to: 'csat_score' },
						{ field: 'Status', from: 'status', to: 'status', canonical: 'status' },
						{ field: 'Priority', from: 'priority', to: 'priority', canonical: 'priority' }
					]
				})
			}))
};
