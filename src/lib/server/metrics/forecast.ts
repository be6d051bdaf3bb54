import type { Database, Params } from '../db/database';
import { sqlText } from '../db/sql-files';
import { appliedFilters, DIMENSIONS, FilterError, parseShare, type Dimension, type KpiQuery } from '../../filters';
import { addLocalDays, isoWeekStart, lastCompleteWeek } from '../../periods';
import { computeKpis, filterParam } from './kpis';
import { cachedResult } from './result-cache';
import type { ForecastRow } from '../../forecast';
import {
	AGENT_WEEKS,
	CUSTOMERS_PER_AGENT,
	parseStaffingAssumptions,
	staffForecasts,
	staffingBase,
	type StaffingAssumptions,
	type StaffingHour,
	type StaffingWeek
} from './staffing';

/**
 * The ticket arrival forecast (sql/reports/forecast.sql, docs/forecasting.md): the next weeks'
 * tickets per series (a dimension's values, channel unless the query groups by another, and
 * the total) with 80 % and 95 % prediction intervals, the recent history beside them, and
 * the rolling-origin backtest that says how far to trust them. Pages, API and CLI call this.
 */

export type { ForecastRow };

export const FORECAST_WEEKS = { min: 1, max: 26, default: 13 } as const;
/** Weeks of history the rows show before the forecast (the fit reads all of it). */
export const FORECAST_HISTORY_WEEKS = 26;
/** Weeks the trailing figures (deflection, the hour-of-week mix, handle times, customers) are read from. */
export const TRAILING_WEEKS = 12;
/** The series label of the total, beside a dimension's values. */
export const TOTAL_SERIES = '(all)';

export interface ForecastQuery extends KpiQuery {
	/** Weeks ahead, the current (incomplete) week first. */
	weeks: number;
	/** The dimension the series split by. */
	series: Dimension;
	/** What-if deflection rate 0..1: arrivals scaled from the trailing rate to this one; null: as observed. */
	deflection: number | null;
	/** How the agents needed are computed, and the reader's what-ifs. */
	staffing: StaffingAssumptions;
}

export interface ForecastAccuracy {
	series: string | null;
	is_total: boolean;
	/** Mean absolute percentage error of the backtest's forecasts (0.08 = 8 %). */
	mape: number | null;
	/** The same for the seasonal naive baseline. */
	baseline_mape: number | null;
	/** Whether the method's MAPE is below the baseline's; null when either is unknown. */
	beats_baseline: boolean | null;
	/** Share of the backtest's actuals inside the 80 % and 95 % intervals. */
	coverage_80: number | null;
	coverage_95: number | null;
	/** (origin, weeks ahead) pairs the backtest scored. */
	pairs: number;
	/** The smoothing parameters chosen for the forecast, and the one-step error's sd. */
	alpha: number | null;
	beta: number | null;
	phi: number | null;
	sigma: number | null;
}

export interface ForecastResult {
	meta: {
		weeks: number;
		series: Dimension;
		tz: string;
		as_of: string;
		filters: Record<string, string[]>;
		method: string;
		/** Whether a yearly seasonal index was estimated (SEASONAL_WEEKS of history or more). */
		yearly_seasonality: boolean;
		/** Complete weeks of history the model was fitted on. */
		history_weeks: number;
		backtest: { origins: number; baseline: string };
		accuracy: ForecastAccuracy[];
		deflection: {
			/** Deflected sessions / (deflected + tickets) over the trailing weeks; null when unknown. */
			trailing_rate: number | null;
			trailing_weeks: number;
			what_if_rate: number | null;
			/** What the forecast was multiplied by: (1 - what-if) / (1 - trailing); 1 without a what-if. */
			factor: number;
		};
		/** Present when the series are channels. */
		staffing: ForecastStaffing | null;
		notes: string[];
	};
	rows: ForecastRow[];
	/** The live channels' arrivals and agents per hour of one forecast week (the first complete one). */
	hours: StaffingHour[];
}

