import type { EChartsCoreOption } from 'echarts/core';
import type { SlaChartColors } from './sla';
import { axisStyle, chartFrame, percent as pct } from './axes';
import { markIncompletePeriods } from './partial';
import { lastWeeks as lastWeeksOf, signupMonthsFrom as signupMonthsOf } from '../periods';
import { CUSTOMER_AGE_MONTHS } from '../customer-age';
import { COHORT_WEEKS } from '../cohorts';
import type { KpiTableRow } from '../kpi-table';

/** Theme colours of the cohort charts (the same shape as the SLA page's). */
export type CohortChartColors = SlaChartColors;

/** The default heatmap range: the last `weeks` ISO weeks up to as_of (periods.ts). */
export function lastWeeks(asOf: string, tz: string, weeks = COHORT_WEEKS): { from: string; to: string } {
	return lastWeeksOf(asOf, tz, weeks);
}

/** A group x week matrix of one metric, with the samples behind each cell. */
export interface HeatmapGrid {
	/** Weeks in order: label and start date. */
	weeks: Array<{ period: string; period_start: string }>;
	/** Group values in order; null (no value) shows as "(none)". */
	groups: Array<string | null>;
	/** values[g][w], null where nothing was measured. */
	values: Array<Array<number | null>>;
	/** Sample (n) per cell, 0 where none. */
	n: number[][];
	/** Whether each cell rests on a low sample. */
	low: boolean[][];
}

/** Arranges KPI table rows grouped by `dim` (kpi-table.ts) into a group x week grid of one metric's cells. */
export function heatmapGrid(rows: KpiTableRow[], dim: string, metric: string): HeatmapGrid {
	const weekMap = new Map<string, string>();
	const groupSet = new Set<string | null>();
	for (const r of rows) {
		weekMap.set(r.period_start, r.period);
		groupSet.add(r[dim] === null || r[dim] === undefined ? null : String(r[dim]));
	}
	const weeks = [...weekMap.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([period_start, period]) => ({ period, period_start }));
	const groups = [...groupSet].sort((a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));
	const values = groups.map(() => weeks.map((): number | null => null));
	const n = groups.map(() => weeks.map(() => 0));
	const low = groups.map(() => weeks.map(() => false));
	for (const r of rows) {
		const g = groups.indexOf(r[dim] === null || r[dim] === undefined ? null : String(r[dim]));
		const w = weeks.findIndex((x) => x.period_start === r.period_start);
		const cell = r.cells[metric];
		values[g][w] = cell?.value ?? null;
		n[g][w] = cell?.n ?? 0;
		low[g][w] = cell?.lowSample ?? false;
	}
	return { weeks, groups, values, n, low };
}

/** The grid as table rows: one per group, a `group` key and one key per week start. */
export function heatmapTableRows(grid: HeatmapGrid): Array<Record<string, unknown>> {
	return grid.groups.map((group, g) => ({
		group,
		_g: g,
		...Object.fromEntries(grid.weeks.map((w, i) => [w.period_start, grid.values[g][i]]))
	}));
}

/**
 * A group x week heatmap: weeks across, groups down, each cell coloured by its value and
 * labelled with `format(value)`; low-sample cells are labelled with a trailing ⚑.
 */
