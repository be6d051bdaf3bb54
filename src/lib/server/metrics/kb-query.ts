import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { appliedFilters, FilterError, type KpiQuery } from '../../filters';
import { filterParam } from './kpis';
import { cachedResult } from './result-cache';
import { keyedPage } from './keyed-page';
import { redactRow, redactText } from '../privacy/redact';
import { KB_GAPS_FILTERS, resolveKbGapsWindow, type KbGapsFilter } from './kb-gaps';

/**
 * One row of the KB gap table opened on its own page: a query group's variants, its searches
 * in the table's window, and the tickets that followed them (sql/reports/kb_query_*.sql).
 */

/** The lists of a query group, each downloadable whole as CSV. */
export const KB_QUERY_LISTS = ['variants', 'searches', 'tickets'] as const;
export type KbQueryList = (typeof KB_QUERY_LISTS)[number];

export interface KbQueryQuery {
	/** The group's key (kb_gaps rows' `group_key`). */
	key: string;
	/** Local dates in `tz` (`to` exclusive); null: as the KB gap table resolves them. */
	from: string | null;
	to: string | null;
	tz: string;
	asOf: string;
	where: Partial<Record<KbGapsFilter, string[]>>;
	/** Rows per page of the searches and tickets lists. */
	limit: number;
	searchesOffset: number;
	ticketsOffset: number;
}

export interface KbQueryVariant {
	query: string;
	searches: number;
	failed_searches: number;
	zero_result_searches: number;
	clicked_searches: number;
	/** Searches followed within 24 h by an inbound ticket of the same requester (else org). */
	tickets_after: number;
}

export type KbQueryItem = Record<string, string | number | boolean | null>;

export interface KbQueryPage {
	/** Items in the whole list (all pages). */
	total: number;
	offset: number;
	limit: number;
	rows: KbQueryItem[];
}

export interface KbQueryResult {
	meta: {
		key: string;
		/** The representative: the most searched variant (null when the group has no search in the window). */
		query: string | null;
		from: string;
		to: string;
		tz: string;
		as_of: string;
		filters: Partial<Record<KbGapsFilter, string[]>>;
	};
	variants: KbQueryVariant[];
	searches: KbQueryPage;
	tickets: KbQueryPage;
}

/** The largest offset a list takes: what SQL's integer offset holds. */
const MAX_OFFSET = 2_000_000_000;

function wholeNumber(search: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
	const text = search.get(name);
	const value = Number(text ?? fallback);
	if (!Number.isInteger(value) || value < min || value > max) throw new FilterError(name, `${name} must be a whole number from ${min} to ${max}, got "${text}"`);
	return value;
}

/**
 * Reads a query group's page on top of a parsed KPI query: `key` (required), `limit` (rows
 * per list page, default 100, at most 1000), `searches_offset`, `tickets_offset`. Filters
 * on dimensions searches do not carry are an error that names them.
 */
export function parseKbQueryQuery(search: URLSearchParams, base: KpiQuery): KbQueryQuery {
	const key = search.get('key')?.trim() ?? '';
	if (key === '') throw new FilterError('key', 'key must name a query group (the group_key of a KB gaps row)');
	if (key.length > 1000) throw new FilterError('key', `key must be at most 1000 characters, got ${key.length}`);
	const where: KbQueryQuery['where'] = {};
	for (const [dim, values] of Object.entries(base.where)) {
		if (!(KB_GAPS_FILTERS as readonly string[]).includes(dim)) {
			throw new FilterError('where', `KB searches can be filtered by ${KB_GAPS_FILTERS.join(', ')} only (searches carry no ${dim})`);
		}
		where[dim as KbGapsFilter] = values;
	}
	return {
		key,
		from: base.from,
		to: base.to,
		tz: base.tz,
		asOf: base.asOf,
		where,
		limit: wholeNumber(search, 'limit', 100, 1, 1000),
		searchesOffset: wholeNumber(search, 'searches_offset', 0, 0, MAX_OFFSET),
		ticketsOffset: wholeNumber(search, 'tickets_offset', 0, 0, MAX_OFFSET)
	};
}

/** The SQL parameters the three lists share: the window, the key and the filters. */
function groupParams(q: KbQueryQuery, from: string, to: string) {
	return {
		from,
		to,
		tz: q.tz,
		as_of: q.asOf,
		key: q.key,
		f_segment: filterParam(q.where.segment),
		f_plan: filterParam(q.where.plan),
		f_org: filterParam(q.where.org),
		f_source: filterParam(q.where.source)
	};
}

