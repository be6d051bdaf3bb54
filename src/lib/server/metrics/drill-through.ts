import { isCalendarDate, periodRange } from '../../periods';
import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { appliedFilters, DIMENSIONS, FilterError, GRAINS, type Hours, type KpiQuery } from '../../filters';
import { METRICS, metricInfo, type DrillItems, type MetricDrill } from '../../metric-catalog';
import { metricParams, reportHours } from './kpis';
import { cachedResult } from './result-cache';
import { keyedPage, type ListStatement } from './keyed-page';
import { redactRow } from '../privacy/redact';

/**
 * Drill-through: for a metric cell, the tickets (or sessions, or searches) behind it, with the
 * per-item values that went into it. Each kind has its report SQL and its sort keys; which
 * sample each metric is computed over and whether an item can be tested against its
 * numerator, the registry says (src/lib/metric-catalog.ts, `drill`).
 */
export type DrillKind = DrillItems;

export const TICKET_SORTS = ['created_at', 'solved_at', 'frt_minutes', 'ack_minutes', 'resolution_minutes', 'age_minutes', 'ticket_id', 'priority'];

interface DrillKindSpec {
	sql: string;
	/** The column that names an item within its source. */
	id: string;
	sorts: string[];
	/** The sample when no metric is named. */
	defaultSample: string;
	/** The filters its items can be cut by (sessions and searches have no ticket dimensions). */
	filters: readonly string[];
}

const DRILL: Record<DrillKind, DrillKindSpec> = {
	tickets: { sql: 'reports/tickets', id: 'ticket_id', sorts: TICKET_SORTS, defaultSample: 'created', filters: DIMENSIONS },
	sessions: { sql: 'reports/sessions', id: 'session_id', sorts: ['started_at'], defaultSample: 'all', filters: ['segment', 'plan', 'org', 'source'] },
	searches: { sql: 'reports/searches', id: 'search_id', sorts: ['searched_at'], defaultSample: 'all', filters: ['segment', 'plan', 'org', 'source'] }
};

/** The registry's metrics whose items are `kind`, with how each drills. */
function drillsOf(kind: DrillKind): Array<{ id: string; drill: MetricDrill }> {
	return METRICS.flatMap((m) => (m.drill?.items === kind ? [{ id: m.id, drill: m.drill }] : []));
}

/** The metrics a drill-through can list tickets for. */
export const DRILLABLE_METRICS = drillsOf('tickets').map((m) => m.id);

/** The kind of item a metric's drill-through lists, if it has one. */
export function drillKindOf(metric: string): DrillKind | undefined {
	return metricInfo(metric)?.drill?.items;
}

export interface DrillQuery extends KpiQuery {
	kind: DrillKind;
	/** The metric whose cell is drilled into (null: every item of the range). */
	metric: string | null;
	/** true: only the rate's numerator (breached, satisfied, deflected, ...); false: only the rest. */
	onlyNumerator: boolean | null;
	sort: string;
	descending: boolean;
	limit: number;
	offset: number;
	/** Searches only: one normalized query (KB gaps drill by it). */
	query: string | null;
	/** Tickets only: one ticket id (a KB query page links each ticket that followed a search). */
	ticket: string | null;
}

export interface DrillResult {
	meta: {
		kind: DrillKind;
		metric: string | null;
		hours: Hours;
		tz: string;
		as_of: string;
		from: string | null;
		to: string | null;
		filters: Record<string, string[]>;
		sort: string;
		order: 'asc' | 'desc';
		limit: number;
		offset: number;
		/** Tickets in the cell (all pages). */
		total: number;
		/** The one ticket asked for (`ticket=`), if any. */
		ticket: string | null;
	};
	rows: Array<Record<string, string | number | boolean | string[] | null>>;
}

/**
 * Reads the drill-through options on top of a parsed KPI query: `metric`, `period_start`
 * (with `grain`, instead of from/to), `numerator=true|false`, `sort`, `order`, `limit`,
 * `offset`, and for searches `query`. The metric must be one the kind lists items for.
 */
