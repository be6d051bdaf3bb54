import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { DRILLABLE_METRICS, listTickets, parseTicketListQuery } from '../../src/lib/server/metrics/tickets';
import { parseKpiQuery } from '../../src/lib/filters';
import { metricInfo } from '../../src/lib/metric-catalog';
import { FIXTURES, memoryDb } from '../helpers/db';

const AS_OF = '2026-12-31T00:00:00Z';

// The business-hours fixture (test/fixtures/business-hours/README.md), week 2026-W10.
describe('drill-through: the tickets behind a metric cell', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		await importGenericPath(db, join(FIXTURES, 'business-hours'), { source: 'generic', timezone: 'UTC' });
	});
	afterAll(() => db.close());

	const list = (search: string) => {
		const params = new URLSearchParams(`grain=week&period_start=2026-03-02&as_of=${AS_OF}&hours=business&${search}`);
		return listTickets(db, parseTicketListQuery(params, parseKpiQuery(params)));
	};

	it('lists the SLA breaches of a week with the values that decided them', async () => {
		const { meta, rows } = await list('metric=sla_frt_breach_rate&numerator=true&sort=ticket_id&order=asc');
		expect(meta.total).toBe(2);
		expect(rows.map((r) => [r.ticket_id, r.frt_minutes, r.frt_target_minutes, r.is_frt_breached])).toEqual([
			['unanswered', null, 480, true],
			['weekend', 120, 60, true]
		]);
	});

	it('pages and sorts by a per-ticket value', async () => {
		const first = await list('metric=frt_median_min&sort=frt_minutes&order=desc&limit=2');
		expect(first.meta.total).toBe(5);
		expect(first.rows.map((r) => [r.ticket_id, r.frt_minutes])).toEqual([
			['weekend', 120],
			['fri-ny', 60]
		]);
		const past = await list('metric=frt_median_min&limit=2&offset=10');
		expect(past.rows).toEqual([]);
		expect(past.meta.total).toBe(5);
	});

	it('lists exactly the sample each metric of a cell was computed over', async () => {
		const q = parseKpiQuery({ grain: 'week', from: '2026-03-02', to: '2026-03-09', as_of: AS_OF, hours: 'business', metrics: DRILLABLE_METRICS.join(',') });
		const { rows, samples } = await computeKpis(db, q);
		const mismatches: string[] = [];
		for (const metric of DRILLABLE_METRICS) {
			const { meta } = await list(`metric=${metric}&limit=1`);
			const value = rows[0][metric];
			// A count is its own sample; any other metric reports its sample size.
			const expected = metricInfo(metric)?.unit === 'count' ? value : (samples[0].n[metric] ?? 0);
			if (metric === 'sla_credit_exposure') continue; // its __n counts breaching tickets, its sample is every ticket with a target
			if (meta.total !== expected) mismatches.push(`${metric}: ${meta.total} listed, ${expected} in the cell`);
		}
		expect(mismatches).toEqual([]);
	});

	it('names a metric it cannot list tickets for', () => {
		const params = new URLSearchParams('metric=nps_score');
		expect(() => parseTicketListQuery(params, parseKpiQuery(new URLSearchParams()))).toThrow(/no ticket list for "nps_score"/);
	});
});
