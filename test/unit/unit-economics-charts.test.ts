import { describe, expect, it } from 'vitest';
import { unitEconomicsOption, unitPoints } from '../../src/lib/charts/unit-economics';
import { kpiTableRows } from '../../src/lib/kpi-table';
import type { KpiRow, KpiSample } from '../../src/lib/server/metrics/kpis';
import { latestCompleteStart, periodsBefore } from '../../src/lib/periods';

const colors = { text: '#000', muted: '#555', grid: '#ddd', cost: '#00a', tickets: '#a00', customers: '#0a0' };

describe('periods', () => {
	it('steps back by the grain', () => {
		expect(periodsBefore('2026-11-09', 'week', 11)).toBe('2026-08-24');
		expect(periodsBefore('2026-11-09', 'week', -1)).toBe('2026-11-16');
		expect(periodsBefore('2026-11-01', 'month', 1)).toBe('2026-10-01');
		expect(periodsBefore('2026-10-01', 'quarter', 1)).toBe('2026-07-01');
		expect(periodsBefore('2026-03-01', 'day', 1)).toBe('2026-02-28');
	});

	it('picks the newest period that has ended by as_of, in the zone', () => {
		const weeks = ['2026-11-02', '2026-11-09', '2026-11-16'];
		// as_of at Monday midnight: the week just ended is complete, the one starting is not.
		expect(latestCompleteStart(weeks, 'week', '2026-11-16T00:00:00Z', 'UTC')).toBe('2026-11-09');
		// Monday 00:30 UTC is still Sunday in New York: the week before that is the latest complete.
		expect(latestCompleteStart(weeks, 'week', '2026-11-16T00:30:00Z', 'America/New_York')).toBe('2026-11-02');
		// A range cut short by `to` ends the complete periods there.
		expect(latestCompleteStart(weeks, 'week', '2026-11-20T00:00:00Z', 'UTC', '2026-11-12')).toBe('2026-11-02');
		expect(latestCompleteStart(['2026-11-16'], 'week', '2026-11-18T00:00:00Z', 'UTC')).toBeNull();
	});
});

describe('unit-economics chart', () => {
	const rows: KpiRow[] = [
		{ period: '2026-W45', period_start: '2026-11-02', support_cost: 1000, tickets_solved: 50, active_customers: 40, cost_per_ticket: 20, cost_per_customer: 25, self_service_savings: 12.5, extra: 1 },
		{ period: '2026-W46', period_start: '2026-11-09', support_cost: null, tickets_solved: 60, active_customers: 45 }
	];
	const samples: KpiSample[] = [
		{ n: {}, low_sample: [], estimated: [], basis: { self_service_savings: { avoided_ticket_rate: 0.3, trailing_cost_per_ticket: 21 } } },
		{ n: {}, low_sample: [], estimated: [], basis: {} }
	];
	const points = unitPoints(kpiTableRows({ rows, samples }));

	it('keeps the unit metrics of each row, and the assumption behind its savings, null where missing', () => {
		expect(points[0]).toMatchObject({ self_service_savings: 12.5, avoided_ticket_rate: 0.3, trailing_cost_per_ticket: 21 });
		expect(points[1]).toEqual({
			period: '2026-W46',
			period_start: '2026-11-09',
			support_cost: null,
			tickets_solved: 60,
			active_customers: 45,
			cost_per_ticket: null,
			cost_per_customer: null,
			self_service_savings: null,
			avoided_ticket_rate: null,
			trailing_cost_per_ticket: null
		});
		expect(Object.keys(points[0])).not.toContain('extra');
	});

	it('plots cost on the money axis and tickets and customers on the count axis', () => {
		const option = unitEconomicsOption(points, colors, [], 'EUR') as {
			xAxis: { data: string[] };
			yAxis: unknown[];
			series: Array<{ name: string; yAxisIndex: number; data: Array<number | null> }>;
		};
		expect(option.xAxis.data).toEqual(['2026-W45', '2026-W46']);
		expect(option.yAxis).toHaveLength(2);
		expect(option.series.map((s) => [s.name, s.yAxisIndex, s.data])).toEqual([
			['Support cost (EUR)', 0, [1000, null]],
			['Tickets solved', 1, [50, 60]],
			['Active customers', 1, [40, 45]]
		]);
	});

	it('names no currency the costs did not name', () => {
		const option = unitEconomicsOption(points, colors) as { yAxis: Array<{ name: string }>; series: Array<{ name: string }> };
		expect(option.yAxis[0].name).toBe('support cost, imported currency');
		expect(option.series[0].name).toBe('Support cost (imported currency)');
	});
});
