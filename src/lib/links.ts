import { carriedQuery, filterValueText, kpiQuerySearch, DIMENSIONS, type Dimension, type Grain, type KpiQuery } from './filters';
import { addLocalDays, localDate, periodEnd } from './periods';
import type { PilotGroup } from './pilots';
import { toCsv } from './csv';

/**
 * Every link from a number to the items behind it (a drill-through) and every download link,
 * one function per destination. Each is built on the filters' own query string
 * (kpiQuerySearch, filterValueText), so a link carries the filters, the zone and the as-of
 * time exactly as the pages, the API and the CLI parse them. Pages, charts' tables and the
 * server's flags take their links from here; chart modules build no links.
 */

/** A period cell clipped to the query's from/to (a first or last period may be partial). */
function setClippedPeriod(search: URLSearchParams, q: KpiQuery, periodStart: string, grain: Grain): void {
	const end = periodEnd(periodStart, grain);
	search.set('from', q.from && q.from > periodStart ? q.from : periodStart);
	search.set('to', q.to && q.to < end ? q.to : end);
}

// ---- The Tickets page (/tickets) ----

export interface DrillCell {
	metric: string;
	/** The cell's period start at `grain`; null: the query's whole range. */
	periodStart: string | null;
	grain: Grain;
	/** true: only the rate's numerator (the breached tickets). */
	numerator?: boolean;
	/** The cell's group values, added to the query's filters. */
	where?: Record<string, string>;
	/** The instant the page computed its numbers at, so the list matches them. */
	asOf: string;
	hours?: string;
}

/**
 * The /tickets link behind a metric cell: the page's filters, the cell's group and its
 * period clipped to the query's from/to (a first or last period may be partial).
 */
export function ticketsHref(q: KpiQuery, cell: DrillCell): string {
	const search = kpiQuerySearch({ ...q, by: [], metrics: undefined, where: { ...q.where, ...Object.fromEntries(Object.entries(cell.where ?? {}).map(([k, v]) => [k, [v]])) } });
	search.set('metric', cell.metric);
	if (cell.periodStart) setClippedPeriod(search, q, cell.periodStart, cell.grain);
	if (cell.numerator !== undefined) search.set('numerator', String(cell.numerator));
	if (cell.hours) search.set('hours', cell.hours);
	search.set('as_of', cell.asOf);
	return `/tickets?${search}`;
}

/** The /tickets link of drill parameters as they are (a review flag's `tickets`, an SLA cell of the review). */
export function ticketsPageHref(params: Record<string, string>): string {
	return `/tickets?${new URLSearchParams(params)}`;
}

/**
 * The drill parameters of a metric's tickets in one ISO week (a review flag's `tickets`, which
 * the API returns as they are): the week by grain and period start, the query's zone, as_of
 * and filters, and `extra` (a group, a sort).
 */
export function weekTicketsParams(q: KpiQuery, weekStart: string, metric: string, extra: Record<string, string> = {}): Record<string, string> {
	const params: Record<string, string> = { metric, grain: 'week', period_start: weekStart, as_of: q.asOf, tz: q.tz, ...extra };
	for (const dim of DIMENSIONS) if (q.where[dim]?.length) params[dim] = filterValueText(q.where[dim]!);
	return params;
}

/** The weekly review's tickets that missed an SLA in its week, all of them or one plan x priority cell's. */
export function weekSlaMissesHref(week: { week_start: string; as_of: string; tz: string }, cell?: { plan: string | null; priority: string | null }): string {
	const params = { metric: 'sla_achievement_rate', numerator: 'false', grain: 'week', period_start: week.week_start, as_of: week.as_of, tz: week.tz };
	if (!cell) return ticketsPageHref({ ...params, sort: 'frt_minutes', order: 'desc' });
	return ticketsPageHref({ ...params, ...(cell.plan ? { plan: cell.plan } : {}), ...(cell.priority ? { priority: cell.priority } : {}) });
}

/** The CSV of every ticket the Tickets page lists (GET /api/v1/tickets), whatever page it shows. */
export function ticketsCsvHref(page: URLSearchParams): string {
	const search = new URLSearchParams(page);
	search.set('format', 'csv');
	return `/api/v1/tickets?${search}`;
}

// ---- Sessions and searches (GET /api/v1/sessions, /api/v1/searches) ----

export interface ItemsCell {
	/** Sessions for the session rates, searches for the search rates. */
	kind: 'sessions' | 'searches';
	metric: string;
	/** The cell's period start at `grain`. */
	periodStart: string;
	grain: Grain;
	/** true: only the rate's numerator (deflected, contained, helpful, with results, clicked). */
	numerator?: boolean;
	/** The instant the page computed its numbers at, so the list matches them. */
	asOf: string;
}

