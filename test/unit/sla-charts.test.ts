import { describe, expect, it } from 'vitest';
import { asDuration, breachBarsOption, hoursCompareOption, slaTrendOption } from '../../src/lib/charts/sla';
import { periodEnd } from '../../src/lib/periods';
import { kpiTrendOption } from '../../src/lib/charts/kpi-trend';

const colors = { text: '#000', muted: '#555', grid: '#ddd', series: ['#0a0', '#f80', '#a00'] };
type Series = Array<{ name: string; type: string; data: Array<number | null> }>;

describe('SLA chart options', () => {
	it('plots the three rates per period in percent, nulls as gaps', () => {
		const option = slaTrendOption(
			[
				{ period: '2026-W45', sla_achievement_rate: 0.875, sla_frt_breach_rate: 0.05, sla_resolution_breach_rate: 0.1 },
				{ period: '2026-W46', sla_achievement_rate: null, sla_frt_breach_rate: null, sla_resolution_breach_rate: null }
			],
			colors
		) as { xAxis: { data: string[] }; series: Series };
		expect(option.xAxis.data).toEqual(['2026-W45', '2026-W46']);
		expect(option.series.map((s) => s.data)).toEqual([
			[87.5, null],
			[5, null],
			[10, null]
		]);
		expect(option.series.every((s) => s.type === 'line')).toBe(true);
	});

	it('draws one bar per group for each breach rate, groups in the order given', () => {
		const option = breachBarsOption(
			[
				{ label: 'enterprise', sla_frt_breach_rate: 0.25, sla_resolution_breach_rate: null },
				{ label: 'free', sla_frt_breach_rate: 0.0312, sla_resolution_breach_rate: 0 }
			],
			colors
		) as { yAxis: { data: string[] }; series: Series };
		expect(option.yAxis.data).toEqual(['enterprise', 'free']);
		expect(option.series.map((s) => s.data)).toEqual([
			[25, 3.1],
			[null, 0]
		]);
	});

	it('shows FRT medians in hours, business and calendar side by side', () => {
		const option = hoursCompareOption([{ period: '2026-11', business: 90, calendar: 1440 }], colors) as { series: Series };
		expect(option.series.map((s) => s.data)).toEqual([[1.5], [24]]);
	});
});

describe('period ends', () => {
	it('ends each grain period on the next local date', () => {
		expect(periodEnd('2026-11-09', 'week')).toBe('2026-11-16');
		expect(periodEnd('2026-12-31', 'day')).toBe('2027-01-01');
		expect(periodEnd('2026-01-01', 'month')).toBe('2026-02-01');
		expect(periodEnd('2026-10-01', 'quarter')).toBe('2027-01-01');
	});
});

describe('hours plotted, durations shown', () => {
	it('shows a point in hours as the tables write the duration', () => {
		// 56 minutes plot as 0.93 h; the tooltip says 56 min, as the table beside it does.
		expect(asDuration.valueFormatter(0.93)).toBe('56 min');
		expect(asDuration.valueFormatter(5.2)).toBe('5.2 h');
		expect(asDuration.valueFormatter(null)).toBe('–');
		const option = kpiTrendOption([{ period: '2026-W10', tickets_created: 3, frt_median_min: 56 }], { text: '#000', muted: '#555', grid: '#ddd', volume: '#00a', speed: '#a00' }, 'business') as { series: Array<{ data: unknown[]; tooltip?: unknown }> };
		expect(option.series[1].data).toEqual([0.93]);
		expect(option.series[1].tooltip).toBe(asDuration);
	});
});