export interface ForecastStaffing {
	assumptions: StaffingAssumptions;
	channels: Array<Pick<StaffingWeek, 'channel' | 'handle_minutes' | 'handle_source' | 'model'>>;
	/** The agents the need is held against: entered, from imported costs (agent FTE), or the assignees who worked tickets. */
	current_agents: { value: number | null; source: 'entered' | 'costs' | 'assignees' | null };
	/** Customers served (orgs with a ticket in the trailing weeks), and the agents the domain's 400-600 guide gives for them. */
	customers: { value: number; source: 'entered' | 'observed'; agents_by_ratio: [number, number] | null };
	/** The forecast's largest weekly need, and the first week it passes the agents on hand. */
	peak: { week: string; fte: number } | null;
	hiring_trigger: { week: string; fte: number; current: number } | null;
}

export const FORECAST_CSV_COLUMNS = ['series', 'kind', 'week', 'week_start', 'tickets', 'forecast', 'lo_80', 'hi_80', 'lo_95', 'hi_95', 'horizon', 'calendar_index', 'seasonal_index', 'agents_needed'];

/** Weeks of history from which the yearly seasonality is estimated: two years, then the backtest's 26. */
export const SEASONAL_WEEKS = 104 + 26;

export const FORECAST_METHOD =
	"Holt's damped-trend exponential smoothing, ETS(A,Ad,N), on weekly counts adjusted for weekday mix, imported holidays and (with two years of history) the week of the year; parameters by least squares on a grid; intervals from the model's h-step variance";

/** The forecast's own parameters over a KPI query's filters: weeks, the series' dimension, a what-if deflection. */
export function parseForecastQuery(search: URLSearchParams, base: KpiQuery): ForecastQuery {
	const weeksText = search.get('weeks')?.trim() || String(FORECAST_WEEKS.default);
	const weeks = Number(weeksText);
	if (!/^\d+$/.test(weeksText) || weeks < FORECAST_WEEKS.min || weeks > FORECAST_WEEKS.max) {
		throw new FilterError('weeks', `weeks must be a whole number from ${FORECAST_WEEKS.min} to ${FORECAST_WEEKS.max}, got "${weeksText}"`);
	}
	if (base.by.length > 1) throw new FilterError('by', 'the forecast splits by one dimension at most (its series)');
	return {
		...base,
		weeks,
		series: base.by[0] ?? 'channel',
		deflection: parseShare('deflection', search.get('deflection')?.trim() || null),
		staffing: parseStaffingAssumptions(search)
	};
}

/** A row of sql/reports/forecast.sql: a history or forecast week of a series, or a series' backtest. */
interface SqlRow extends Pick<ForecastRow, 'series' | 'is_total' | 'tickets' | 'forecast' | 'lo_80' | 'hi_80' | 'lo_95' | 'hi_95' | 'horizon'> {
	kind: 'history' | 'forecast' | 'accuracy';
	week_start: string | null;
	week: string | null;
	calendar_index: number | null;
	seasonal_index: number | null;
	mape: number | null;
	coverage_80: number | null;
	coverage_95: number | null;
	baseline_mape: number | null;
	pairs: number | null;
	alpha: number | null;
	beta: number | null;
	phi: number | null;
	sigma: number | null;
}

export function computeForecast(db: Database, q: ForecastQuery): Promise<ForecastResult> {
	return cachedResult(db, 'forecast', q, () => computeForecastUncached(db, q));
}

