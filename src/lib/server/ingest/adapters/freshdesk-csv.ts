import { GENERIC_ENTITIES } from '../generic-format';
import type { FileSample, SourceAdapter } from './adapter';
import { mappedPlan } from './mapped-plan';
import { readVendorCsv, type VendorColumn } from './vendor-csv';

/**
 * The columns of Freshdesk's ticket list export (and Freshservice's, which capitalises the
 * same labels differently and names the requester "Requester ..."). Header matching is
 * case-insensitive, so "Created time" also reads Freshservice's "Created Time".
 */
const COLUMNS: VendorColumn[] = [
	{ names: ['Ticket ID', 'Ticket Id'], alias: 'fd_id', required: true },
	{ names: ['Subject'], alias: 'subject' },
	{ names: ['Status'], alias: 'status', required: true },
	{ names: ['Priority'], alias: 'priority' },
	// Freshservice: the priority is derived from urgency and impact; urgency stands in when
	// an export leaves Priority out.
	{ names: ['Urgency'], alias: 'urgency' },
	{ names: ['Source'], alias: 'source_name' },
	{ names: ['Type'], alias: 'ticket_type' },
	{ names: ['Category'], alias: 'category' },
	{ names: ['Agent'], alias: 'agent' },
	{ names: ['Group'], alias: 'group_name' },
	{ names: ['Created time'], alias: 'created_at', required: true, timestamp: true },
	{ names: ['Resolved time'], alias: 'resolved_at', timestamp: true },
	{ names: ['Closed time'], alias: 'closed_at', timestamp: true },
	{ names: ['Initial response time'], alias: 'first_response_at', timestamp: true },
	{ names: ['First response time (in hrs)'], alias: 'frt_hours' },
	{ names: ['Resolution time (in hrs)'], alias: 'resolution_hours' },
	{ names: ['Agent interactions'], alias: 'agent_interactions' },
	{ names: ['Resolution status'], alias: 'resolution_status' },
	{ names: ['First response status'], alias: 'first_response_status' },
	{ names: ['Tags'], alias: 'tags' },
	{ names: ['Survey results', 'Survey result'], alias: 'survey' },
	{ names: ['Company Name'], alias: 'company' },
	{ names: ['Contact ID'], alias: 'contact_id' },
	{ names: ['Email', 'Requester Email'], alias: 'email' },
	{ names: ['Full name', 'Requester Name'], alias: 'full_name' }
];

/** Labels only this export has; with "ticket id" and "created time" they identify it. */
const SIGNATURE = [
	'due by time',
	'resolved time',
	'closed time',
	'initial response time',
	'first response time (in hrs)',
	'resolution time (in hrs)',
	'agent interactions',
	'resolution status',
	'first response status',
	'survey results',
	'survey result'
];

/** Headers only Freshservice writes. */
const FRESHSERVICE = ['requester email', 'requester name', 'urgency', 'impact', 'sub-category'];

const lowerHeader = (f: FileSample) => new Set(f.header.map((h) => h.replace(/^\uFEFF/, '').trim().toLowerCase()));

const isTicketExport = (f: FileSample) => {
	const header = lowerHeader(f);
	return f.kind === 'csv' && header.has('ticket id') && header.has('created time') && header.has('status');
};

/** The header as written in the file for the first of `names` it has, for rejection messages. */
function headerFor(f: FileSample, names: string[]): string {
	const wanted = names.map((n) => n.toLowerCase());
	return f.header.map((h) => h.replace(/^\uFEFF/, '').trim()).find((h) => wanted.includes(h.toLowerCase())) ?? names[0];
}

/** Freshdesk's (and Freshservice's) ticket list CSV export: one row per ticket, local times. */
export const freshdeskCsv: SourceAdapter = {
	id: 'freshdesk-csv',
	label: 'Freshdesk ticket CSV export',
	sourceLabel: 'freshdesk',
	naiveTimestampColumn: 'Created time',
	detect: (files) => {
		for (const f of files) {
			if (!isTicketExport(f)) continue;
			const header = lowerHeader(f);
			const found = SIGNATURE.filter((s) => header.has(s));
			if (found.length < 2) continue;
			const variant = FRESHSERVICE.some((s) => header.has(s)) ? "Freshservice's" : "Freshdesk's";
			return {
				score: 80 + found.length,
				reason: `${f.name} has ${variant} ticket export columns "ticket id", "created time", ${found.map((s) => `"${s}"`).join(', ')}`
			};
		}
		return null;
	},
	plans: (files, context) =>
		files.filter(isTicketExport).map((f) => ({
			path: f.path,
			plan: mappedPlan({
				adapter: 'freshdesk-csv',
				spec: GENERIC_ENTITIES.find((e) => e.entity === 'tickets')!,
				sql: 'adapters/freshdesk_csv/tickets',
				timezone: context.timezone,
				load: (conn) => readVendorCsv(conn, f.path, f.name, COLUMNS, { dateOrder: context.dateFormat }),
				vendorColumns: {
					ticket_id: headerFor(f, ['Ticket ID']),
					created_at: headerFor(f, ['Created time']),
					status: headerFor(f, ['Status']),
					priority: headerFor(f, ['Priority', 'Urgency']),
					first_response_at: headerFor(f, ['Initial response time']),
					solved_at: headerFor(f, ['Resolved time']),
					final_solved_at: headerFor(f, ['Resolved time']),
					closed_at: headerFor(f, ['Closed time']),
					agent_replies: headerFor(f, ['Agent interactions']),
					csat_score: headerFor(f, ['Survey results', 'Survey result'])
				},
				valueMaps: [
					{ field: headerFor(f, ['Source']), from: 'vendor_source', to: 'channel', canonical: 'channel' },
					{ field: headerFor(f, ['Status']), from: 'vendor_status', to: 'status', canonical: 'status' },
					{ field: headerFor(f, ['Priority', 'Urgency']), from: 'vendor_priority', to: 'priority', canonical: 'priority' },
					{ field: headerFor(f, ['Survey results', 'Survey result']), from: 'vendor_survey', to: 'csat_score' }
				]
			})
		}))
};
