import type { Database, Params } from '../db/database';
import { sqlText } from '../db/sql-files';
import { appliedFilters, DIMENSIONS, FilterError, filterValueText, type KpiQuery } from '../../filters';
import { addLocalDays, isoWeekLabel, isoWeekStart, lastCompleteWeek } from '../../periods';
import { filterParam, reportHours } from './kpis';
import { cachedResult } from './result-cache';
import { metricInfo } from '../../metric-catalog';
import { spokenMetric } from '../../format';
import type { Hours } from '../../filters';

/**
 * Ticket volume anomalies (sql/reports/anomalies.sql): the categories, tags and channels,
 * overall and per segment and plan, whose tickets in a window are unusual against the same
 * weekdays before it, after a false-discovery control across every series tested. The weekly
 * review, the API and the CLI call this.
 */

/** Earlier windows the baseline is drawn from. */
export const BASELINE_WEEKS = 12;
/** A series is tested when its count, or its expected count, reaches this. */
export const MIN_COUNT = 5;
/** The false discovery rate the flags are held to. */
export const FDR = 0.05;
/** The longest window: longer ones have too few earlier windows of their length to compare. */
export const MAX_WINDOW_DAYS = 28;
/** A KPI is tested where the window holds at least this many tickets (ratings, solves). */
export const MIN_KPI_SAMPLE = 20;

export interface AnomaliesQuery extends KpiQuery {
	/** The window, local dates in the query's zone, `to` exclusive. */
	windowFrom: string;
	windowTo: string;
	/** The ISO week when the window is one, else null. */
	week: string | null;
}

export interface AnomalyRow {
	kind: 'category' | 'tag' | 'channel';
	value: string;
	/** Where the series is counted: all tickets, or one segment's or plan's. */
	slice_kind: 'all' | 'segment' | 'plan';
	slice: string | null;
	tickets: number;
	/** The count the baseline leads to expect. */
	expected: number;
	ratio: number;
	direction: 'up' | 'down';
	p_value: number;
	/** Benjamini-Hochberg adjusted: the false discovery rate at which this series is flagged. */
	q_value: number;
	/** The finding as a sentence. */
	message: string;
	/** The drill-through of its tickets in the window: GET /api/v1/tickets with these. */
	tickets_params: Record<string, string>;
}

export interface KpiAnomalyRow {
	metric: 'frt_median_min' | 'csat_rate' | 'reopen_rate';
	slice_kind: 'all' | 'segment';
	slice: string | null;
	/** The window's value and the baseline windows' (FRT: medians; rates: pooled). */
	value: number;
	baseline_value: number;
	/** Tickets (ratings for CSAT, solves for reopens) in the window. */
	n: number;
	/** Whether it moved the bad way: slower first responses, fewer satisfied ratings, more reopens. */
	worse: boolean;
	p_value: number;
	q_value: number;
	message: string;
	tickets_params: Record<string, string>;
}

export interface AnomaliesResult {
	meta: {
		from: string;
		to: string;
		week: string | null;
		tz: string;
		as_of: string;
		filters: Record<string, string[]>;
		/** Earlier windows the baseline used (fewer than BASELINE_WEEKS near the data's start). */
		baseline_windows: number;
		/** Series tested, the m of the false-discovery control. */
		tested: number;
		fdr: number;
		min_count: number;
		method: string;
		/** KPI tests: how many were made, the smallest sample tested, and the hours FRT is in. */
		kpi_tested: number;
		kpi_min_sample: number;
		hours: Hours;
	};
	rows: AnomalyRow[];
	/** FRT, CSAT and reopen rate, overall and per segment, that moved unusually (flagged only). */
	kpis: KpiAnomalyRow[];
}

export const ANOMALY_CSV_COLUMNS = ['kind', 'value', 'slice_kind', 'slice', 'tickets', 'expected', 'ratio', 'direction', 'p_value', 'q_value', 'message'];

export const ANOMALY_METHOD =
	'each series against the same weekdays of the 12 windows before (negative binomial where the weeks vary more than Poisson), two-sided, Benjamini-Hochberg at a 5 % false discovery rate';

