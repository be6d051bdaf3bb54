import type { EChartsCoreOption } from 'echarts/core';
import { axisStyle, chartFrame } from './axes';
import { asDuration } from './sla';
import { markIncompletePeriods } from './partial';

export interface TrendPoint {
	period: string;
	tickets_created: number | null;
	frt_median_min: number | null;
}

/** Theme colours the chart reads from CSS, so it follows light and dark mode. */
export interface ChartColors {
	text: string;
	muted: string;
	grid: string;
	volume: string;
	speed: string;
}

/**
 * Ticket volume (bars, left axis) and FRT median in hours (line, right axis) per period.
 * A pure function of its rows, so the chart and its table can never show different data.
 * `incomplete` (parallel to `points`) flags periods drawn as not whole (charts/partial.ts).
 */
export function kpiTrendOption(points: TrendPoint[], colors: ChartColors, hoursLabel: string, incomplete: boolean[] = []): EChartsCoreOption {
	const hours = (m: number | null) => (m === null ? null : Math.round((m / 60) * 100) / 100);
	return markIncompletePeriods({
		...chartFrame(colors, [colors.volume, colors.speed]),
		grid: { left: 56, right: 72, top: 48, bottom: 48 },
		xAxis: {
			type: 'category',
			data: points.map((p) => p.period),
			...axisStyle(colors),
			splitLine: { show: false }
		},
		yAxis: [
			{
				type: 'value',
				name: 'tickets',
				...axisStyle(colors)
			},
			{
				type: 'value',
				name: `FRT median, ${hoursLabel} h`,
				...axisStyle(colors),
				splitLine: { show: false }
			}
		],
		series: [
			{ name: 'Tickets created', type: 'bar', data: points.map((p) => p.tickets_created), yAxisIndex: 0 },
			{
				name: 'FRT median (h)',
				type: 'line',
				data: points.map((p) => hours(p.frt_median_min)),
				yAxisIndex: 1,
				connectNulls: false,
				symbolSize: 5,
				tooltip: asDuration
			}
		]
	}, incomplete);
}