/**
 * The CSV of the sessions or searches behind a rate cell (GET /api/v1/sessions|searches): the
 * page's segment and plan filters and the cell's period, clipped to the query's from/to.
 */
export function itemsHref(q: KpiQuery, cell: ItemsCell): string {
	const search = kpiQuerySearch({ ...q, by: [], metrics: undefined });
	search.delete('grain');
	search.delete('hours');
	search.set('metric', cell.metric);
	setClippedPeriod(search, q, cell.periodStart, cell.grain);
	if (cell.numerator !== undefined) search.set('numerator', String(cell.numerator));
	search.set('as_of', cell.asOf);
	search.set('limit', '1000');
	search.set('format', 'csv');
	return `/api/v1/${cell.kind}?${search}`;
}

// ---- KB gaps (GET /api/v1/kb-gaps, /self-service/query, GET /api/v1/kb-gaps/query) ----

/** The KB gap table's window, as its result's meta says it. */
export interface GapWindow {
	from: string;
	to: string;
	tz: string;
	as_of: string;
	filters: Partial<Record<string, string[]>>;
}

/** A KB gap row's group: the segment or plan it is ranked in (null: none). */
export interface GapGroup {
	dim: string;
	value: string | null;
}

/** `first`, then the window's from/to, zone and filters, with the row's own group as a filter. */
function gapSearch(first: [string, string] | null, window: GapWindow, group?: GapGroup): URLSearchParams {
	const range = kpiQuerySearch({ from: window.from, to: window.to, tz: window.tz, where: window.filters as Partial<Record<Dimension, string[]>> });
	const search = new URLSearchParams([...(first ? [first] : []), ...range]);
	if (group && group.value !== null) search.set(group.dim, filterValueText([group.value]));
	return search;
}

/**
 * The CSV of the searches behind one KB gap row: its normalized query, in the table's window
 * (from/to, as_of), with the page's filters and the row's own segment or plan.
 */
export function gapSearchesHref(window: GapWindow, query: string, group?: GapGroup): string {
	const search = gapSearch(['query', query], window, group);
	search.set('as_of', window.as_of);
	search.set('limit', '1000');
	search.set('format', 'csv');
	return `/api/v1/searches?${search}`;
}

/**
 * The in-app page of one KB gap row's query group (/self-service/query): its group key, the
 * table's window (from/to, as_of), the page's filters and the row's own segment or plan.
 */
export function gapQueryHref(window: GapWindow, groupKey: string, group?: GapGroup): string {
	const search = gapSearch(['key', groupKey], window, group);
	search.set('as_of', window.as_of);
	return `/self-service/query?${search}`;
}

/** The KB gap table's own CSV (GET /api/v1/kb-gaps), exactly the rows the page shows. */
export function gapsCsvHref(window: GapWindow, per: string, limit: number): string {
	const search = gapSearch(null, window);
	search.set('per', per);
	search.set('limit', String(limit));
	search.set('as_of', window.as_of);
	search.set('format', 'csv');
	return `/api/v1/kb-gaps?${search}`;
}

/** The lists of a query group the KB query page shows, each with its CSV. */
export type KbQueryListName = 'variants' | 'searches' | 'tickets';

/** The parameters a KB query list's rows depend on: the page's, without its paging. */
function kbQueryGroupSearch(page: URLSearchParams): URLSearchParams {
	const search = new URLSearchParams(page);
	for (const name of ['limit', 'searches_offset', 'tickets_offset', 'list', 'format']) search.delete(name);
	return search;
}

/** The CSV of one whole list of the KB query page (GET /api/v1/kb-gaps/query?list=...&format=csv), whatever page the screen shows. */
export function kbQueryCsvHref(page: URLSearchParams, list: KbQueryListName): string {
	const search = kbQueryGroupSearch(page);
	search.set('list', list);
	search.set('format', 'csv');
	return `/api/v1/kb-gaps/query?${search}`;
}

/** The KB query page itself at another offset of the searches or tickets list (0 drops the parameter). */
export function kbQueryPageHref(page: URLSearchParams, list: 'searches' | 'tickets', offset: number): string {
	const search = new URLSearchParams(page);
	if (offset > 0) search.set(`${list}_offset`, String(offset));
	else search.delete(`${list}_offset`);
	return `/self-service/query?${search}`;
}

/**
 * One ticket in the ticket list (/tickets?ticket=...): its id and source, with the KB query
 * page's zone and as_of; not the search filters, which a ticket need not share.
 */
export function kbTicketHref(page: URLSearchParams, ticket: { ticket_id: string; source: string }): string {
	const search = new URLSearchParams();
	search.set('ticket', ticket.ticket_id);
	search.set('source', ticket.source);
	for (const name of ['tz', 'as_of']) {
		const value = page.get(name);
		if (value) search.set(name, value);
	}
	return `/tickets?${search}`;
}

