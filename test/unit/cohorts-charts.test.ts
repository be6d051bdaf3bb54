import { describe, expect, it } from 'vitest';
import { cohortLinesOption, cohortRows, customerAgeGrid, signupMonthsFrom, heatmapGrid, heatmapOption, heatmapTableRows, lastWeeks } from '../../src/lib/charts/cohorts';
import { kpiTableRows } from '../../src/lib/kpi-table';
import type { KpiSample } from '../../src/lib/server/metrics/kpis';

const colors = { text: '#000', muted: '#555', grid: '#ddd', series: ['#00a', '#eee'] };
const AS_OF = '2026-11-16T00:00:00Z';

describe('cohort range', () => {
	it('ends with the last full week before an as_of at Monday midnight, 12 weeks back', () => {
		expect(lastWeeks(AS_OF, 'UTC')).toEqual({ from: '2026-08-24', to: '2026-11-16' });
	});
	it('includes the partial week of a mid-week as_of, in the zone', () => {
		expect(lastWeeks('2026-11-18T12:00:00Z', 'UTC', 2)).toEqual({ from: '2026-11-09', to: '2026-11-23' });
		// Monday 00:30 UTC is still Sunday in New York.
		expect(lastWeeks('2026-11-16T00:30:00Z', 'America/New_York', 1)).toEqual({ from: '2026-11-09', to: '2026-11-16' });
	});
});

describe('heatmap grid', () => {
	const rows = [
		{ period: '2026-W45', period_start: '2026-11-02', segment: 'scaled', frt_median_min: 30 },
		{ period: '2026-W45', period_start: '2026-11-02', segment: null, frt_median_min: 10 },
		{ period: '2026-W46', period_start: '2026-11-09', segment: 'blended', frt_median_min: 50 },
		{ period: '2026-W46', period_start: '2026-11-09', segment: 'scaled', frt_median_min: null }
	];
	const samples: KpiSample[] = [
		{ n: { frt_median_min: 40 }, low_sample: [], estimated: [] },
		{ n: { frt_median_min: 3 }, low_sample: ['frt_median_min'], estimated: [] },
		{ n: { frt_median_min: 25 }, low_sample: [], estimated: [] },
		{ n: {}, low_sample: [], estimated: [] }
	];
	const grid = heatmapGrid(kpiTableRows({ rows, samples }), 'segment', 'frt_median_min');

	it('puts groups down (none first) and weeks across, with samples and low-sample marks', () => {
		expect(grid.weeks.map((w) => w.period)).toEqual(['2026-W45', '2026-W46']);
		expect(grid.groups).toEqual([null, 'blended', 'scaled']);
		expect(grid.values).toEqual([
			[10, null],
			[null, 50],
			[30, null]
		]);
		expect(grid.n).toEqual([
			[3, 0],
			[0, 25],
			[40, 0]
		]);
		expect(grid.low[0][0]).toBe(true);
		expect(grid.low[2][0]).toBe(false);
		expect(heatmapTableRows(grid)[2]).toEqual({ group: 'scaled', _g: 2, '2026-11-02': 30, '2026-11-09': null });
	});

	it('plots [week, group, value] cells with a colour scale over the values', () => {
		const option = heatmapOption(grid, (v) => String(v), colors, 'FRT') as {
			xAxis: { data: string[] };
			yAxis: { data: string[] };
			visualMap: { min: number; max: number };
			series: Array<{ type: string; data: unknown[]; label: { formatter: (p: { value: [number, number, number | null] }) => string } }>;
		};
		expect(option.xAxis.data).toEqual(['2026-W45', '2026-W46']);
		expect(option.yAxis.data).toEqual(['(none)', 'blended', 'scaled']);
		expect([option.visualMap.min, option.visualMap.max]).toEqual([10, 50]);
		expect(option.series[0].type).toBe('heatmap');
		expect(option.series[0].data).toContainEqual([1, 1, 50]);
		expect(option.series[0].label.formatter({ value: [0, 0, 10] })).toBe('10 ⚑');
	});
});

describe('cohort resolution', () => {
	const survival = [24, 72].flatMap((h) => [
		{ period: '2026-W45', period_start: '2026-11-02', within_hours: h, tickets: 100, still_open: 5, resolved_share: h === 24 ? 0.5 : 0.9 },
		{ period: '2026-W44', period_start: '2026-10-26', within_hours: h, tickets: 80, still_open: 0, resolved_share: h === 24 ? 0.6 : 1 }
	]);
	it('gives one row per cohort, oldest first, with the open share', () => {
		const rows = cohortRows(survival);
		expect(rows.map((r) => r.period)).toEqual(['2026-W44', '2026-W45']);
		expect(rows[1]).toMatchObject({ tickets: 100, still_open: 5, open_share: 0.05, within_24: 0.5, within_72: 0.9 });
		const option = cohortLinesOption(rows, [24, 72], colors) as { xAxis: { data: string[] }; series: Array<{ name: string; data: number[] }> };
		expect(option.xAxis.data).toEqual(['2026-W44', '2026-W45']);
		expect(option.series.map((s) => [s.name, s.data])).toEqual([
			['within 24 h', [60, 50]],
			['within 72 h', [100, 90]]
		]);
	});
});

describe('customer age', () => {
	it('starts the signup months 11 months before as_of\'s month', () => {
		expect(signupMonthsFrom(AS_OF, 'UTC')).toBe('2025-12-01');
		expect(signupMonthsFrom('2026-01-01T00:00:00Z', 'UTC', 2)).toBe('2025-11-01');
	});
	it('lays signup months down and ages across, the cohort\'s orgs as the sample', () => {
		const grid = customerAgeGrid(
			[
				{ signup_month: '2026-09', age_months: 0, orgs: 4, tickets: 6, tickets_per_org: 1.5 },
				{ signup_month: '2026-09', age_months: 1, orgs: 4, tickets: 0, tickets_per_org: 0 },
				{ signup_month: '2026-10', age_months: 0, orgs: 30, tickets: 15, tickets_per_org: 0.5 }
			],
			20
		);
		expect(grid.groups).toEqual(['2026-09', '2026-10']);
		expect(grid.weeks.map((w) => w.period)).toEqual(['0 mo', '1 mo']);
		expect(grid.values).toEqual([
			[1.5, 0],
			[0.5, null]
		]);
		expect(grid.low).toEqual([
			[true, true],
			[false, false]
		]);
	});
});
