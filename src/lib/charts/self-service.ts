import type { EChartsCoreOption } from 'echarts/core';
import { filterValueText, kpiQuerySearch, type Grain, type KpiQuery } from '../filters';
import type { SlaChartColors } from './sla';
import { axisStyle, chartFrame, percent as pct } from './axes';
import { markIncompletePeriods } from './partial';
import { periodEnd } from '../periods';

/** Theme colours of the self-service charts (the same shape as the SLA page's). */
export type SelfServiceChartColors = SlaChartColors;

/** One period of a rate chart: rates in [0, 1] by metric id, null where nothing was measured. */
export interface RatePoint {
	period: string;
	[metric: string]: string | number | null;
}

/** A plotted rate: its metric id and legend label. */
export interface RateSeries {
	metric: string;
	label: string;
}

/** The rates named by `series` per period, as lines in percent on a 0-100 axis. */
export function rateLinesOption(points: RatePoint[], series: RateSeries[], colors: SelfServiceChartColors, incomplete: boolean[] = []): EChartsCoreOption {
	const axes = axisStyle(colors);
	// Periods not whole (under way, or cut by the range) are drawn apart (charts/partial.ts).
	return markIncompletePeriods({
		...chartFrame(colors, colors.series),
		grid: { left: 56, right: 24, top: 48, bottom: 48 },
		xAxis: { type: 'category', data: points.map((p) => p.period), ...axes, splitLine: { show: false } },
		yAxis: { type: 'value', name: '%', min: 0, max: 100, ...axes },
		series: series.map((s) => ({
			name: `${s.label} (%)`,
			type: 'line',
			data: points.map((p) => pct(p[s.metric])),
			connectNulls: false,
			symbolSize: 4
		}))
	}, incomplete);
}

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
	const end = periodEnd(cell.periodStart, cell.grain);
	search.set('from', q.from && q.from > cell.periodStart ? q.from : cell.periodStart);
	search.set('to', q.to && q.to < end ? q.to : end);
	if (cell.numerator !== undefined) search.set('numerator', String(cell.numerator));
	search.set('as_of', cell.asOf);
	search.set('limit', '1000');
	search.set('format', 'csv');
	return `/api/v1/${cell.kind}?${search}`;
}

export interface GapWindow {
	from: string;
	to: string;
	tz: string;
	as_of: string;
	filters: Partial<Record<string, string[]>>;
}

/**
 * The CSV of the searches behind one KB gap row: its normalized query, in the table's window
 * (from/to, as_of), with the page's filters and the row's own segment or plan.
 */
export function gapSearchesHref(window: GapWindow, query: string, group?: { dim: string; value: string | null }): string {
	const search = new URLSearchParams();
	search.set('query', query);
	search.set('from', window.from);
	search.set('to', window.to);
	if (window.tz !== 'UTC') search.set('tz', window.tz);
	for (const [dim, values] of Object.entries(window.filters)) if (values?.length) search.set(dim, values.join(','));
	if (group && group.value !== null) search.set(group.dim, group.value);
	search.set('as_of', window.as_of);
	search.set('limit', '1000');
	search.set('format', 'csv');
	return `/api/v1/searches?${search}`;
}

/**
 * The in-app page of one KB gap row's query group (/self-service/query): its group key, the
 * table's window (from/to, as_of), the page's filters and the row's own segment or plan.
 */
export function gapQueryHref(window: GapWindow, groupKey: string, group?: { dim: string; value: string | null }): string {
	const search = new URLSearchParams();
	search.set('key', groupKey);
	search.set('from', window.from);
	search.set('to', window.to);
	if (window.tz !== 'UTC') search.set('tz', window.tz);
	for (const [dim, values] of Object.entries(window.filters)) if (values?.length) search.set(dim, filterValueText(values));
	if (group && group.value !== null) search.set(group.dim, filterValueText([group.value]));
	search.set('as_of', window.as_of);
	return `/self-service/query?${search}`;
}

/** The KB gap table's own CSV (GET /api/v1/kb-gaps), exactly the rows the page shows. */
export function gapsCsvHref(window: GapWindow, per: string, limit: number): string {
	const search = new URLSearchParams();
	search.set('from', window.from);
	search.set('to', window.to);
	if (window.tz !== 'UTC') search.set('tz', window.tz);
	for (const [dim, values] of Object.entries(window.filters)) if (values?.length) search.set(dim, values.join(','));
	search.set('per', per);
	search.set('limit', String(limit));
	search.set('as_of', window.as_of);
	search.set('format', 'csv');
	return `/api/v1/kb-gaps?${search}`;
}