export function heatmapOption(grid: HeatmapGrid, format: (v: number | null) => string, colors: CohortChartColors, seriesName: string): EChartsCoreOption {
	const data: Array<[number, number, number | null]> = [];
	let min = Infinity;
	let max = -Infinity;
	grid.groups.forEach((_, g) =>
		grid.weeks.forEach((_, w) => {
			const v = grid.values[g][w];
			data.push([w, g, v]);
			if (v !== null) {
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
		})
	);
	if (min === Infinity) [min, max] = [0, 1];
	if (min === max) max = min + 1;
	const axis = { axisLabel: { color: colors.muted }, axisLine: { lineStyle: { color: colors.grid } }, splitArea: { show: true } };
	return {
		animation: false,
		aria: { enabled: true },
		textStyle: { color: colors.text },
		tooltip: { position: 'top' },
		grid: { left: 96, right: 24, top: 16, bottom: 72 },
		xAxis: { type: 'category', data: grid.weeks.map((w) => w.period), ...axis },
		// Inverse: groups run top-down in the table's order.
		yAxis: { type: 'category', inverse: true, data: grid.groups.map((g) => g ?? '(none)'), ...axis },
		visualMap: {
			min,
			max,
			calculable: false,
			orient: 'horizontal',
			left: 'center',
			bottom: 0,
			itemHeight: 160,
			text: [format(max), format(min)],
			textStyle: { color: colors.muted },
			inRange: { color: [colors.series[1] ?? '#e8eefb', colors.series[0] ?? '#2f5fd0'] }
		},
		series: [
			{
				name: seriesName,
				type: 'heatmap',
				data,
				label: {
					show: true,
					fontSize: 10,
					formatter: (p: { value: [number, number, number | null] }) => {
						const [w, g, v] = p.value;
						return `${format(v)}${grid.low[g]?.[w] ? ' ⚑' : ''}`;
					}
				}
			}
		]
	};
}

/** One created-week cohort of the resolution table. */
export interface CohortRow {
	period: string;
	period_start: string;
	tickets: number;
	still_open: number;
	/** Share of the cohort still open at as_of. */
	open_share: number | null;
	/** Kaplan-Meier resolved share within each checkpoint, keyed `within_<hours>`. */
	[key: string]: string | number | null;
}

/** Survival rows (one per cohort x checkpoint) as one row per cohort, oldest first. */
export function cohortRows(
	rows: Array<{ period: string; period_start: string; within_hours: number; tickets: number; still_open: number; resolved_share: number }>
): CohortRow[] {
	const byStart = new Map<string, CohortRow>();
	for (const r of rows) {
		let row = byStart.get(r.period_start);
		if (!row) {
			row = { period: r.period, period_start: r.period_start, tickets: r.tickets, still_open: r.still_open, open_share: r.tickets > 0 ? r.still_open / r.tickets : null };
			byStart.set(r.period_start, row);
		}
		row[`within_${r.within_hours}`] = r.resolved_share;
	}
	return [...byStart.values()].sort((a, b) => (a.period_start < b.period_start ? -1 : 1));
}

/**
 * The resolved share within each checkpoint per created-week cohort: cohort weeks across,
 * one line per checkpoint (24 h, 72 h, 168 h), in percent. `incomplete` (parallel to
 * `cohorts`) flags created weeks not whole (charts/partial.ts).
 */
export function cohortLinesOption(cohorts: CohortRow[], points: number[], colors: CohortChartColors, incomplete: boolean[] = []): EChartsCoreOption {
	const axes = axisStyle(colors);
	return markIncompletePeriods({
		...chartFrame(colors, colors.series),
		grid: { left: 56, right: 24, top: 48, bottom: 48 },
		xAxis: { type: 'category', name: 'created week', nameLocation: 'middle', nameGap: 28, data: cohorts.map((c) => c.period), ...axes, splitLine: { show: false } },
		yAxis: { type: 'value', name: '% resolved', min: 0, max: 100, ...axes },
		series: points.map((h) => ({
			name: `within ${h} h`,
			type: 'line',
			data: cohorts.map((c) => pct(c[`within_${h}`])),
			connectNulls: false,
			symbolSize: 4
		}))
	}, incomplete);
}

/** The first signup month ('YYYY-MM-01') of the table's months up to as_of's month (periods.ts). */
export function signupMonthsFrom(asOf: string, tz: string, months = CUSTOMER_AGE_MONTHS): string {
	return signupMonthsOf(asOf, tz, months);
}

/** One cell of the customer-age report (GET-free: computed by the page's load). */
export interface CustomerAgeCell {
	signup_month: string;
	age_months: number;
	orgs: number;
	tickets: number;
	tickets_per_org: number;
}

/**
 * The customer-age report as a signup month x age grid of tickets per org; the sample of a
 * cell is its cohort's orgs, low below `threshold`.
 */
export function customerAgeGrid(rows: CustomerAgeCell[], threshold: number): HeatmapGrid {
	return heatmapGrid(
		rows.map((r) => ({
			period: `${r.age_months} mo`,
			period_start: `age_${String(r.age_months).padStart(2, '0')}`,
			signup_month: r.signup_month,
			cells: { tickets_per_org: { value: r.tickets_per_org, n: r.orgs, lowSample: r.orgs < threshold, estimated: false } }
		})),
		'signup_month',
		'tickets_per_org'
	);
}
