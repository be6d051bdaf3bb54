import { formatMinutes } from '../format';
import type { EChartsCoreOption } from 'echarts/core';
import { axisStyle, chartFrame, percent as pct } from './axes';
import { markIncompletePeriods } from './partial';
import { SLA_ACHIEVEMENT_TARGET, SLA_BREACH_RATE_LIMIT } from '../metric-catalog-targets';


/** Theme colours the SLA charts read from CSS, so they follow light and dark mode. */
export interface SlaChartColors {
	text: string;
	muted: string;
	grid: string;
	/** One colour per series, in series order. */
	series: string[];
}

/** One period of the SLA trend: rates in [0, 1], null where no ticket had a target. */
export interface SlaTrendPoint {
	period: string;
	sla_achievement_rate: number | null;
	sla_frt_breach_rate: number | null;
	sla_resolution_breach_rate: number | null;
}

/** One group (a plan, a priority ...) of a breach breakdown: rates in [0, 1]. */
export interface BreachBar {
	label: string;
	sla_frt_breach_rate: number | null;
	sla_resolution_breach_rate: number | null;
}

/** One period of FRT median in both flavours, in minutes. */
export interface HoursPoint {
	period: string;
	business: number | null;
	calendar: number | null;
}

/** Minutes as hours with two decimals, for plotting. */
const hrs = (m: number | null) => (m === null ? null : Math.round((m / 60) * 100) / 100);

/**
 * A series plotted in hours shows its tooltip value as the tables write a duration ("56 min",
 * "5.2 h"), so a point never reads 0.93 h beside a cell of 56 min.
 */
export const asDuration = { valueFormatter: (v: unknown) => (typeof v === 'number' ? formatMinutes(v * 60) : '–') };

const base = (colors: SlaChartColors) => chartFrame(colors, colors.series);

/** A dashed level line at a target, labelled with it, on a series in percent. */
function targetLine(label: string, rate: number, color: string) {
	return {
		silent: true,
		symbol: 'none',
		lineStyle: { type: 'dashed', color, width: 1 },
		label: { formatter: `${label} ${pct(rate)} %`, position: 'insideEndTop', color },
		data: [{ yAxis: pct(rate) }]
	};
}

/**
 * SLA achievement and both breach rates per period, as lines in percent, with the
 * achievement target and the breach-rate limit as dashed lines; `incomplete` (parallel to
 * `points`) flags periods drawn as not whole (charts/partial.ts).
 */
export function slaTrendOption(points: SlaTrendPoint[], colors: SlaChartColors, incomplete: boolean[] = []): EChartsCoreOption {
	const line = (name: string, data: Array<number | null>) => ({ name, type: 'line', data, connectNulls: false, symbolSize: 4 });
	return markIncompletePeriods({
		...base(colors),
		grid: { left: 56, right: 24, top: 48, bottom: 48 },
		xAxis: { type: 'category', data: points.map((p) => p.period), ...axisStyle(colors), splitLine: { show: false } },
		yAxis: { type: 'value', name: '%', min: 0, max: 100, ...axisStyle(colors) },
		series: [
			{ ...line('SLA achievement (%)', points.map((p) => pct(p.sla_achievement_rate))), markLine: targetLine('target', SLA_ACHIEVEMENT_TARGET, colors.muted) },
			{ ...line('FRT breaches (%)', points.map((p) => pct(p.sla_frt_breach_rate))), markLine: targetLine('breach limit', SLA_BREACH_RATE_LIMIT, colors.muted) },
			line('Resolution breaches (%)', points.map((p) => pct(p.sla_resolution_breach_rate)))
		]
	}, incomplete);
}

/** FRT and resolution breach rates per group, as horizontal bars in percent. */
export function breachBarsOption(bars: BreachBar[], colors: SlaChartColors): EChartsCoreOption {
	return {
		...base(colors),
		tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
		grid: { left: 120, right: 24, top: 40, bottom: 32 },
		xAxis: { type: 'value', name: '%', min: 0, ...axisStyle(colors) },
		yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.label), ...axisStyle(colors), splitLine: { show: false } },
		series: [
			{ name: 'FRT breaches (%)', type: 'bar', data: bars.map((b) => pct(b.sla_frt_breach_rate)) },
			{ name: 'Resolution breaches (%)', type: 'bar', data: bars.map((b) => pct(b.sla_resolution_breach_rate)) }
		]
	};
}

/** FRT median in business and in calendar hours per period, as two lines in hours (`incomplete` as for the trend). */
export function hoursCompareOption(points: HoursPoint[], colors: SlaChartColors, incomplete: boolean[] = []): EChartsCoreOption {
	return markIncompletePeriods({
		...base(colors),
		grid: { left: 56, right: 24, top: 48, bottom: 48 },
		xAxis: { type: 'category', data: points.map((p) => p.period), ...axisStyle(colors), splitLine: { show: false } },
		yAxis: { type: 'value', name: 'hours', ...axisStyle(colors) },
		series: [
			{ name: 'FRT median, business hours', type: 'line', data: points.map((p) => hrs(p.business)), connectNulls: false, symbolSize: 4, tooltip: asDuration },
			{ name: 'FRT median, calendar hours', type: 'line', data: points.map((p) => hrs(p.calendar)), connectNulls: false, symbolSize: 4, tooltip: asDuration }
		]
	}, incomplete);
}
