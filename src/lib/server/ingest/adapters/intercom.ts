import type { Connection } from '../../db/database';
import { readJsonRecords } from './vendor-json';
import { sqlText } from '../../db/sql-files';
import { GENERIC_ENTITIES } from '../generic-format';
import type { FileSample, SourceAdapter } from './adapter';
import { mappedPlan } from './mapped-plan';

/** Keys only Intercom's conversation objects have; two of them make a file Intercom's. */
const SIGNATURE = [
	'admin_assignee_id',
	'team_assignee_id',
	'delivered_as',
	'conversation_parts',
	'time_to_admin_reply',
	'conversation_rating',
	'count_reopens'
];

function signatureKeys(file: FileSample): string[] {
	const keys = new Set(file.jsonKeys);
	return SIGNATURE.filter((k) => keys.has(k));
}

const isIntercomJson = (f: FileSample) => f.kind === 'json' && signatureKeys(f).length >= 2;

/**
 * Loads the temporary macros of Intercom's vocabulary (sql/adapters/intercom/macros.sql) on
 * the import's connection; the Fivetran-tables adapter shares them.
 */
export async function loadIntercomMacros(conn: Connection): Promise<void> {
	await conn.exec(sqlText('adapters/intercom/macros'));
}


/** Intercom's conversations from the REST API (pages, an array or NDJSON): unix-second UTC times. */
export const intercom: SourceAdapter = {
	id: 'intercom',
	label: 'Intercom conversations (REST API JSON)',
	sourceLabel: 'intercom',
	detect: (files) => {
		const found = files.filter(isIntercomJson);
		if (found.length === 0) return null;
		const keys = signatureKeys(found[0]);
		return {
			score: 80 + keys.length,
			reason: `${found[0].name} has Intercom conversation keys ${keys.join(', ')}${found.length > 1 ? ` (and ${found.length - 1} more such files)` : ''}`
		};
	},
	plans: (files, context) =>
		files.filter(isIntercomJson).map((f) => ({
			path: f.path,
			plan: mappedPlan({
				adapter: 'intercom',
				spec: GENERIC_ENTITIES.find((e) => e.entity === 'tickets')!,
				sql: 'adapters/intercom/tickets',
				timezone: context.timezone,
				load: async (conn) => {
					await loadIntercomMacros(conn);
					const rowsRead = await readJsonRecords(conn, f.path, f.name, '$.conversations', '_ic_records');
					return { rowsRead, extraColumns: [] };
				},
				vendorColumns: {
					ticket_id: 'id',
					created_at: 'created_at',
					status: 'state',
					priority: 'priority',
					first_ack_at: 'conversation_parts',
					first_response_at: 'statistics.first_admin_reply_at',
					solved_at: 'statistics.first_close_at',
					final_solved_at: 'statistics.last_close_at',
					reopens: 'statistics.count_reopens',
					csat_score: 'conversation_rating.rating',
					csat_at: 'conversation_rating.created_at'
				},
				valueMaps: [
					{ field: 'state', from: 'vendor_state', to: 'status', canonical: 'status' },
					{ field: 'source.type', from: 'vendor_source_type', to: 'channel', canonical: 'channel' },
					{ field: 'priority', from: 'vendor_priority', to: 'priority', canonical: 'priority' }
				]
			})
		}))
};
