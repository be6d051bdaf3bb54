import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { createApi } from '../../src/lib/server/api';
import { LOCAL_ADMIN } from '../../src/lib/server/auth/principal';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { FIXTURES, memoryDb } from '../helpers/db';

describe('GET /api/v1/kpis', () => {
	let db: Database;
	let api: ReturnType<typeof createApi>;
	beforeAll(async () => {
		db = await memoryDb();
		await importGenericPath(db, join(FIXTURES, 'generic-small'), { source: 'generic', timezone: 'UTC' });
		api = createApi({ db: async () => db, assume: LOCAL_ADMIN });
	});
	afterAll(() => db.close());

	it('returns meta and one row per ISO week with the metric ids of the catalog', async () => {
		const res = await api.request('/api/v1/kpis?grain=week&metrics=tickets_created,frt_median_min&as_of=2026-04-01T00:00:00Z');
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({
			meta: {
				grain: 'week',
				hours: 'calendar',
				tz: 'UTC',
				as_of: '2026-04-01T00:00:00.000Z',
				from: null,
				to: null,
				by: [],
				filters: {},
				low_sample_threshold: 20,
				// No cost rows name a currency here; no avoided-ticket rate was set.
				currency: null,
				avoided_ticket_rate: null,
				not_applicable: {},
				notes: []
			},
			// undecided: t5 (W10) is still unanswered at as_of, so it is missing from the median.
			samples: [
				{ n: { frt_median_min: 3 }, low_sample: ['frt_median_min'], estimated: [], undecided: { frt_median_min: 1 } },
				{ n: { frt_median_min: 4 }, low_sample: ['frt_median_min'], estimated: [], undecided: { frt_median_min: 0 } },
				{ n: {}, low_sample: [], estimated: [] },
				{ n: { frt_median_min: 1 }, low_sample: ['frt_median_min'], estimated: [], undecided: { frt_median_min: 0 } }
			],
			rows: [
				{ period: '2026-W10', period_start: '2026-03-02', tickets_created: 4, frt_median_min: 90 },
				{ period: '2026-W11', period_start: '2026-03-09', tickets_created: 4, frt_median_min: 60 },
				{ period: '2026-W12', period_start: '2026-03-16', tickets_created: 0, frt_median_min: null },
				{ period: '2026-W13', period_start: '2026-03-23', tickets_created: 1, frt_median_min: 10 }
			]
		});
	});

	it('answers a bad parameter with a 400 that names it', async () => {
		const res = await api.request('/api/v1/kpis?grain=fortnight');
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({
			error: { param: 'grain', message: 'grain must be one of day, week, month, quarter, got "fortnight"' }
		});
	});

	it('serves the same rows as CSV', async () => {
		const res = await api.request('/api/v1/kpis?grain=month&format=csv&metrics=tickets_created,frt_median_min&as_of=2026-04-01T00:00:00Z');
		expect(res.headers.get('content-type')).toContain('text/csv');
		expect(await res.text()).toBe('period,period_start,tickets_created,frt_median_min\r\n2026-03,2026-03-01,9,60\r\n');
	});

	it('lists the catalog entries it computes', async () => {
		const res = await api.request('/api/v1/metrics');
		const body = (await res.json()) as { metrics: Array<{ id: string; unit: string }> };
		expect(body.metrics.slice(0, 2).map((m) => [m.id, m.unit])).toEqual([
			['tickets_created', 'count'],
			['tickets_outbound', 'count']
		]);
		expect(body.metrics.find((m) => m.id === 'frt_median_min')?.unit).toBe('minutes');
		expect(body.metrics.find((m) => m.id === 'csat_rate')?.unit).toBe('rate');
	});

	it('reports import runs and their rejects', async () => {
		const list = (await (await api.request('/api/v1/imports')).json()) as { runs: Array<{ run_id: number; entity: string }> };
		expect(list.runs.map((r) => r.entity)).toEqual(['tickets', 'orgs']);
		const one = await api.request(`/api/v1/imports/${list.runs[0].run_id}`);
		expect(await one.json()).toMatchObject({ run: { entity: 'tickets', rows_accepted: 10, status: 'ok' }, rejects: [] });
		expect((await api.request('/api/v1/imports/999')).status).toBe(404);
	});

	it('keeps internals out of error bodies', async () => {
		const broken = createApi({
			db: async () => {
				throw new Error('IO Error: secret path /var/lib/x');
			},
			assume: LOCAL_ADMIN
		});
		const res = await broken.request('/api/v1/kpis');
		expect(res.status).toBe(500);
		expect(JSON.stringify(await res.json())).not.toContain('secret');
	});
});