/** The window: `week` (an ISO week), or from/to (up to 28 days), else the last complete week. */
export function parseAnomaliesQuery(search: URLSearchParams, base: KpiQuery): AnomaliesQuery {
	const week = search.get('week')?.trim();
	if (week) {
		if (search.get('from') || search.get('to')) throw new FilterError('week', 'give a week or from/to, not both');
		const start = isoWeekStart(week);
		return { ...base, windowFrom: start, windowTo: addLocalDays(start, 7), week: isoWeekLabel(start) };
	}
	if (base.from || base.to) {
		if (!base.from || !base.to) throw new FilterError(base.from ? 'to' : 'from', 'an anomaly window needs both from and to');
		const days = (Date.parse(base.to) - Date.parse(base.from)) / 86_400_000;
		if (days < 1 || days > MAX_WINDOW_DAYS) throw new FilterError('to', `the window must be 1 to ${MAX_WINDOW_DAYS} days, got ${days}`);
		return { ...base, windowFrom: base.from, windowTo: base.to, week: null };
	}
	const last = lastCompleteWeek(base.asOf, base.tz);
	const start = isoWeekStart(last);
	return { ...base, windowFrom: start, windowTo: addLocalDays(start, 7), week: last };
}

export function computeAnomalies(db: Database, q: AnomaliesQuery): Promise<AnomaliesResult> {
	return cachedResult(db, 'anomalies', q, () => computeAnomaliesUncached(db, q));
}

interface SqlRow {
	kind: AnomalyRow['kind'];
	value: string;
	slice_kind: AnomalyRow['slice_kind'];
	slice: string | null;
	tickets: number;
	expected: number;
	ratio: number;
	p_value: number;
	q_value: number;
	flagged: boolean;
	direction: 'up' | 'down';
	baseline_windows: number;
	tests: number;
}

async function computeAnomaliesUncached(db: Database, q: AnomaliesQuery): Promise<AnomaliesResult> {
	const params: Params = {
		from: q.windowFrom,
		to: q.windowTo,
		tz: q.tz,
		as_of: q.asOf,
		baseline_weeks: BASELINE_WEEKS,
		min_count: MIN_COUNT,
		fdr: FDR
	};
	for (const dim of DIMENSIONS) params[`f_${dim}`] = filterParam(q.where[dim]);
	const hours = await reportHours(db, q);
	const [tested, kpiTested] = await Promise.all([
		db.query<SqlRow & Record<string, unknown>>(sqlText('reports/anomalies'), params),
		db.query<KpiSqlRow & Record<string, unknown>>(sqlText('reports/kpi_anomalies'), { ...params, hours, min_n: MIN_KPI_SAMPLE })
	]);
	const windowWords = q.week ? `in ${q.week}` : q.windowTo === addLocalDays(q.windowFrom, 1) ? `on ${weekdayName(q.windowFrom)} ${q.windowFrom}` : `from ${q.windowFrom} to ${q.windowTo} (exclusive)`;
	const rows = tested
		.filter((r) => r.flagged)
		.map((r) => ({
			kind: r.kind,
			value: r.value,
			slice_kind: r.slice_kind,
			slice: r.slice,
			tickets: r.tickets,
			expected: r.expected,
			ratio: r.ratio,
			direction: r.direction,
			p_value: r.p_value,
			q_value: r.q_value,
			message: anomalySentence(r, windowWords, q.week !== null),
			tickets_params: ticketsParams(q, r)
		}));
	const filters = appliedFilters(q.where);
	return {
		meta: {
			from: q.windowFrom,
			to: q.windowTo,
			week: q.week,
			tz: q.tz,
			as_of: q.asOf,
			filters,
			baseline_windows: tested[0]?.baseline_windows ?? 0,
			tested: tested[0]?.tests ?? 0,
			fdr: FDR,
			min_count: MIN_COUNT,
			method: ANOMALY_METHOD,
			kpi_tested: kpiTested[0]?.tests ?? 0,
			kpi_min_sample: MIN_KPI_SAMPLE,
			hours
		},
		rows,
		kpis: kpiTested
			.filter((r) => r.flagged)
			.map((r) => ({
				metric: r.metric,
				slice_kind: r.slice_kind,
				slice: r.slice,
				value: r.value,
				baseline_value: r.baseline_value,
				n: r.n,
				worse: r.worse,
				p_value: r.p_value,
				q_value: r.q_value,
				message: kpiAnomalySentence(r, windowWords, hours, q.week !== null),
				tickets_params: kpiTicketsParams(q, r, hours)
			}))
	};
}

