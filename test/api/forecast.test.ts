import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { createApi } from '../../src/lib/server/api';
import { LOCAL_ADMIN } from '../../src/lib/server/auth/principal';
import { importPath } from '../../src/lib/server/ingest/import-path';
import { memoryDb, tempFolder } from '../helpers/db';
import type { ForecastResult } from '../../src/lib/server/metrics/forecast';

// Ten complete weeks from Monday 2 March 2026 with one email ticket a day (7 a week, 6 minutes
// each): the forecast is 7 a week, flat; staffed by workload, 7 x 6 / 60 / 0.8 = 0.875 h a
// week, 0.875 / (40 x 0.7) FTE.
const FIRST_DAY = Date.UTC(2026, 2, 2);
const TICKETS = ['ticket_id,created_at,status,channel,solved_at,handle_time_min'];
for (let d = 0; d < 70; d++) {
	const at = FIRST_DAY + d * 86_400_000 + 9 * 3_600_000;
	TICKETS.push(`t${d},${new Date(at).toISOString()},solved,email,${new Date(at + 3_600_000).toISOString()},6`);
}
const AS_OF = '2026-05-12T00:00:00Z';

describe('GET /api/v1/forecast', () => {
	let db: Database;
	let api: ReturnType<typeof createApi>;
	beforeAll(async () => {
		db = await memoryDb();
		await importPath(db, tempFolder({ 'tickets.csv': TICKETS.join('\n') + '\n' }), { adapter: 'generic' });
		api = createApi({ db: async () => db, assume: LOCAL_ADMIN });
	});
	afterAll(() => db.close());

	it('answers the forecast with its backtest and the agents it needs', async () => {
		const res = await api.request(`/api/v1/forecast?as_of=${AS_OF}&weeks=3`);
		expect(res.status).toBe(200);
		const body = (await res.json()) as ForecastResult;
		expect(body.meta).toMatchObject({ weeks: 3, series: 'channel', history_weeks: 10, tz: 'UTC' });
		const ahead = body.rows.filter((r) => r.kind === 'forecast' && r.series === 'email');
		expect(ahead.map((r) => [r.week, r.forecast, r.lo_95, r.hi_95])).toEqual([
			['2026-W20', 7, 7, 7],
			['2026-W21', 7, 7, 7],
			['2026-W22', 7, 7, 7]
		]);
		expect(ahead[0].agents_needed).toBeCloseTo(0.875 / 28, 12);
		expect(body.rows.filter((r) => r.kind === 'actual' && r.series === 'email').map((r) => r.tickets)).toEqual(Array(10).fill(7));
		// The total first, then each series, each in week order: the actual weeks, then the forecast.
		expect(body.rows.map((r) => `${r.series} ${r.week}`).slice(9, 15)).toEqual([
			'(all) 2026-W19', '(all) 2026-W20', '(all) 2026-W21', '(all) 2026-W22', 'email 2026-W10', 'email 2026-W11'
		]);
		// Origins at weeks 8 and 9: 2 + 1 pairs.
		expect(body.meta.accuracy.find((a) => a.series === 'email')).toMatchObject({ pairs: 3, mape: 0, coverage_80: 1 });
	});

	it('gives the same rows as CSV', async () => {
		const res = await api.request(`/api/v1/forecast?as_of=${AS_OF}&weeks=2&format=csv`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="deskpulse-forecast-channel.csv"');
		const lines = (await res.text()).trim().split(/\r?\n/);
		expect(lines[0]).toBe('series,kind,week,week_start,tickets,forecast,lo_80,hi_80,lo_95,hi_95,horizon,calendar_index,seasonal_index,agents_needed');
		expect(lines.filter((l) => l.startsWith('email,forecast,2026-W20,2026-05-11,,7,7,7,7,7,1,1,1,'))).toHaveLength(1);
	});

	it('reads an empty what-if field (a form left blank) as its default', async () => {
		const blank = await api.request(`/api/v1/forecast?as_of=${AS_OF}&weeks=3&deflection=&customers=&service_level=&shrinkage=&handle_minutes=&agents=`);
		expect(blank.status).toBe(200);
		const plain = await api.request(`/api/v1/forecast?as_of=${AS_OF}&weeks=3`);
		expect(((await blank.json()) as ForecastResult).rows).toEqual(((await plain.json()) as ForecastResult).rows);
	});

	it('names the parameter it cannot use', async () => {
		const res = await api.request(`/api/v1/forecast?as_of=${AS_OF}&weeks=0`);
		expect(res.status).toBe(400);
		expect(JSON.stringify(await res.json())).toContain('weeks must be a whole number from 1 to 26');
		const bad = await api.request(`/api/v1/forecast?as_of=${AS_OF}&handle_minutes=chat`);
		expect(bad.status).toBe(400);
		expect(JSON.stringify(await bad.json())).toContain('handle_minutes takes channel:minutes pairs');
	});
});