async function computeForecastUncached(db: Database, q: ForecastQuery): Promise<ForecastResult> {
	const params: Params = { as_of: q.asOf, tz: q.tz, weeks: q.weeks, by1: q.series };
	for (const dim of DIMENSIONS) params[`f_${dim}`] = filterParam(q.where[dim]);
	const lastWeek = isoWeekStart(lastCompleteWeek(q.asOf, q.tz));
	const window = { from: addLocalDays(lastWeek, -7 * (TRAILING_WEEKS - 1)), to: addLocalDays(lastWeek, 7), agentsFrom: addLocalDays(lastWeek, -7 * (AGENT_WEEKS - 1)) };
	const [rows, trailing, base] = await Promise.all([
		db.query<SqlRow & Record<string, unknown>>(sqlText('reports/forecast'), params),
		trailingFigures(db, q, window),
		staffingBase(db, q, window)
	]);

	const notes: string[] = [];
	let factor = 1;
	if (q.deflection !== null) {
		if (trailing.deflection === null) throw new FilterError('deflection', `a what-if deflection needs the trailing rate, and there is none: ${trailing.why}`);
		if (trailing.deflection >= 1) throw new FilterError('deflection', 'the trailing deflection rate is 100 %: no ticket to scale');
		factor *= (1 - q.deflection) / (1 - trailing.deflection);
		notes.push(
			`Forecasts assume deflection at ${pct(q.deflection)} instead of the trailing ${pct(trailing.deflection)} (${TRAILING_WEEKS} weeks): tickets x ${((1 - q.deflection) / (1 - trailing.deflection)).toFixed(3)}, every series alike (sessions carry no channel).`
		);
	}
	const customers = q.staffing.customers;
	if (customers !== null) {
		if (base.customers === 0) throw new FilterError('customers', `a what-if customer count needs the customers served now, and no ticket of the last ${TRAILING_WEEKS} weeks names an org`);
		factor *= customers / base.customers;
		notes.push(`Forecasts assume ${customers.toLocaleString('en-US')} customers instead of the ${base.customers.toLocaleString('en-US')} served in the last ${TRAILING_WEEKS} weeks: tickets per customer as now.`);
	}
	const label = (r: SqlRow) => (r.is_total ? TOTAL_SERIES : r.series);
	const history = rows.filter((r) => r.kind === 'history');
	const lastWeeks = new Set([...new Set(history.map((r) => r.week_start!))].sort().slice(-FORECAST_HISTORY_WEEKS));
	const scaled = (v: number | null) => (v === null ? null : v * factor);
	const out: ForecastRow[] = [];
	for (const r of rows) {
		if (r.kind === 'accuracy' || (r.kind === 'history' && !lastWeeks.has(r.week_start!))) continue;
		const isForecast = r.kind === 'forecast';
		out.push({
			series: label(r),
			is_total: r.is_total,
			kind: isForecast ? 'forecast' : 'actual',
			week: r.week!,
			week_start: r.week_start!,
			tickets: isForecast ? null : r.tickets,
			forecast: isForecast ? scaled(r.forecast) : null,
			lo_80: isForecast ? scaled(r.lo_80) : null,
			hi_80: isForecast ? scaled(r.hi_80) : null,
			lo_95: isForecast ? scaled(r.lo_95) : null,
			hi_95: isForecast ? scaled(r.hi_95) : null,
			horizon: r.horizon,
			calendar_index: r.calendar_index ?? 1,
			seasonal_index: r.seasonal_index ?? 1,
			agents_needed: null
		});
	}
	// The total first, then each series; each in week order, the actual weeks before the forecast.
	const bySeries = (a: ForecastRow, b: ForecastRow) =>
		Number(b.is_total) - Number(a.is_total) || (a.series === null ? 1 : b.series === null ? -1 : a.series.localeCompare(b.series)) || a.week_start.localeCompare(b.week_start);
	out.sort(bySeries);
	const models = new Map(rows.filter((r) => r.kind === 'forecast' && r.horizon === 1).map((r) => [label(r), r]));
	const accuracy: ForecastAccuracy[] = rows
		.filter((r) => r.kind === 'accuracy')
		.map((r) => {
			const model = models.get(label(r));
			return {
				series: label(r),
				is_total: r.is_total,
				mape: r.mape,
				baseline_mape: r.baseline_mape,
				beats_baseline: r.mape === null || r.baseline_mape === null ? null : r.mape < r.baseline_mape,
				coverage_80: r.coverage_80,
				coverage_95: r.coverage_95,
				pairs: r.pairs ?? 0,
				alpha: model?.alpha ?? null,
				beta: model?.beta ?? null,
				phi: model?.phi ?? null,
				sigma: model?.sigma ?? null
			};
		});
	const historyWeeks = new Set(history.map((r) => r.week_start)).size;
	const yearly = rows.some((r) => r.seasonal_index !== null && r.seasonal_index !== 1);
	if (!yearly) {
		notes.push(
			`Yearly seasonality is not modelled: it needs two years of weekly history before the backtest's 26 weeks (${SEASONAL_WEEKS} weeks), and there are ${historyWeeks}.`
		);
	}
	if (accuracy.length === 0) notes.push('No backtest: it needs at least 9 complete weeks of history.');

	let staffing: ForecastStaffing | null = null;
	let hours: StaffingHour[] = [];
	if (q.series === 'channel') {
		({ staffing, hours } = await staffRows(db, q, window, out, trailing, base, notes));
	} else {
		notes.push('Agents needed are computed for a split by channel, where the handle time and the queueing model differ.');
	}
	const filters = appliedFilters(q.where);
	return {
		meta: {
			weeks: q.weeks,
			series: q.series,
			tz: q.tz,
			as_of: q.asOf,
			filters,
			method: FORECAST_METHOD,
			yearly_seasonality: yearly,
			history_weeks: historyWeeks,
			backtest: { origins: Math.max(0, Math.min(26, historyWeeks - 8)), baseline: 'seasonal naive: the same ISO week a year before (the origin week where the history is shorter)' },
			accuracy,
			deflection: { trailing_rate: trailing.deflection, trailing_weeks: TRAILING_WEEKS, what_if_rate: q.deflection, factor },
			staffing,
			notes
		},
		rows: out,
		hours
	};
}

