import { filterParam } from './kpis';
import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { redactText } from '../privacy/redact';
import { appliedFilters, FilterError, type KpiQuery } from '../../filters';
import { cachedResult } from './result-cache';
import { addLocalDays, daysBetween, isCalendarDate, isoWeekStart, lastCompleteWeek } from '../../periods';

/** What the KB gaps table is computed per: one ranking for each segment, or each plan. */
export const KB_GAPS_GROUPS = ['segment', 'plan'] as const;
export type KbGapsGroup = (typeof KB_GAPS_GROUPS)[number];

/** The dimensions searches carry, so the only ones KB gaps can be filtered by. */
export const KB_GAPS_FILTERS = ['segment', 'plan', 'org', 'source'] as const;
export type KbGapsFilter = (typeof KB_GAPS_FILTERS)[number];

/** Days in the default window: the 7 local days before as_of's local date. */
export const KB_GAPS_DEFAULT_DAYS = 7;

export interface KbGapsQuery {
	/** Local date in `tz`, inclusive; null: `to` minus 7 days. */
	from: string | null;
	/** Local date in `tz`, exclusive; null: `from` plus 7 days, or without `from` the end of the last complete ISO week before as_of. */
	to: string | null;
	/** IANA zone the window's dates are read in. */
	tz: string;
	/** ISO 8601 instant: searches and tickets after it do not exist for the report. */
	asOf: string;
	per: KbGapsGroup;
	where: Partial<Record<KbGapsFilter, string[]>>;
	/** Rows kept per group (the top of its ranking). */
	limit: number;
}

/** One ranked query of one group. Exactly one of `segment` / `plan` is set, as `per` says. */
export interface KbGapsRow {
	segment?: string | null;
	plan?: string | null;
	/** 1 for the largest gap of the group; ties on the score are broken by query. */
	rank: number;
	/**
	 * The query group's representative: its most searched variant in the row (a normalized
	 * query: lower-cased, trimmed, inner whitespace collapsed), ties to the alphabetically first.
	 */
	query: string;
	/** The group's token-set key (sql/macros/kb_queries.sql): what the query page is opened by. */
	group_key: string;
	/** The normalized queries the row groups, most searched first (the first is `query`). */
	variants: string[];
	variant_count: number;
	searches: number;
	/** Shares of the query's searches (fractions in [0, 1]). */
	zero_result_rate: number;
	click_rate: number;
	/** Searches followed within 24 h by an inbound ticket of the same requester (else org). */
	tickets_after: number;
	/** Up to 3 categories of those tickets, the most frequent first. */
	example_categories: string[];
	/** failed searches x (1 + tickets_after / searches). */
	kb_gap_score: number;
	/** The score in the window of equal length just before; null when not searched then. */
	previous_kb_gap_score: number | null;
	kb_gap_score_change: number | null;
}

export interface KbGapsResult {
	meta: {
		/** The window the ranking covers (resolved when the query left it open). */
		from: string;
		to: string;
		/** The window the change is measured against: equally long, just before. */
		previous_from: string;
		previous_to: string;
		tz: string;
		as_of: string;
		per: KbGapsGroup;
		filters: Partial<Record<KbGapsFilter, string[]>>;
		limit: number;
	};
	rows: KbGapsRow[];
}

function checkDate(param: string, value: string | null): void {
	if (value !== null && !isCalendarDate(value)) {
		throw new FilterError(param, `${param} must be a date YYYY-MM-DD, got "${value}"`);
	}
}

/**
 * The KB gaps window as local dates (`to` exclusive) from a query's optional from/to: with
 * neither, the last complete ISO week before as_of in `tz`; with one, 7 days from it. The
 * previous window is as long and ends at `from`. The query page (kb-query.ts) resolves its
 * window here too, so a link without dates opens the table's own week.
 */
export function resolveKbGapsWindow(q: Pick<KbGapsQuery, 'from' | 'to' | 'asOf' | 'tz'>): { from: string; to: string; previousFrom: string } {
	checkDate('from', q.from);
	checkDate('to', q.to);
	let to = q.to;
	if (to === null) {
		if (q.from !== null) {
			to = addLocalDays(q.from, KB_GAPS_DEFAULT_DAYS);
		} else {
			// The last complete ISO week before as_of, as the pages and the weekly review show:
			// the days just before as_of would be a window no other view answers.
			to = addLocalDays(isoWeekStart(lastCompleteWeek(q.asOf, q.tz)), KB_GAPS_DEFAULT_DAYS);
		}
	}
	const from = q.from ?? addLocalDays(to, -KB_GAPS_DEFAULT_DAYS);
	if (from >= to) throw new FilterError('to', `to (${to}) must be after from (${from}); to is exclusive`);
	return { from, to, previousFrom: addLocalDays(from, -daysBetween(from, to)) };
}

