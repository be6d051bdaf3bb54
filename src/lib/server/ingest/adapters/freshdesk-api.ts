import type { Connection } from '../../db/database';
import { sqlText } from '../../db/sql-files';
import { engineReason, ImportFileError } from '../errors';
import { GENERIC_ENTITIES } from '../generic-format';
import type { FileSample, SourceAdapter } from './adapter';
import { mappedPlan } from './mapped-plan';

/** Ticket keys only Freshdesk's API writes (with `include=stats`). */
const SIGNATURE = ['fr_due_by', 'fr_escalated', 'responder_id', 'is_escalated', 'nr_due_by', 'first_responded_at'];

/** Top-level ticket keys the mapping SQL reads; the others are kept in `extra`. */
const MAPPED_KEYS = [
	'id',
	'created_at',
	'status',
	'priority',
	'source',
	'subject',
	'type',
	'tags',
	'requester_id',
	'company_id',
	'group_id',
	'responder_id'
];

const signatureOf = (f: FileSample) => SIGNATURE.filter((s) => f.jsonKeys.includes(s));

const isTicketFile = (f: FileSample) => f.kind === 'json' && signatureOf(f).length >= 2;

/** The satisfaction ratings (`GET /api/v2/surveys/satisfaction_ratings`) beside the tickets. */
const isRatingsFile = (f: FileSample) =>
	f.kind === 'json' &&
	!isTicketFile(f) &&
	(/^satisfaction_ratings?\.(json|ndjson|jsonl)$/i.test(f.name) || (f.jsonKeys.includes('ratings') && f.jsonKeys.includes('survey_id')));

/**
 * The account's ticket fields (`GET /api/v2/ticket_fields`): the status field's choices name
 * the custom statuses (6 and up) that a ticket carries only as a number.
 */
const isTicketFieldsFile = (f: FileSample) =>
	f.kind === 'json' &&
	!isTicketFile(f) &&
	(/^ticket_fields?\.json$/i.test(f.name) || (f.jsonKeys.includes('choices') && f.jsonKeys.includes('default') && f.jsonKeys.includes('label')));

/**
 * Reads a JSON file into `table` (record_no, j): one row per record, as the JSON text the API
 * wrote, numbered from 1 in file order. Takes an array of records, newline-delimited
 * records, or concatenated API pages (one array per line, or `[...][...]`), whose elements
 * are unnested here. DuckDB streams the file; unlike read_json (readVendorJson) nothing is
 * typed by inference, so times keep their "Z" in `extra` and the quarantine, and a field no
 * record has is simply null in the mapping SQL rather than a binder error. One record (or
 * page) may be up to 64 MB: DuckDB sizes its read buffers from that limit, and 1 GB ran out
 * of memory on a 144 MB newline-delimited file.
 */
async function readRecords(conn: Connection, path: string, file: string, table: string): Promise<void> {
	if (!/^_[a-z_]+$/.test(table)) throw new Error(`JSON landing table "${table}" must be a plain _identifier`);
	try {
		await conn.run(
			`create temp table ${table} as
			 with objects as (
			     select row_number() over () as page_no, json
			     from read_json_objects($path, format = 'auto', maximum_object_size = 67108864)
			 ),
			 elements as (
			     select page_no, 0 as element_no, json as j from objects where json_type(json) <> 'ARRAY'
			     union all
			     select page_no, generate_subscripts(json_extract(json, '$[*]'), 1) as element_no, unnest(json_extract(json, '$[*]')) as j
			     from objects where json_type(json) = 'ARRAY'
			 )
			 select row_number() over (order by page_no, element_no) as record_no, j
			 from elements`,
			{ path }
		);
	} catch (e) {
		throw new ImportFileError(file, `cannot be read as JSON: ${engineReason(e)}`);
	}
}

/** Freshdesk's REST API tickets (`GET /api/v2/tickets?include=stats`), times in UTC. */
export const freshdeskApi: SourceAdapter = {
	id: 'freshdesk-api',
	label: 'Freshdesk API tickets JSON',
	sourceLabel: 'freshdesk',
	detect: (files) => {
		for (const f of files) {
			if (f.kind !== 'json') continue;
			const found = signatureOf(f);
			if (found.length >= 3) {
				const ratings = files.find(isRatingsFile);
				const fields = files.find(isTicketFieldsFile);
				return {
					score: 80 + found.length,
					reason:
						`${f.name} has Freshdesk API ticket keys ${found.map((s) => `"${s}"`).join(', ')}` +
						`${ratings ? `; ratings from ${ratings.name}` : ''}${fields ? `; status names from ${fields.name}` : ''}`
				};
			}
		}
		return null;
	},
	plans: (files, context) => {
		const ratings = files.find(isRatingsFile);
		const fields = files.find(isTicketFieldsFile);
		return files.filter(isTicketFile).map((f) => ({
			path: f.path,
			alsoReads: [ratings?.path, fields?.path].filter((p): p is string => p !== undefined),
			plan: mappedPlan({
				adapter: 'freshdesk-api',
				spec: GENERIC_ENTITIES.find((e) => e.entity === 'tickets')!,
				sql: 'adapters/freshdesk_api/tickets',
				timezone: context.timezone,
				load: async (conn) => {
					await readRecords(conn, f.path, f.name, '_fd_tickets');
					if (ratings) await readRecords(conn, ratings.path, ratings.name, '_fd_ratings');
					else await conn.exec(`create temp table _fd_ratings (record_no bigint, j json)`);
					await conn.exec(`create temp table _fd_csat as\n${sqlText('adapters/freshdesk_api/satisfaction_ratings')}`);
					if (fields) await readRecords(conn, fields.path, fields.name, '_fd_fields');
					else await conn.exec(`create temp table _fd_fields (record_no bigint, j json)`);
					await conn.exec(`create temp table _fd_status_names as\n${sqlText('adapters/freshdesk_api/status_names')}`);
					const [{ n }] = await conn.query<{ n: number }>(`select count(*)::integer as n from _fd_tickets`);
					const keys = await conn.query<{ key: string }>(
						`select distinct unnest(json_keys(j)) as key from (select j from _fd_tickets order by record_no limit 1) order by key`
					);
					return { rowsRead: n, extraColumns: keys.map((k) => k.key).filter((k) => !MAPPED_KEYS.includes(k)) };
				},
				vendorColumns: {
					ticket_id: 'id',
					created_at: 'created_at',
					status: 'status',
					priority: 'priority',
					first_response_at: 'stats.first_responded_at',
					solved_at: 'stats.resolved_at',
					final_solved_at: 'stats.resolved_at',
					closed_at: 'stats.closed_at',
					csat_score: `${ratings?.name ?? 'satisfaction_ratings.json'}: ratings.default_question`,
					csat_at: `${ratings?.name ?? 'satisfaction_ratings.json'}: created_at`
				},
				valueMaps: [
					{ field: 'source', from: 'vendor_source', to: 'channel', canonical: 'channel' },
					{ field: 'status', from: 'vendor_status', label: 'vendor_status_label', to: 'status', canonical: 'status' },
					{ field: 'priority', from: 'vendor_priority', to: 'priority', canonical: 'priority' },
					{ field: 'ratings.default_question', from: 'vendor_rating', to: 'csat_score' }
				]
			})
		}));
	}
};
