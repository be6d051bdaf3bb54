import type { EChartsCoreOption } from 'echarts/core';
import type { SlaChartColors } from './sla';
import { axisStyle, chartFrame } from './axes';

/** Theme colours of the trends chart (the same shape as the SLA page's). */
export type TrendsChartColors = SlaChartColors;

/** One category or tag of the week: its count and trailing 8-week mean. */
export interface RiseBar {
	kind: 'category' | 'tag';
	value: string;
	week_count: number;
	baseline_weekly: number;
	rise: number;
	significant: boolean;
}

/** The bar label of a row: "category billing", "tag sso". */
export const riseLabel = (r: { kind: string; value: string }) => `${r.kind} ${r.value}`;

/**
 * The week's count next to the trailing 8-week mean for the given rows (in their order, the
 * largest rise on top), as horizontal bars; a significant rise's count is marked ▲ in its label.
 */
export function risesOption(bars: RiseBar[], colors: TrendsChartColors): EChartsCoreOption {
	const axes = axisStyle(colors);
	const round = (v: number) => Math.round(v * 10) / 10;
	return {
		...chartFrame(colors, colors.series),
		tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
		grid: { left: 170, right: 24, top: 40, bottom: 32 },
		xAxis: { type: 'value', name: 'tickets', min: 0, ...axes },
		yAxis: { type: 'category', inverse: true, data: bars.map((b) => `${b.significant ? '▲ ' : ''}${riseLabel(b)}`), ...axes, splitLine: { show: false } },
		series: [
			{ name: 'This week', type: 'bar', data: bars.map((b) => b.week_count) },
			{ name: 'Trailing 8-week mean', type: 'bar', data: bars.map((b) => round(b.baseline_weekly)) }
		]
	};
}
