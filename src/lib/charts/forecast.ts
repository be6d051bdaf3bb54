import type { EChartsCoreOption } from 'echarts/core';
import { axisStyle, chartFrame } from './axes';
import type { SlaChartColors } from './sla';
import type { ForecastRow } from '../forecast';

/** Theme colours of the staffing charts (the same shape as the SLA page's). */
export type ForecastChartColors = SlaChartColors & { band: string };

/** One week of a series: the actual count (past weeks) or the forecast with its intervals. */
export type ForecastPoint = Pick<ForecastRow, 'week' | 'tickets' | 'forecast' | 'lo_80' | 'hi_80' | 'lo_95' | 'hi_95'>;

const whole = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/**
 * Actual weekly tickets, then the forecast as a dashed line inside its 95 % and 80 % bands.
 * A band is drawn as a transparent lower line and the width above it stacked on it, filled.
 */
export function forecastOption(points: ForecastPoint[], colors: ForecastChartColors): EChartsCoreOption {
	const axes = axisStyle(colors);
	const band = (lo: keyof ForecastPoint, hi: keyof ForecastPoint, name: string, opacity: number) => [
		{
			name: `${name} low`,
			type: 'line',
			stack: name,
			symbol: 'none',
			lineStyle: { opacity: 0 },
			tooltip: { show: false },
			data: points.map((p) => whole(p[lo] as number | null))
		},
		{
			name,
			type: 'line',
			stack: name,
			symbol: 'none',
			lineStyle: { opacity: 0 },
			areaStyle: { color: colors.band, opacity },
			data: points.map((p) => (p[lo] === null || p[hi] === null ? null : whole((p[hi] as number) - (p[lo] as number))))
		}
	];
	return {
		...chartFrame(colors, colors.series),
		legend: { top: 0, textStyle: { color: colors.text }, data: ['Actual', 'Forecast', '80 % interval', '95 % interval'] },
		grid: { left: 56, right: 24, top: 40, bottom: 40 },
		xAxis: { type: 'category', data: points.map((p) => p.week), ...axes, splitLine: { show: false } },
		yAxis: { type: 'value', name: 'tickets', min: 0, ...axes },
		series: [
			...band('lo_95', 'hi_95', '95 % interval', 0.18),
			...band('lo_80', 'hi_80', '80 % interval', 0.3),
			{ name: 'Actual', type: 'line', symbol: 'circle', symbolSize: 4, data: points.map((p) => p.tickets) },
			{ name: 'Forecast', type: 'line', symbol: 'circle', symbolSize: 4, lineStyle: { type: 'dashed' }, data: points.map((p) => whole(p.forecast)) }
		]
	};
}

/** Agents needed (FTE) per week, one stacked bar per channel, against the agents on hand. */
export function agentsOption(weeks: string[], channels: Array<{ name: string; fte: Array<number | null> }>, onHand: number | null, colors: ForecastChartColors): EChartsCoreOption {
	const axes = axisStyle(colors);
	return {
		...chartFrame(colors, colors.series),
		tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
		grid: { left: 56, right: 24, top: 40, bottom: 40 },
		xAxis: { type: 'category', data: weeks, ...axes, splitLine: { show: false } },
		yAxis: { type: 'value', name: 'FTE', min: 0, ...axes },
		series: [
			...channels.map((c, i) => ({
				name: c.name,
				type: 'bar',
				stack: 'fte',
				data: c.fte.map((v) => (v === null ? null : Math.round(v * 100) / 100)),
				...(i === channels.length - 1 && onHand !== null
					? {
							markLine: {
								symbol: 'none',
								label: { formatter: `on hand ${Math.round(onHand * 10) / 10}`, color: colors.text },
								lineStyle: { color: colors.text, type: 'dashed' },
								data: [{ yAxis: Math.round(onHand * 10) / 10 }]
							}
						}
					: {})
			}))
		]
	};
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** "Tue 14:00" for hour 38 of the week. */
export const hourOfWeekLabel = (hour: number) => `${DAYS[Math.floor(hour / 24)]} ${String(hour % 24).padStart(2, '0')}:00`;

/** Agents on duty per hour of the week for each live channel. */
export function hoursOption(channels: Array<{ name: string; agents: number[] }>, colors: ForecastChartColors): EChartsCoreOption {
	const axes = axisStyle(colors);
	return {
		...chartFrame(colors, colors.series),
		grid: { left: 56, right: 24, top: 40, bottom: 48 },
		xAxis: {
			type: 'category',
			data: Array.from({ length: 168 }, (_, h) => hourOfWeekLabel(h)),
			...axes,
			axisLabel: { ...axes.axisLabel, interval: 23 },
			splitLine: { show: false }
		},
		yAxis: { type: 'value', name: 'agents', min: 0, minInterval: 1, ...axes },
		series: channels.map((c) => ({ name: c.name, type: 'line', step: 'end', symbol: 'none', data: c.agents }))
	};
}
