import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { FIXTURES, memoryDb } from '../helpers/db';

// Expected values are worked out by hand in test/fixtures/generic-small/README.md.
describe('tickets_created and frt_median_min (calendar) by period', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		const result = await importGenericPath(db, join(FIXTURES, 'generic-small'), { source: 'generic', timezone: 'UTC' });
		expect(result.files.map((f) => [f.file, f.rowsAccepted, f.rowsRejected])).toEqual([
			['orgs.csv', 3, 0],
			['tickets.csv', 10, 0]
		]);
	});
	afterAll(() => db.close());

	const kpis = (params: Record<string, string>) =>
		computeKpis(db, parseKpiQuery({ metrics: 'tickets_created,frt_median_min', hours: 'calendar', as_of: '2026-12-01T00:00:00Z', ...params }));

	it('counts inbound tickets per ISO week, with empty weeks as 0', async () => {
		const { rows } = await kpis({ grain: 'week' });
		expect(rows).toEqual([
			{ period: '2026-W10', period_start: '2026-03-02', tickets_created: 4, frt_median_min: 90 },
			{ period: '2026-W11', period_start: '2026-03-09', tickets_created: 4, frt_median_min: 60 },
			{ period: '2026-W12', period_start: '2026-03-16', tickets_created: 0, frt_median_min: null },
			{ period: '2026-W13', period_start: '2026-03-23', tickets_created: 1, frt_median_min: 10 }
		]);
	});

	it('draws week boundaries in the reporting time zone, across the US DST switch', async () => {
		const { rows } = await kpis({ grain: 'week', tz: 'America/New_York', to: '2026-03-16' });
		expect(rows).toEqual([
			{ period: '2026-W10', period_start: '2026-03-02', tickets_created: 5, frt_median_min: 75 },
			{ period: '2026-W11', period_start: '2026-03-09', tickets_created: 3, frt_median_min: 60 }
		]);
	});

	it('treats from as inclusive and to as exclusive, and keeps asked-for empty periods', async () => {
		const { rows } = await kpis({ grain: 'week', from: '2026-03-09', to: '2026-03-23' });
		expect(rows.map((r) => [r.period, r.tickets_created])).toEqual([
			['2026-W11', 4],
			['2026-W12', 0]
		]);
	});

	it('rolls up to months and quarters with the median over all tickets, not of weekly medians', async () => {
		const month = await kpis({ grain: 'month' });
		// FRTs of March: 30, 120, 90, 60, 45, 240, 60, 10 -> sorted 10 30 45 60 60 90 120 240 -> median 60.
		expect(month.rows).toEqual([{ period: '2026-03', period_start: '2026-03-01', tickets_created: 9, frt_median_min: 60 }]);
		const quarter = await kpis({ grain: 'quarter' });
		expect(quarter.rows).toEqual([{ period: '2026-Q1', period_start: '2026-01-01', tickets_created: 9, frt_median_min: 60 }]);
	});

	it('returns only the metrics asked for, in the order asked', async () => {
		const { rows, meta } = await kpis({ grain: 'week', metrics: 'frt_median_min', from: '2026-03-02', to: '2026-03-09' });
		expect(rows).toEqual([{ period: '2026-W10', period_start: '2026-03-02', frt_median_min: 90 }]);
		expect(meta).toMatchObject({ grain: 'week', hours: 'calendar', tz: 'UTC', from: '2026-03-02', to: '2026-03-09' });
	});

	it('interpolates the median between the two middle values', async () => {
		const { rows } = await kpis({ grain: 'day', from: '2026-03-02', to: '2026-03-04' });
		expect(rows).toEqual([
			{ period: '2026-03-02', period_start: '2026-03-02', tickets_created: 1, frt_median_min: 30 },
			{ period: '2026-03-03', period_start: '2026-03-03', tickets_created: 1, frt_median_min: 120 }
		]);
		const even = await kpis({ grain: 'month', from: '2026-03-01', to: '2026-03-05' });
		// t1 30, t2 120, t3 90 -> median 90; three values, so no interpolation needed here...
		expect(even.rows[0].frt_median_min).toBe(90);
		const four = await kpis({ grain: 'month', from: '2026-03-01', to: '2026-03-10' });
		// ...and t1..t6 give 30, 120, 90, 60 -> (60 + 90) / 2 = 75.
		expect(four.rows[0].frt_median_min).toBe(75);
	});
});
