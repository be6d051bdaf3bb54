import { GENERIC_ENTITIES } from '../generic-format';
import type { FileSample, SourceAdapter } from './adapter';
import { readJsonRecords } from './vendor-json';
import { mappedPlan } from './mapped-plan';

/** Keys of Help Scout's Mailbox API conversation objects; two of them make a file Help Scout's. */
const SIGNATURE = ['mailboxId', 'primaryCustomer', 'customerWaitingSince', 'userUpdatedAt', 'closedByUser', 'folderId'];

function signatureKeys(file: FileSample): string[] {
	const keys = new Set(file.jsonKeys);
	return SIGNATURE.filter((k) => keys.has(k));
}

const isHelpScoutJson = (f: FileSample) => f.kind === 'json' && signatureKeys(f).length >= 2;

/** Help Scout's conversations with embedded threads (Mailbox API 2.0 pages, an array or NDJSON): UTC times. */
export const helpscout: SourceAdapter = {
	id: 'helpscout',
	label: 'Help Scout conversations (Mailbox API JSON)',
	sourceLabel: 'helpscout',
	detect: (files) => {
		const found = files.filter(isHelpScoutJson);
		if (found.length === 0) return null;
		const keys = signatureKeys(found[0]);
		return {
			score: 80 + keys.length,
			reason: `${found[0].name} has Help Scout conversation keys ${keys.join(', ')}${found.length > 1 ? ` (and ${found.length - 1} more such files)` : ''}`
		};
	},
	plans: (files, context) =>
		files.filter(isHelpScoutJson).map((f) => ({
			path: f.path,
			plan: mappedPlan({
				adapter: 'helpscout',
				spec: GENERIC_ENTITIES.find((e) => e.entity === 'tickets')!,
				sql: 'adapters/helpscout/tickets',
				timezone: context.timezone,
				load: async (conn) => ({
					rowsRead: await readJsonRecords(conn, f.path, f.name, '$._embedded.conversations', '_hs_records'),
					extraColumns: []
				}),
				vendorColumns: {
					ticket_id: 'id',
					created_at: 'createdAt',
					status: 'status',
					first_ack_at: '_embedded.threads',
					first_response_at: '_embedded.threads',
					solved_at: 'closedAt',
					final_solved_at: 'closedAt',
					csat_score: 'rating',
					csat_at: 'rating.createdAt'
				},
				valueMaps: [
					{ field: 'status', from: 'vendor_status', to: 'status', canonical: 'status' },
					{ field: 'type', from: 'vendor_type', to: 'channel', canonical: 'channel' },
					{ field: 'rating', from: 'vendor_rating', to: 'csat_score' }
				]
			})
		}))
};