/**
 * Fills the forecast rows' agents_needed (channels, and their sum on the total) and says
 * what the need is held against.
 */
async function staffRows(
	db: Database,
	q: ForecastQuery,
	window: { from: string; to: string; agentsFrom: string },
	rows: ForecastRow[],
	trailing: TrailingFigures,
	base: { customers: number; active_agents: number },
	notes: string[]
): Promise<{ staffing: ForecastStaffing; hours: StaffingHour[] }> {
	const channelRows = rows.filter((r) => r.kind === 'forecast' && !r.is_total);
	const weeksAhead = [...new Set(channelRows.map((r) => r.week_start))].sort();
	// The hours of the first complete week ahead: the current one is partly past.
	const hoursWeek = weeksAhead[1] ?? weeksAhead[0] ?? null;
	const staffed = await staffForecasts(
		db,
		q,
		window,
		channelRows.map((r) => ({ channel: r.series, week_start: r.week_start, tickets: r.forecast ?? 0 })),
		hoursWeek,
		q.staffing
	);
	const fte = new Map(staffed.weeks.map((w) => [JSON.stringify([w.channel, w.week_start]), w.fte]));
	for (const r of channelRows) r.agents_needed = fte.get(JSON.stringify([r.series, r.week_start])) ?? null;
	const missing = [...new Set(staffed.weeks.filter((w) => w.fte === null).map((w) => w.channel ?? '(none)'))];
	const totals = new Map<string, number | null>();
	for (const w of staffed.weeks) {
		const sum = totals.get(w.week_start);
		totals.set(w.week_start, w.fte === null || sum === null ? null : (sum ?? 0) + w.fte);
	}
	for (const r of rows) if (r.kind === 'forecast' && r.is_total) r.agents_needed = totals.get(r.week_start) ?? null;
	if (missing.length) {
		notes.push(
			`No handle time for ${missing.join(', ')}: neither imported (handle_time_min) nor in the domain's estimates, so ${missing.length === 1 ? 'its' : 'their'} agents and the total are not computed. Enter minutes per ticket (handle_minutes=${missing[0]}:8) to plan with your own figure.`
		);
	}
	const estimated = [...new Set(staffed.weeks.filter((w) => w.handle_source === 'estimate').map((w) => `${w.channel} ${w.handle_minutes} min`))];
	if (estimated.length) notes.push(`Handle time estimated from the domain documents, not imported: ${estimated.join(', ')}.`);

	const current: ForecastStaffing['current_agents'] =
		q.staffing.agents !== null
			? { value: q.staffing.agents, source: 'entered' }
			: trailing.agentFte !== null
				? { value: trailing.agentFte, source: 'costs' }
				: base.active_agents > 0
					? { value: base.active_agents, source: 'assignees' }
					: { value: null, source: null };
	const customerCount = q.staffing.customers ?? base.customers;
	const needs = [...totals.entries()].filter((e): e is [string, number] => e[1] !== null).sort((a, b) => a[0].localeCompare(b[0]));
	const peak = needs.reduce<[string, number] | null>((best, e) => (best === null || e[1] > best[1] ? e : best), null);
	const over = current.value === null ? undefined : needs.find(([, need]) => need > current.value!);
	const weekLabel = (start: string) => rows.find((r) => r.week_start === start)?.week ?? start;
	const channels = new Map(staffed.weeks.map((w) => [w.channel, { channel: w.channel, handle_minutes: w.handle_minutes, handle_source: w.handle_source, model: w.model }]));
	return {
		staffing: {
			assumptions: q.staffing,
			channels: [...channels.values()],
			current_agents: current,
			customers: {
				value: customerCount,
				source: q.staffing.customers !== null ? 'entered' : 'observed',
				agents_by_ratio: customerCount > 0 ? [customerCount / CUSTOMERS_PER_AGENT.high, customerCount / CUSTOMERS_PER_AGENT.low] : null
			},
			peak: peak ? { week: weekLabel(peak[0]), fte: peak[1] } : null,
			hiring_trigger: over && current.value !== null ? { week: weekLabel(over[0]), fte: over[1], current: current.value } : null
		},
		hours: staffed.hours
	};
}

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

