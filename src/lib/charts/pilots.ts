import type { EChartsCoreOption } from 'echarts/core';
import { axisStyle, chartFrame } from './axes';
import type { SlaChartColors } from './sla';
import type { PilotWeek } from '../pilots';

/**
 * A pilot's weeks as an index: each group's tickets per customer divided by its own mean
 * over the before weeks, times 100, so a treated group ten times smaller than its control
 * sits on the same scale and a drop shows as the gap that opens at the start (week 0).
 */
export function pilotIndex(weeks: PilotWeek[]): Array<{ week: number; treated: number | null; control: number | null }> {
	const mean = (values: Array<number | null>) => {
		const known = values.filter((v): v is number => v !== null);
		return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
	};
	const before = weeks.filter((w) => w.week < 0);
	const t0 = mean(before.map((w) => w.treated_per_customer));
	const c0 = mean(before.map((w) => w.control_per_customer));
	const index = (v: number | null, base: number | null) => (v === null || !base ? null : Math.round((v / base) * 1000) / 10);
	return weeks.map((w) => ({ week: w.week, treated: index(w.treated_per_customer, t0), control: index(w.control_per_customer, c0) }));
}

export function pilotWeeksOption(weeks: PilotWeek[], colors: SlaChartColors): EChartsCoreOption {
	const axes = axisStyle(colors);
	const points = pilotIndex(weeks);
	return {
		...chartFrame(colors, colors.series),
		grid: { left: 56, right: 24, top: 40, bottom: 48 },
		xAxis: { type: 'category', name: 'weeks since the start', nameLocation: 'middle', nameGap: 28, data: points.map((p) => String(p.week)), ...axes, splitLine: { show: false } },
		yAxis: { type: 'value', name: 'before = 100', min: 0, ...axes },
		series: [
			{
				name: 'Treated',
				type: 'line',
				symbol: 'circle',
				symbolSize: 4,
				data: points.map((p) => p.treated),
				markLine: {
					symbol: 'none',
					silent: true,
					label: { formatter: 'start', color: colors.muted },
					lineStyle: { color: colors.muted, type: 'dashed' },
					data: [{ xAxis: '0' }]
				}
			},
			{ name: 'Control', type: 'line', symbol: 'circle', symbolSize: 4, data: points.map((p) => p.control) }
		]
	};
}