/**
 * Each list's SQL. Both are read in one pass (keyed-page.ts): a group's items are few, and a
 * second pass would draw the group again.
 */
const LIST_SQL: Record<Exclude<KbQueryList, 'variants'>, string> = {
	searches: 'reports/kb_query_searches',
	tickets: 'reports/kb_query_tickets'
};

async function listPage(db: Database, list: 'searches' | 'tickets', params: ReturnType<typeof groupParams>, limit: number | null, offset: number): Promise<KbQueryPage> {
	const page = await keyedPage(db, { sql: sqlText(LIST_SQL[list]), params, id: null }, limit, offset);
	// The page, the API and the CSVs read the lists here: DESKPULSE_REDACT applies once.
	const rows = page.rows.map((item) => redactRow(item) as KbQueryItem);
	return { total: page.total, offset, limit: limit ?? rows.length, rows };
}

async function variantsOf(db: Database, params: ReturnType<typeof groupParams>): Promise<KbQueryVariant[]> {
	const raw = await db.query(sqlText('reports/kb_query_variants'), params);
	return raw.map((r) => ({
		query: redactText(String(r.query)),
		searches: Number(r.searches),
		failed_searches: Number(r.failed_searches),
		zero_result_searches: Number(r.zero_result_searches),
		clicked_searches: Number(r.clicked_searches),
		tickets_after: Number(r.tickets_after)
	}));
}

/**
 * A KB gap row's query group in the table's window (docs/metrics.md, "Query groups"): its
 * variants with their counts, a page of its searches (newest first) and a page of the
 * tickets that followed them (newest first), with the totals of both lists.
 */
export function computeKbQuery(db: Database, q: KbQueryQuery): Promise<KbQueryResult> {
	return cachedResult(db, 'kb-query', q, () => computeKbQueryUncached(db, q));
}

async function computeKbQueryUncached(db: Database, q: KbQueryQuery): Promise<KbQueryResult> {
	const { from, to } = resolveKbGapsWindow(q);
	const params = groupParams(q, from, to);
	// Side by side on the pool: each statement draws the group again, much of it on one core.
	const [variants, searches, tickets] = await Promise.all([
		variantsOf(db, params),
		listPage(db, 'searches', params, q.limit, q.searchesOffset),
		listPage(db, 'tickets', params, q.limit, q.ticketsOffset)
	]);
	const filters = appliedFilters(q.where, KB_GAPS_FILTERS);
	return {
		meta: { key: q.key, query: variants[0]?.query ?? null, from, to, tz: q.tz, as_of: q.asOf, filters },
		variants,
		searches,
		tickets
	};
}

/** Every row of one list of a query group, for its CSV (never cached: read once). */
export async function kbQueryListRows(db: Database, q: KbQueryQuery, list: KbQueryList): Promise<object[]> {
	const { from, to } = resolveKbGapsWindow(q);
	const params = groupParams(q, from, to);
	if (list === 'variants') return variantsOf(db, params);
	return (await listPage(db, list, params, null, 0)).rows;
}

/** The CSV columns of each list, so an empty list still has its header. */
export const KB_QUERY_COLUMNS: Record<KbQueryList, string[]> = {
	variants: ['query', 'searches', 'failed_searches', 'zero_result_searches', 'clicked_searches', 'tickets_after'],
	searches: [
		'source',
		'search_id',
		'searched_at',
		'query_text',
		'query_normalized',
		'segment',
		'plan',
		'org_id',
		'requester_id',
		'session_id',
		'results_count',
		'clicked_article_id',
		'is_zero_result',
		'is_clicked',
		'is_failed',
		'has_ticket_after',
		'ticket_id_after'
	],
	tickets: [
		'source',
		'ticket_id',
		'created_at',
		'subject',
		'category',
		'status',
		'priority',
		'channel',
		'segment',
		'plan',
		'org_id',
		'matched_by',
		'first_search_at',
		'searches_followed'
	]
};

/** Reads `list=variants|searches|tickets` (the list a CSV holds). */
export function parseKbQueryList(text: string | null): KbQueryList {
	const list = text ?? 'searches';
	if (!(KB_QUERY_LISTS as readonly string[]).includes(list)) throw new FilterError('list', `list must be one of ${KB_QUERY_LISTS.join(', ')}, got "${list}"`);
	return list as KbQueryList;
}