/** Back from the KB query page to the KB gap table, with its filters, zone and as_of (carriedQuery). */
export function kbGapsBackHref(page: URLSearchParams): string {
	return `/self-service${carriedQuery(page)}`;
}

// ---- Report CSVs (GET /api/v1/kpis, /survival, /customer-age) ----

/**
 * The CSV of a KPI table (GET /api/v1/kpis): the query as the table was computed (filters,
 * range, grouping), its metrics named even when they are all of them, as of the instant the
 * page computed it (so the file holds the numbers on screen), and `extra` parameters (the
 * hours flavour of one of two tables).
 */
export function kpisCsvHref(q: KpiQuery, extra: Record<string, string> = {}): string {
	const search = kpiQuerySearch(q);
	search.set('metrics', q.metrics.join(','));
	search.set('as_of', q.asOf);
	for (const [name, value] of Object.entries(extra)) search.set(name, value);
	search.set('format', 'csv');
	return `/api/v1/kpis?${search}`;
}

/** The API's CSV of the cohort resolution table: GET /api/v1/survival with the checkpoints, the range and as_of. */
export function survivalCsvHref(q: KpiQuery, points: number[]): string {
	const search = kpiQuerySearch({ ...q, by: [], metrics: undefined });
	search.set('points', points.join(','));
	search.set('as_of', q.asOf);
	search.set('format', 'csv');
	return `/api/v1/survival?${search}`;
}

/** The customer-age report's CSV (GET /api/v1/customer-age): the rows the page shows. */
export function customerAgeCsvHref(q: KpiQuery, fromMonth: string, maxAge: number): string {
	const search = kpiQuerySearch({ ...q, by: [], metrics: undefined });
	search.set('from_month', fromMonth.slice(0, 7));
	search.set('max_age', String(maxAge));
	search.set('as_of', q.asOf);
	search.set('format', 'csv');
	return `/api/v1/customer-age?${search}`;
}

/** The trends table's CSV columns, in the table's order. */
export const TRENDS_CSV_COLUMNS = ['kind', 'value', 'week_count', 'baseline_weekly', 'baseline_count', 'rise', 'ratio', 'z_score', 'significant'];

/** A data: link to the CSV of exactly the given trends rows (formula-like cells escaped by toCsv). */
export function trendsCsvHref(rows: ReadonlyArray<object>): string {
	return `data:text/csv;charset=utf-8,${encodeURIComponent(toCsv(TRENDS_CSV_COLUMNS, rows))}`;
}

// ---- The weekly review, imports, audit, reconciliation ----

/** The weekly review from the API as a document to download (GET /api/v1/review), with the page's filters. */
export function reviewDocumentHref(page: URLSearchParams, review: { week: string; as_of: string }, format: 'md' | 'html'): string {
	const search = new URLSearchParams(page);
	search.set('week', review.week);
	search.set('as_of', review.as_of);
	search.set('format', format);
	return `/api/v1/review?${search}`;
}

/** Every value an import run adjusted, as CSV. */
export function importAdjustmentsCsvHref(runId: number | string): string {
	return `/api/v1/imports/${runId}/adjustments.csv`;
}

/** Every row an import run rejected, as CSV. */
export function importRejectsCsvHref(runId: number | string): string {
	return `/api/v1/imports/${runId}/rejects.csv`;
}

/** The newest 10,000 audit entries as CSV, of one action when given. */
export function auditCsvHref(action: string | null | undefined): string {
	return `/api/v1/audit?format=csv&limit=10000${action ? `&action=${encodeURIComponent(action)}` : ''}`;
}

/** The tickets on which the help desk's figures and deskpulse's disagree, as CSV. */
export const RECONCILE_CSV_HREF = '/api/v1/reconcile?format=csv';

// ---- Pilots (/pilots) ----

/**
 * The /tickets link of a pilot group's tickets created in one of its windows: the group's
 * dimensions as filters, the window as local dates in `tz` (whole days, so the list may
 * start up to a day before the window's first instant).
 */
export function pilotTicketsHref(group: PilotGroup, window: { from: string; to: string }, view: { asOf: string; tz: string }): string {
	const params: Record<string, string> = { metric: 'tickets_created', as_of: view.asOf };
	for (const [dim, values] of Object.entries(group)) if (values?.length) params[dim] = filterValueText(values);
	params.from = localDate(window.from, view.tz);
	// `to` is exclusive: the day after the window's last instant.
	params.to = addLocalDays(localDate(new Date(Date.parse(window.to) - 1).toISOString(), view.tz), 1);
	if (view.tz !== 'UTC') params.tz = view.tz;
	return ticketsPageHref(params);
}