export function parseDrillQuery(kind: DrillKind, search: URLSearchParams, base: KpiQuery): DrillQuery {
	const spec = DRILL[kind];
	const metric = search.get('metric')?.trim() || null;
	const drills = drillsOf(kind);
	if (metric !== null && drillKindOf(metric) !== kind) {
		const other = drillKindOf(metric);
		const hint = other ? ` (its items are ${other}: GET /api/v1/${other})` : metricInfo(metric) ? ' (it has no item list)' : '';
		throw new FilterError('metric', `metric: no ${kind} list for "${metric}"${hint}; ${kind} lists exist for ${drills.map((m) => m.id).join(', ')}`);
	}
	const unsupported = Object.keys(base.where).filter((d) => !spec.filters.includes(d));
	if (unsupported.length) throw new FilterError('where', `${kind} can be filtered by ${spec.filters.join(', ')} only, not ${unsupported.join(', ')}`);
	let { from, to } = base;
	const periodStart = search.get('period_start')?.trim();
	if (periodStart) {
		if (!isCalendarDate(periodStart)) {
			throw new FilterError('period_start', `period_start must be a date YYYY-MM-DD, got "${periodStart}"`);
		}
		({ from, to } = periodRange(periodStart, base.grain));
	}
	const numeratorText = search.get('numerator');
	let onlyNumerator: boolean | null = null;
	if (numeratorText === 'true' || numeratorText === 'false') {
		if (!metric || !metricInfo(metric)?.drill?.numerator) {
			const rates = drills.filter((m) => m.drill.numerator).map((m) => m.id);
			throw new FilterError('numerator', `numerator applies to the rates ${rates.join(', ')}`);
		}
		onlyNumerator = numeratorText === 'true';
	} else if (numeratorText) {
		throw new FilterError('numerator', `numerator must be true or false, got "${numeratorText}"`);
	}
	const sort = search.get('sort') ?? spec.sorts[0];
	if (!spec.sorts.includes(sort)) throw new FilterError('sort', `sort must be one of ${spec.sorts.join(', ')}, got "${sort}"`);
	const order = search.get('order') ?? 'desc';
	if (order !== 'asc' && order !== 'desc') throw new FilterError('order', `order must be asc or desc, got "${order}"`);
	const limit = Number(search.get('limit') ?? 50);
	if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new FilterError('limit', `limit must be a whole number from 1 to 1000, got "${search.get('limit')}"`);
	const offset = Number(search.get('offset') ?? 0);
	// Bound to what SQL's integer offset holds: a larger one is a 400, never an engine error.
	if (!Number.isInteger(offset) || offset < 0 || offset > 2_000_000_000) {
		throw new FilterError('offset', `offset must be a whole number from 0 to 2000000000, got "${search.get('offset')}"`);
	}
	const query = kind === 'searches' ? search.get('query')?.trim().toLowerCase().replace(/\s+/g, ' ') || null : null;
	const ticket = kind === 'tickets' ? search.get('ticket')?.trim() || null : null;
	return { ...base, kind, from, to, metric, onlyNumerator, sort, descending: order === 'desc', limit, offset, query, ticket };
}

/** The items behind one metric cell, a page at a time, with their per-item values. */
export function listDrill(db: Database, q: DrillQuery): Promise<DrillResult> {
	return cachedResult(db, 'drill', q, () => listDrillUncached(db, q));
}

/**
 * The list's SQL file and its parameters for a drill query in `hours`, all but the page
 * (`limit`, `offset`) and the pass (keyed-page.ts).
 */
export function drillStatement(q: DrillQuery, hours: Hours): ListStatement {
	const spec = DRILL[q.kind];
	const drill = q.metric ? metricInfo(q.metric)?.drill : undefined;
	const params = {
		...metricParams({ ...q, by: [] }, hours),
		sample: drill?.sample ?? spec.defaultSample,
		numerator: drill?.numerator ? q.metric : null,
		only_numerator: q.onlyNumerator,
		sort: q.sort,
		descending: q.descending,
		query: q.query,
		ticket: q.ticket
	};
	return { sql: sqlText(spec.sql), id: spec.id, params };
}

async function listDrillUncached(db: Database, q: DrillQuery): Promise<DrillResult> {
	const hours = await reportHours(db, q);
	const { total, rows: items } = await keyedPage(db, drillStatement(q, hours), q.limit, q.offset);
	// Every list, page and CSV of items is read here: DESKPULSE_REDACT applies once, for all.
	const rows = items.map((item) => redactRow(item) as DrillResult['rows'][number]);
	const filters = appliedFilters(q.where);
	return {
		meta: {
			kind: q.kind,
			metric: q.metric,
			hours,
			tz: q.tz,
			as_of: q.asOf,
			from: q.from,
			to: q.to,
			filters,
			sort: q.sort,
			order: q.descending ? 'desc' : 'asc',
			limit: q.limit,
			offset: q.offset,
			total,
			ticket: q.ticket
		},
		rows
	};
}

/** Items per query of an export: large enough to be few queries, small enough to stream. */
const EXPORT_PAGE = 10_000;

/**
 * Every item behind a cell, for a CSV export: the whole set the query names, whatever page
 * the screen shows, read a page of EXPORT_PAGE at a time (never cached: an export is read
 * once, and would crowd out the views' answers).
 */
export async function* exportDrill(db: Database, q: DrillQuery, pageSize = EXPORT_PAGE): AsyncGenerator<DrillResult['rows']> {
	for (let offset = 0; ; offset += pageSize) {
		const page = await listDrillUncached(db, { ...q, limit: pageSize, offset });
		if (page.rows.length) yield page.rows;
		if (page.rows.length < pageSize || offset + pageSize >= page.meta.total) return;
	}
}

/** A drill-through page's CSV columns: every field of its items. */
export function drillCsvColumns(rows: DrillResult['rows']): string[] {
	return rows.length ? Object.keys(rows[0]) : ['id'];
}

/** Items with their lists (ticket tags) joined for a spreadsheet cell. */
export function drillCsvRows(rows: DrillResult['rows']): object[] {
	return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? v.join(';') : v])));
}