/**
 * The KB gaps table (docs/metrics.md): per segment or plan, the query groups (near-duplicate
 * normalized queries, sql/macros/kb_queries.sql) whose searches failed (zero results or no click) in the window, ranked by kb_gap_score with the
 * change against the window of equal length just before. Without `from` and `to` the window
 * is the 7 local days before as_of's local date in `tz` (the last ISO week when as_of falls
 * on a Monday, as in the weekly review). Scores are unitless; rates are fractions.
 */
export function computeKbGaps(db: Database, q: KbGapsQuery): Promise<KbGapsResult> {
	return cachedResult(db, 'kb-gaps', q, () => computeKbGapsUncached(db, q));
}

async function computeKbGapsUncached(db: Database, q: KbGapsQuery): Promise<KbGapsResult> {
	if (!(KB_GAPS_GROUPS as readonly string[]).includes(q.per)) {
		throw new FilterError('per', `per must be segment or plan, got "${q.per}"`);
	}
	if (!Number.isInteger(q.limit) || q.limit < 1) {
		throw new FilterError('limit', `limit must be a positive whole number, got "${q.limit}"`);
	}
	const unknown = Object.keys(q.where).filter((d) => !(KB_GAPS_FILTERS as readonly string[]).includes(d));
	if (unknown.length) {
		throw new FilterError('where', `KB gaps can be filtered by ${KB_GAPS_FILTERS.join(', ')} only, got ${unknown.join(', ')}`);
	}
	const { from, to, previousFrom } = resolveKbGapsWindow(q);

	const raw = await db.query(sqlText('reports/kb_gaps'), {
		from,
		to,
		tz: q.tz,
		as_of: q.asOf,
		by1: q.per,
		f_segment: filterParam(q.where.segment),
		f_plan: filterParam(q.where.plan),
		f_org: filterParam(q.where.org),
		f_source: filterParam(q.where.source),
		limit: q.limit
	});
	const rows = raw.map((r) => {
		const row: KbGapsRow = {
			[q.per]: (r.dim1 as string | null) ?? null,
			rank: Number(r.rank),
			// Queries are typed by customers and can hold their address (DESKPULSE_REDACT=email).
			query: redactText(String(r.query)),
			group_key: redactText(String(r.group_key)),
			variants: ((r.variants as string[] | null) ?? []).map((v) => redactText(v)),
			variant_count: Number(r.variant_count),
			searches: Number(r.searches),
			zero_result_rate: Number(r.zero_result_rate),
			click_rate: Number(r.click_rate),
			tickets_after: Number(r.tickets_after),
			example_categories: (r.example_categories as string[] | null) ?? [],
			kb_gap_score: Number(r.kb_gap_score),
			previous_kb_gap_score: r.previous_kb_gap_score === null ? null : Number(r.previous_kb_gap_score),
			kb_gap_score_change: r.kb_gap_score_change === null ? null : Number(r.kb_gap_score_change)
		};
		return row;
	});
	const filters = appliedFilters(q.where, KB_GAPS_FILTERS);
	return {
		meta: {
			from,
			to,
			previous_from: previousFrom,
			previous_to: from,
			tz: q.tz,
			as_of: q.asOf,
			per: q.per,
			filters,
			limit: q.limit
		},
		rows
	};
}

/**
 * Reads the KB gaps options on top of a parsed KPI query: `per=segment|plan` (default
 * segment) and `limit` (rows per group, default 10, at most 100). Filters on dimensions that
 * searches do not carry are an error that names them.
 */
export function parseKbGapsQuery(search: URLSearchParams, base: KpiQuery): KbGapsQuery {
	const per = (search.get('per') ?? 'segment') as KbGapsGroup;
	if (!KB_GAPS_GROUPS.includes(per)) throw new FilterError('per', `per must be segment or plan, got "${per}"`);
	const limitText = search.get('limit') ?? '10';
	const limit = Number(limitText);
	if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new FilterError('limit', `limit must be a whole number from 1 to 100, got "${limitText}"`);
	const where: KbGapsQuery['where'] = {};
	for (const [dim, values] of Object.entries(base.where)) {
		if (!(KB_GAPS_FILTERS as readonly string[]).includes(dim)) {
			throw new FilterError('where', `KB gaps can be filtered by ${KB_GAPS_FILTERS.join(', ')} only (searches carry no ${dim})`);
		}
		where[dim as KbGapsFilter] = values;
	}
	return { from: base.from, to: base.to, tz: base.tz, asOf: base.asOf, per, where, limit };
}

/** The KB gaps table's CSV columns, shared by the API and the CLI. */
export const KB_GAPS_COLUMNS = (per: string) => [
	per,
	'rank',
	'query',
	'searches',
	'zero_result_rate',
	'click_rate',
	'tickets_after',
	'example_categories',
	'kb_gap_score',
	'previous_kb_gap_score',
	'kb_gap_score_change',
	'variant_count',
	'variants',
	'group_key'
];

/** KB gap rows with their category and variant lists joined for a spreadsheet cell. */
export function kbGapsCsvRows(rows: ReadonlyArray<{ example_categories: string[]; variants: string[] }>): object[] {
	return rows.map((r) => ({ ...r, example_categories: r.example_categories.join(';'), variants: r.variants.join(';') }));
}
