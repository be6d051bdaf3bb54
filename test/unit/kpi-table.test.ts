import { describe, expect, it } from 'vitest';
import { cellLinkAndNote, kpiTableRows } from '../../src/lib/kpi-table';
import type { KpiRow, KpiSample } from '../../src/lib/server/metrics/kpis';

/** Two weeks by plan: a rate, a duration, a count and an estimated cost, as computeKpis returns them. */
const rows: KpiRow[] = [
	{ period: '2026-W45', period_start: '2026-11-02', plan: 'premium', csat_rate: 0.8, frt_median_min: 42, tickets_created: 25, cost_per_ticket: 12.5 },
	{ period: '2026-W45', period_start: '2026-11-02', plan: null, csat_rate: null, frt_median_min: 95, tickets_created: 0, cost_per_ticket: null },
	{ period: '2026-W46', period_start: '2026-11-09', plan: 'premium', csat_rate: 0.5, frt_median_min: null, tickets_created: 3, cost_per_ticket: 20 }
];
const samples: KpiSample[] = [
	{ n: { csat_rate: 10, frt_median_min: 24, cost_per_ticket: 25 }, low_sample: ['csat_rate'], estimated: ['cost_per_ticket'] },
	{ n: { frt_median_min: 30 }, low_sample: [], estimated: [] },
	{ n: { csat_rate: 2, frt_median_min: 0, cost_per_ticket: 3 }, low_sample: ['csat_rate', 'cost_per_ticket'], estimated: [] }
];

describe('KPI table rows', () => {
	it('pairs each row with its own sample: value, n, low-sample and estimated marks per metric', () => {
		const table = kpiTableRows({ rows, samples });
		expect(table).toHaveLength(3);
		expect(table[0]).toEqual({
			...rows[0],
			cells: {
				csat_rate: { value: 0.8, n: 10, lowSample: true, estimated: false },
				frt_median_min: { value: 42, n: 24, lowSample: false, estimated: false },
				// A count is its own sample.
				tickets_created: { value: 25, n: 25, lowSample: false, estimated: false },
				cost_per_ticket: { value: 12.5, n: 25, lowSample: false, estimated: true }
			}
		});
		// No sample for a metric: n 0, no marks; the group value is no cell.
		expect(table[1].cells.csat_rate).toEqual({ value: null, n: 0, lowSample: false, estimated: false });
		expect(table[1].plan).toBeNull();
		expect(Object.keys(table[1].cells)).toEqual(['csat_rate', 'frt_median_min', 'tickets_created', 'cost_per_ticket']);
		expect(table[2].cells.cost_per_ticket).toEqual({ value: 20, n: 3, lowSample: true, estimated: false });
	});

	it('links only cells with items behind them, as the page says', () => {
		const asked: string[] = [];
		const table = kpiTableRows({ rows, samples }, (row, metric) => {
			asked.push(`${row.period_start}/${row.plan}/${metric}`);
			return metric === 'cost_per_ticket' ? undefined : `/tickets?metric=${metric}&from=${row.period_start}`;
		});
		expect(table[0].cells.csat_rate.href).toBe('/tickets?metric=csat_rate&from=2026-11-02');
		expect(table[0].cells.tickets_created.href).toBe('/tickets?metric=tickets_created&from=2026-11-02');
		// A metric the page links nowhere has no link, whatever its sample.
		expect(table[0].cells.cost_per_ticket.href).toBeUndefined();
		// Nothing behind: no CSAT rating, no ticket created, a median over no answered ticket.
		expect(table[1].cells.csat_rate.href).toBeUndefined();
		expect(table[1].cells.tickets_created.href).toBeUndefined();
		expect(table[2].cells.frt_median_min.href).toBeUndefined();
		expect(asked).toEqual([
			'2026-11-02/premium/csat_rate',
			'2026-11-02/premium/frt_median_min',
			'2026-11-02/premium/tickets_created',
			'2026-11-02/premium/cost_per_ticket',
			'2026-11-02/null/frt_median_min',
			'2026-11-09/premium/csat_rate',
			'2026-11-09/premium/tickets_created',
			'2026-11-09/premium/cost_per_ticket'
		]);
	});

	it("keeps the assumption a value rests on with the value's cell", () => {
		const table = kpiTableRows({
			rows: [{ period: '2026-W46', period_start: '2026-11-09', self_service_savings: 1200, support_cost: 5000 }],
			samples: [{ n: { self_service_savings: 40 }, low_sample: [], estimated: [], basis: { self_service_savings: { avoided_ticket_rate: 0.3, trailing_cost_per_ticket: 100 } } }]
		});
		expect(table[0].cells.self_service_savings).toEqual({ value: 1200, n: 40, lowSample: false, estimated: false, basis: { avoided_ticket_rate: 0.3, trailing_cost_per_ticket: 100 } });
		expect(table[0].cells.support_cost.basis).toBeUndefined();
	});

	it("gives a table column its cells' links and low-sample notes", () => {
		const table = kpiTableRows({ rows, samples }, (row, metric) => `/tickets?metric=${metric}&plan=${row.plan}`);
		const column = cellLinkAndNote('csat_rate', (cell) => `low sample: ${cell.n} ratings`);
		expect(table.map((r) => column.href(r))).toEqual(['/tickets?metric=csat_rate&plan=premium', undefined, '/tickets?metric=csat_rate&plan=premium']);
		expect(table.map((r) => column.note(r))).toEqual(['low sample: 10 ratings', undefined, 'low sample: 2 ratings']);
	});
});