interface KpiSqlRow {
	metric: KpiAnomalyRow['metric'];
	slice_kind: KpiAnomalyRow['slice_kind'];
	slice: string | null;
	value: number;
	baseline_value: number;
	n: number;
	successes: number;
	trials: number;
	p_value: number;
	q_value: number;
	flagged: boolean;
	worse: boolean;
	baseline_windows: number;
	tests: number;
}

const KPI_WORDS: Record<KpiAnomalyRow['metric'], string> = { frt_median_min: 'First response median', csat_rate: 'CSAT', reopen_rate: 'Reopen rate' };

/**
 * "First response median, segment scaled: 5.7 business hours in 2026-W37 against 2.6 business
 * hours (the 12 weeks before), worse: 126 of 191 tickets waited longer than the usual median,
 * p < 0.001."
 */
export function kpiAnomalySentence(r: KpiSqlRow, windowWords: string, hours: Hours, isWeek: boolean): string {
	const unit = metricInfo(r.metric)!.unit;
	const say = (v: number) => spokenMetric(v, unit, { hours });
	const where = r.slice_kind === 'all' ? '' : `, ${r.slice_kind} ${r.slice}`;
	const sample =
		r.metric === 'frt_median_min'
			? `${r.successes} of ${r.trials} tickets waited longer than the usual median`
			: r.metric === 'csat_rate'
				? `${r.successes} of ${r.n} ratings satisfied`
				: `${r.successes} of ${r.n} solved tickets reopened`;
	return `${KPI_WORDS[r.metric]}${where}: ${say(r.value)} ${windowWords} against ${say(r.baseline_value)} (the ${r.baseline_windows} ${isWeek ? 'weeks' : 'windows'} before), ${r.worse ? 'worse' : 'better'}: ${sample}, ${pText(r.p_value)}.`;
}

function kpiTicketsParams(q: AnomaliesQuery, r: KpiSqlRow, hours: Hours): Record<string, string> {
	const params: Record<string, string> = { metric: r.metric, from: q.windowFrom, to: q.windowTo, tz: q.tz, as_of: q.asOf, hours };
	for (const dim of DIMENSIONS) if (q.where[dim]?.length) params[dim] = filterValueText(q.where[dim]!);
	if (r.slice_kind === 'segment' && r.slice !== null) params.segment = filterValueText([r.slice]);
	return params;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const weekdayName = (date: string) => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];

/** "p < 0.001", "p = 0.004". */
export function pText(p: number): string {
	return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/**
 * "Category billing, plan premium: 41 tickets in 2026-W37, 3.1x the usual 13.2 a week (mean of
 * the 12 weeks before), p < 0.001."
 */
export function anomalySentence(r: Pick<SqlRow, 'kind' | 'value' | 'slice_kind' | 'slice' | 'tickets' | 'expected' | 'ratio' | 'p_value' | 'baseline_windows'>, windowWords: string, isWeek: boolean): string {
	const where = r.slice_kind === 'all' ? '' : `, ${r.slice_kind} ${r.slice}`;
	const size = r.ratio >= 1 ? `${(Math.round(r.ratio * 10) / 10).toFixed(1)}x the usual` : `${Math.round((1 - r.ratio) * 100)} % below the usual`;
	const usual = isWeek ? ` a week (mean of the ${r.baseline_windows} weeks before)` : ` (mean of the same weekdays in the ${r.baseline_windows} windows before)`;
	return `${capitalise(r.kind)} ${r.value}${where}: ${r.tickets} ticket${r.tickets === 1 ? '' : 's'} ${windowWords}, ${size} ${(Math.round(r.expected * 10) / 10).toFixed(1)}${usual}, ${pText(r.p_value)}.`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The drill-through of a series' tickets in the window: the query's filters, the topic and the slice. */
function ticketsParams(q: AnomaliesQuery, r: SqlRow): Record<string, string> {
	const params: Record<string, string> = { metric: 'tickets_created', from: q.windowFrom, to: q.windowTo, tz: q.tz, as_of: q.asOf };
	for (const dim of DIMENSIONS) if (q.where[dim]?.length) params[dim] = filterValueText(q.where[dim]!);
	params[r.kind] = filterValueText([r.value]);
	if (r.slice_kind !== 'all' && r.slice !== null) params[r.slice_kind] = filterValueText([r.slice]);
	return params;
}
