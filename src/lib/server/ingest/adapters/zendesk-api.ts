import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from '../../db/database';
import { engineReason, ImportFileError } from '../errors';
import { GENERIC_ENTITIES } from '../generic-format';
import type { FileSample, SourceAdapter } from './adapter';
import { mappedPlan } from './mapped-plan';

/**
 * The JSON files of Zendesk's API (vendor-formats 1.2) this adapter reads, told apart by the
 * top-level key of the response they hold. Ticket pages are planned one per file; the other
 * responses are read inside each page's plan as landing tables.
 */
const KEYS = {
	/** Incremental ticket export page: `{"tickets": [...], "metric_sets": [...], "after_cursor", "end_of_stream"}`. */
	tickets: 'tickets',
	metricSets: 'metric_sets',
	/** `GET /api/v2/ticket_metrics`: the same objects as the side-loaded metric sets. */
	ticketMetrics: 'ticket_metrics',
	events: 'ticket_metric_events',
	ratings: 'satisfaction_ratings',
	groups: 'groups',
	slaPolicies: 'sla_policies'
} as const;

/** Keys of a ticket object seen near the start of a page: enough to tell Zendesk's from others'. */
const TICKET_SIGNATURE = ['via', 'requester_id', 'submitter_id', 'satisfaction_rating', 'generated_timestamp', 'metric_sets', 'raw_subject'];

const IDENTIFIER = /^_?[a-z][a-z_]*$/;

/**
 * The largest single response (one top-level JSON object) read. The API pages its responses
 * (1,000 tickets, or 10,000 metric events, a page), so a page is a few MB; DuckDB reserves
 * about twice this per reading thread, so 1 GB would not fit a 4 GB memory budget.
 */
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

const hasKey = (f: FileSample, key: string) => f.kind === 'json' && f.jsonKeys.includes(key);

function isTicketPage(f: FileSample): boolean {
	return hasKey(f, KEYS.tickets) && f.jsonKeys.includes('via') && f.jsonKeys.includes('requester_id');
}

/**
 * Reads the array under `key` of every top-level response in each of `paths` into the temp
 * table `table` (`record_no`, `line_no`: the element's 1-based position in its file, `j`: the
 * element as JSON). The elements stay JSON, not structs, so a field absent from a whole file
 * reads as null instead of failing the mapping SQL. DuckDB reads the files; only the key
 * named here (a constant) becomes SQL text, paths are bound.
 */
async function readJsonArray(conn: Connection, paths: Array<{ path: string; name: string }>, key: string, table: string): Promise<number> {
	if (!IDENTIFIER.test(key) || !IDENTIFIER.test(table)) throw new Error(`"${key}" / "${table}" must be plain identifiers`);
	const params: Record<string, string> = {};
	const parts = paths.map((p, i) => {
		params[`path_${i}`] = p.path;
		return `select ${i} as file_no, row_number() over () as response_no, ${key} as items
		 from read_json($path_${i}, columns = {'${key}': 'JSON[]'}, format = 'auto', records = 'true', maximum_object_size = ${MAX_RESPONSE_BYTES})`;
	});
	const source = parts.length ? parts.join('\n union all\n') : `select 0 as file_no, 0 as response_no, cast([] as json[]) as items where false`;
	try {
		await conn.run(
			`create temp table ${table} as
			 with responses as (${source}),
			 elements as (
			     select file_no, response_no, e.j, e.ord
			     from responses, unnest(responses.items) with ordinality as e(j, ord)
			 )
			 select
			     row_number() over (order by file_no, response_no, ord) as record_no,
			     row_number() over (partition by file_no order by response_no, ord) as line_no,
			     j
			 from elements`,
			params
		);
	} catch (e) {
		const names = paths.map((p) => p.name).join(', ');
		throw new ImportFileError(names, `cannot be read as Zendesk API JSON ("${key}"): ${engineReason(e)}`);
	}
	const [{ n }] = await conn.query<{ n: number }>(`select count(*)::integer as n from ${table}`);
	return n;
}

const filesWith = (files: FileSample[], key: string) => files.filter((f) => hasKey(f, key)).map((f) => ({ path: f.path, name: f.name }));

/**
 * The per-ticket companions (metric events, satisfaction ratings, /ticket_metrics) cover
 * every ticket of the export, while each ticket page is imported in its own transaction:
 * reading them again for every page would cost pages x companion size (a 150 MB events file
 * read 200 times). So the first page that needs a companion writes it once to a Parquet file,
 * keyed by ticket id, in a private temporary folder, and every page reads back only its own
 * tickets' rows. The folder is removed after the last page. A single page reads directly.
 */
class CompanionStore {
	private dir: string | null = null;
	private readonly written = new Set<string>();

	constructor(
		private readonly files: FileSample[],
		private readonly cached: boolean
	) {}