interface TrailingFigures {
	/** Deflected sessions / (deflected sessions + tickets created), summed over the weeks. */
	deflection: number | null;
	why: string;
	/** Agent FTE of the imported costs, the mean of the last AGENT_WEEKS weeks that have it. */
	agentFte: number | null;
}

/** What the last complete weeks say, from the metric families: deflection and agent FTE. */
async function trailingFigures(db: Database, q: ForecastQuery, window: { from: string; to: string }): Promise<TrailingFigures> {
	const kpis = await computeKpis(db, {
		grain: 'week',
		tz: q.tz,
		asOf: q.asOf,
		where: q.where,
		by: [],
		from: window.from,
		to: window.to,
		metrics: ['self_service_sessions', 'sessions_deflected', 'deflection_rate', 'agent_fte'],
		hours: 'calendar'
	});
	const ftes = kpis.rows.map((r) => r.agent_fte).filter((v): v is number => typeof v === 'number' && v > 0).slice(-AGENT_WEEKS);
	const agentFte = ftes.length ? ftes.reduce((a, b) => a + b, 0) / ftes.length : null;
	if (kpis.meta.not_applicable.deflection_rate) return { deflection: null, why: kpis.meta.not_applicable.deflection_rate, agentFte };
	let sessions = 0;
	let deflected = 0;
	let both = 0;
	kpis.rows.forEach((row, i) => {
		sessions += Number(row.self_service_sessions ?? 0);
		deflected += Number(row.sessions_deflected ?? 0);
		both += kpis.samples[i].n.deflection_rate ?? 0;
	});
	// Without sessions the rate would read 0 %: no self-service data is not no deflection.
	if (sessions === 0) return { deflection: null, why: `no self-service session imported for the last ${TRAILING_WEEKS} weeks`, agentFte };
	return { deflection: deflected / both, why: '', agentFte };
}
