import type { EChartsCoreOption } from 'echarts/core';
import type { SlaChartColors } from './sla';
import { axisStyle, chartFrame, percent as pct } from './axes';
import { markIncompletePeriods } from './partial';

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