	/** Fills `table` (`record_no`, `j`) with the `key` elements of this page's tickets (`_zd_tickets`). */
	async load(conn: Connection, key: string, table: string): Promise<void> {
		const sources = filesWith(this.files, key);
		if (!this.cached || sources.length === 0) {
			await readJsonArray(conn, sources, key, table);
			return;
		}
		this.dir ??= mkdtempSync(join(tmpdir(), 'deskpulse-zendesk-api-'));
		const cache = join(this.dir, `${key}.parquet`);
		if (!this.written.has(key)) {
			await readJsonArray(conn, sources, key, '_zd_companion');
			await conn.run(
				`copy (select record_no, j->>'$.ticket_id' as ticket_id, j from _zd_companion order by ticket_id) to $cache (format parquet)`,
				{ cache }
			);
			await conn.run(`drop table _zd_companion`);
			this.written.add(key);
		}
		await conn.run(
			`create temp table ${table} as
			 select record_no, j
			 from read_parquet($cache)
			 where ticket_id in (select j->>'$.id' from _zd_tickets)`,
			{ cache }
		);
	}

	/** Removes the temporary folder. */
	close(): void {
		if (this.dir) rmSync(this.dir, { recursive: true, force: true });
		this.dir = null;
		this.written.clear();
	}
}

/** The ticket fields kept in each row's `extra` JSON (the rest stays in the quarantine's raw record). */
const EXTRA_FIELDS = ['updated_at', 'submitter_id', 'brand_id', 'ticket_form_id', 'due_at', 'custom_fields'];

/** Zendesk Support's API JSON: incremental ticket export pages with metric sets, and their companions. */
export const zendeskApi: SourceAdapter = {
	id: 'zendesk-api',
	label: 'Zendesk API JSON (incremental ticket export)',
	sourceLabel: 'zendesk',
	detect: (files) => {
		const pages = files.filter(isTicketPage);
		if (pages.length === 0) return null;
		const seen = TICKET_SIGNATURE.filter((k) => pages.some((p) => p.jsonKeys.includes(k)));
		const companions = files.filter((f) => [KEYS.events, KEYS.ratings, KEYS.ticketMetrics, KEYS.slaPolicies].some((k) => hasKey(f, k)));
		const also = companions.length ? `; with ${companions.map((f) => f.name).join(', ')}` : '';
		return {
			score: 85 + seen.length,
			reason: `${pages.map((p) => p.name).join(', ')} ${pages.length > 1 ? 'have' : 'has'} Zendesk incremental-export keys tickets, ${seen.join(', ')}${also}`
		};
	},
	plans: (files, context) => {
		const pages = files.filter(isTicketPage).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
		const companions = new CompanionStore(files, pages.length > 1);
		const read = files
			.filter((f) => [KEYS.events, KEYS.ratings, KEYS.ticketMetrics, KEYS.groups].some((k) => hasKey(f, k)) && !pages.includes(f))
			.map((f) => f.path);
		return pages.map((page, index) => ({
			path: page.path,
			alsoReads: read,
			plan: mappedPlan({
				adapter: 'zendesk-api',
				spec: GENERIC_ENTITIES.find((e) => e.entity === 'tickets')!,
				sql: 'adapters/zendesk_api/tickets',
				timezone: context.timezone,
				load: async (conn) => {
					try {
						const pageFile = [{ path: page.path, name: page.name }];
						await readJsonArray(conn, pageFile, KEYS.tickets, '_zd_tickets');
						// A ticket listed twice in a page (updated while the export ran) is one ticket,
						// its last copy the current one: rows read counts tickets, as the history-table
						// adapters count conversations, so read = kept + rejected.
						const [{ rowsRead }] = await conn.query<{ rowsRead: number }>(
							`select count(distinct coalesce(dp_vendor_text(json_extract_string(j, '$.id')), 'line ' || line_no))::integer as "rowsRead" from _zd_tickets`
						);
						// Metric sets side-loaded in the page, plus any /ticket_metrics responses.
						await readJsonArray(conn, pageFile, KEYS.metricSets, '_zd_page_metrics');
						await companions.load(conn, KEYS.ticketMetrics, '_zd_other_metrics');
						await companions.load(conn, KEYS.events, '_zd_events');
						await companions.load(conn, KEYS.ratings, '_zd_ratings');
						await readJsonArray(conn, filesWith(files, KEYS.groups), KEYS.groups, '_zd_groups');
						return { rowsRead, extraColumns: EXTRA_FIELDS };
					} finally {
						if (index === pages.length - 1) companions.close();
					}
				},
				vendorColumns: {
					ticket_id: 'id',
					created_at: 'created_at',
					status: 'status',
					priority: 'priority',
					first_response_at: 'metric_sets.reply_time_in_minutes',
					solved_at: 'metric_sets.first_resolution_time_in_minutes',
					final_solved_at: 'metric_sets.solved_at',
					reopens: 'metric_sets.reopens',
					agent_replies: 'metric_sets.replies',
					csat_score: 'satisfaction_rating.score',
					csat_at: 'satisfaction_ratings.created_at'
				},
				valueMaps: [
					{ field: 'via.channel', from: 'vendor_channel', to: 'channel', canonical: 'channel' },
					{ field: 'satisfaction_rating.score', from: 'vendor_satisfaction', to: 'csat_score' },
					{ field: 'status', from: 'status', to: 'status', canonical: 'status' },
					{ field: 'priority', from: 'priority', to: 'priority', canonical: 'priority' }
				]
			})
		}));
	}
};
