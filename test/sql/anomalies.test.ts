import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Database } from '../../src/lib/server/db/database';
import { sqlText } from '../../src/lib/server/db/sql-files';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { computeAnomalies, parseAnomaliesQuery, type AnomaliesResult } from '../../src/lib/server/metrics/anomalies';
import { parseKpiQuery } from '../../src/lib/filters';
import { generateDemo } from '../../seeds/generate-demo';
import { memoryDb, tempFolder } from '../helpers/db';
import { createApi } from '../../src/lib/server/api';
import { LOCAL_ADMIN } from '../../src/lib/server/auth/principal';

const DAY = 86_400_000;
const iso = (at: number) => new Date(at).toISOString().replace('.000', '');

function anomaliesOf(db: Database, query: string, asOf: string): Promise<AnomaliesResult> {
	const search = new URLSearchParams(`as_of=${asOf}&${query}`);
	return computeAnomalies(db, parseAnomaliesQuery(search, parseKpiQuery(search)));
}

describe('count tails (macros/counts.sql)', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
	});
	afterAll(() => db.close());
	const value = async (sql: string) => Number(Object.values((await db.query<Record<string, number>>(`select ${sql} as v`))[0])[0]);

	it('gives the Poisson and negative binomial tails', async () => {
		// Poisson(2): P(X <= 4) = e^-2 (1 + 2 + 2 + 4/3 + 2/3) = 7 e^-2.
		expect(await value('dp_count_lower_tail(4, 2.0, null)')).toBeCloseTo(7 * Math.exp(-2), 14);
		expect(await value('dp_count_upper_tail(5, 2.0, null)')).toBeCloseTo(1 - 7 * Math.exp(-2), 14);
		// Negative binomial, mean 2, size 1: geometric, P(X = k) = (1/3)(2/3)^k, P(X >= 5) = (2/3)^5.
		expect(await value('dp_count_upper_tail(5, 2.0, 1.0)')).toBeCloseTo((2 / 3) ** 5, 14);
		expect(await value('dp_count_lower_tail(0, 2.0, 1.0)')).toBeCloseTo(1 / 3, 14);
		// Far in the tail the upper sum keeps its digits: Poisson(1), P(X >= 30) = e^-1 / 30! (1 + 1/31 + 1/(31 x 32) + ...),
		// about 1.43e-33, where 1 - P(X <= 29) would be 0.
		let series = 0;
		for (let k = 30, term = 1; k < 60; k++, term /= k) series += term;
		const tail = (Math.exp(-1) / 2.652528598121911e32) * series;
		expect(Math.abs((await value('dp_count_upper_tail(30, 1.0, null)')) / tail - 1)).toBeLessThan(1e-9);
	});
});

describe('anomalies: a spike against steady weeks', () => {
	// 13 weeks from Monday 3 Aug 2026 (2026-W32 to W44). Every day: 2 "billing" tickets (14 a
	// week) and 3 "howto" ones; in the last week, 2026-W44 (26 Oct), billing has 5 a day, the
	// extra ones all from an org on the premium plan.
	let db: Database;
	let result: AnomaliesResult;
	const FIRST = Date.UTC(2026, 7, 3);
	beforeAll(async () => {
		const tickets = ['ticket_id,created_at,status,channel,category,org_id'];
		for (let d = 0; d < 91; d++) {
			const day = FIRST + d * DAY;
			const billing = d >= 84 ? 5 : 2;
			for (let k = 0; k < billing; k++) tickets.push(`b${d}-${k},${iso(day + (9 + k) * 3_600_000)},open,email,billing,${k < 2 ? 'o-standard' : 'o-premium'}`);
			for (let k = 0; k < 3; k++) tickets.push(`h${d}-${k},${iso(day + (14 + k) * 3_600_000)},open,chat,howto,o-standard`);
		}
		const orgs = ['org_id,plan,segment', 'o-standard,standard,scaled', 'o-premium,premium,high_touch'];
		db = await memoryDb();
		await importGenericPath(db, tempFolder({ 'tickets.csv': tickets.join('\n') + '\n', 'orgs.csv': orgs.join('\n') + '\n' }), { source: 'generic', timezone: 'UTC' });
		result = await anomaliesOf(db, 'week=2026-W44', '2026-11-03T00:00:00Z');
	});
	afterAll(() => db.close());

	it('flags the spike overall and in the plan it hits, with its size and its tickets', () => {
		expect(result.meta).toMatchObject({ from: '2026-10-26', to: '2026-11-02', week: '2026-W44', baseline_windows: 12 });
		const billing = result.rows.find((r) => r.kind === 'category' && r.value === 'billing' && r.slice_kind === 'all')!;
		// 35 tickets against (12 x 14 + 0.5) / 12 = 14.0417 expected. The baseline weeks are all
		// 14 (no spread over Poisson), and a mean of 12 weeks is itself uncertain: the variance
		// is (1 + 1/12) x 14.0417, a negative binomial of size 14.0417^2 / (14.0417 / 12). The
		// p-value is its upper tail from 35, doubled.
		const expected = (12 * 14 + 0.5) / 12;
		const size = (expected * expected) / (expected / 12);
		let below = 0;
		let term = Math.pow(size / (size + expected), size);
		for (let k = 0; k < 35; k++) {
			below += term;
			term *= ((k + size) / (k + 1)) * (expected / (size + expected));
		}
		expect(billing).toMatchObject({ tickets: 35, direction: 'up' });
		expect(billing.expected).toBeCloseTo(expected, 12);
		expect(billing.p_value / (2 * (1 - below))).toBeCloseTo(1, 6);
		expect(billing.message).toBe('Category billing: 35 tickets in 2026-W44, 2.5x the usual 14.0 a week (mean of the 12 weeks before), p < 0.001.');
		expect(billing.tickets_params).toEqual({ metric: 'tickets_created', from: '2026-10-26', to: '2026-11-02', tz: 'UTC', as_of: '2026-11-03T00:00:00.000Z', category: 'billing' });
		// The premium plan had no billing ticket before: 21 against (0 + 0.5) / 12.
		const premium = result.rows.find((r) => r.kind === 'category' && r.value === 'billing' && r.slice === 'premium')!;
		expect(premium).toMatchObject({ tickets: 21, slice_kind: 'plan' });
		expect(premium.tickets_params.plan).toBe('premium');
		// Steady series are not flagged: howto, chat, the standard plan's billing (14 as always).
		const flagged = result.rows.map((r) => `${r.kind} ${r.value} ${r.slice ?? 'all'}`);
		expect(flagged).not.toContain('category howto all');
		expect(flagged).not.toContain('category billing standard');
		expect(flagged).not.toContain('channel chat all');
	});

	it('controls false discoveries: q = min over later ranks of p m / rank', () => {
		const sorted = [...result.rows].sort((a, b) => a.p_value - b.p_value);
		for (const r of sorted) expect(r.q_value).toBeGreaterThanOrEqual(r.p_value);
		expect(result.rows.every((r) => r.q_value <= 0.05)).toBe(true);
		expect(result.meta.tested).toBeGreaterThan(result.rows.length);
	});

	it('answers GET /api/v1/anomalies in JSON and CSV, and names a bad window', async () => {
		const api = createApi({ db: async () => db, assume: LOCAL_ADMIN });
		const json = await api.request('/api/v1/anomalies?week=2026-W44&as_of=2026-11-03T00:00:00Z');
		expect(json.status).toBe(200);
		expect(((await json.json()) as AnomaliesResult).rows.map((r) => r.message)).toEqual(result.rows.map((r) => r.message));
		const csv = await api.request('/api/v1/anomalies?week=2026-W44&as_of=2026-11-03T00:00:00Z&format=csv');
		expect((await csv.text()).split(/\r?\n/)[0]).toBe('kind,value,slice_kind,slice,tickets,expected,ratio,direction,p_value,q_value,message');
		const bad = await api.request('/api/v1/anomalies?from=2026-10-26&as_of=2026-11-03T00:00:00Z');
		expect(bad.status).toBe(400);
		expect(JSON.stringify(await bad.json())).toContain('an anomaly window needs both from and to');
	});

	it('looks at a day so far against the same weekday, and refuses a window it cannot judge', async () => {
		// Tuesday 27 Oct up to 12:00: 3 billing tickets (09:00, 10:00, 11:00) of the 5 the day will
		// have, against Tuesdays up to 12:00 (2 each): not unusual.
		const day = await anomaliesOf(db, 'from=2026-10-27&to=2026-10-28', '2026-10-27T12:00:00Z');
		expect(day.meta).toMatchObject({ from: '2026-10-27', to: '2026-10-28', week: null });
		expect(day.rows.find((r) => r.value === 'billing' && r.slice_kind === 'all')).toBeUndefined();
		expect(() => anomaliesOf(db, 'from=2026-09-01&to=2026-11-02', '2026-11-03T00:00:00Z')).toThrow(/1 to 28 days/);
		expect(() => anomaliesOf(db, 'week=2026-W44&from=2026-10-26', '2026-11-03T00:00:00Z')).toThrow(/a week or from\/to/);
	});
});

describe('anomalies: a KPI that moved', () => {
	// 13 weeks from Monday 3 Aug 2026 (W32 to W44), 20 tickets a week solved and rated the same
	// day: 18 of 20 satisfied (score 5) in the 12 weeks before, 10 of 20 in W44.
	let result: AnomaliesResult;
	beforeAll(async () => {
		const tickets = ['ticket_id,created_at,status,first_response_at,solved_at,csat_score,csat_at'];
		for (let w = 0; w < 13; w++) {
			for (let i = 0; i < 20; i++) {
				const at = Date.UTC(2026, 7, 3) + w * 7 * DAY + (i % 5) * DAY + (9 + Math.floor(i / 5)) * 3_600_000;
				const satisfied = w === 12 ? i % 2 === 0 : i >= 2;
				tickets.push(`k${w}-${i},${iso(at)},solved,${iso(at + 600_000)},${iso(at + 3_600_000)},${satisfied ? 5 : 1},${iso(at + 7_200_000)}`);
			}
		}
		const db = await memoryDb();
		await importGenericPath(db, tempFolder({ 'tickets.csv': tickets.join('\n') + '\n' }), { source: 'generic', timezone: 'UTC' });
		result = await anomaliesOf(db, 'week=2026-W44', '2026-11-03T00:00:00Z');
		await db.close();
	});

	it('flags CSAT against its pooled baseline with the exact binomial test, and nothing steady', () => {
		// X ~ Binomial(20, 0.9): P(X <= 10) = sum over k <= 10 of C(20, k) 0.9^k 0.1^(20-k); doubled.
		let lower = 0;
		for (let k = 0; k <= 10; k++) {
			let choose = 1;
			for (let j = 1; j <= k; j++) choose = (choose * (20 - k + j)) / j;
			lower += choose * 0.9 ** k * 0.1 ** (20 - k);
		}
		expect(result.kpis).toHaveLength(1);
		const csat = result.kpis[0];
		expect(csat).toMatchObject({ metric: 'csat_rate', slice_kind: 'all', value: 0.5, baseline_value: 0.9, n: 20, worse: true });
		expect(csat.p_value / (2 * lower)).toBeCloseTo(1, 9);
		expect(csat.message).toBe('CSAT: 50.0 % in 2026-W44 against 90.0 % (the 12 weeks before), worse: 10 of 20 ratings satisfied, p < 0.001.');
		expect(csat.tickets_params).toMatchObject({ metric: 'csat_rate', from: '2026-10-26', to: '2026-11-02' });
		// Reopens (none, as always) were tested and did not move; FRT was 10 minutes for every
		// ticket, so every one ties the usual median and the sign test has nothing to count.
		expect(result.meta.kpi_tested).toBe(2);
	});
});

describe('anomalies: stable series', () => {
	// 1,000 tags, each on a ticket with probability 5 %, on a Poisson number of tickets a week
	// (mean 200) for 13 weeks: every tag's weekly count is Poisson with mean 10 (a thinned
	// Poisson process), with nothing unusual. The random numbers are mulberry32's, seeded.
	let db: Database;
	beforeAll(async () => {
		let state = 20261206;
		const random = () => {
			state = (state + 0x6d2b79f5) | 0;
			let t = Math.imul(state ^ (state >>> 15), 1 | state);
			t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
			return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
		};
		const poisson = (mean: number) => {
			let k = 0;
			for (let p = random(); p > Math.exp(-mean); p *= random()) k++;
			return k;
		};
		const tickets = ['ticket_id,created_at,status,tags'];
		const first = Date.UTC(2026, 7, 3);
		for (let w = 0; w < 13; w++) {
			const n = poisson(200);
			for (let i = 0; i < n; i++) {
				const tags: string[] = [];
				for (let t = 0; t < 1000; t++) if (random() < 0.05) tags.push(`t${t}`);
				tickets.push(`w${w}-${i},${iso(first + w * 7 * DAY + Math.floor((i / n) * 7 * DAY))},open,${tags.join(';')}`);
			}
		}
		db = await memoryDb();
		await importGenericPath(db, tempFolder({ 'tickets.csv': tickets.join('\n') + '\n' }), { source: 'generic', timezone: 'UTC' });
	});
	afterAll(() => db.close());

	it('flags at most the nominal share before the false-discovery control, and none after it', async () => {
		const f: Record<string, null> = {};
		for (const d of ['segment', 'plan', 'channel', 'priority', 'category', 'group', 'tier', 'org', 'assignee', 'source', 'tag']) f[`f_${d}`] = null;
		const rows = await db.query<{ kind: string; p_value: number; flagged: boolean }>(sqlText('reports/anomalies'), {
			...f,
			from: '2026-10-26',
			to: '2026-11-02',
			tz: 'UTC',
			as_of: '2026-11-03T00:00:00Z',
			baseline_weeks: 12,
			min_count: 5,
			fdr: 0.05
		});
		const tags = rows.filter((r) => r.kind === 'tag');
		expect(tags).toHaveLength(1000);
		const rejected = tags.filter((r) => r.p_value < 0.05).length;
		expect(rejected / tags.length).toBeLessThanOrEqual(0.05);
		expect(tags.filter((r) => r.flagged)).toHaveLength(0);
	});
});

describe('anomalies: the demo data', () => {
	let db: Database;
	beforeAll(async () => {
		const dir = mkdtempSync(join(tmpdir(), 'deskpulse-anomalies-demo-'));
		// Ending 2026-11-22, its last week starts 2026-11-16: the dates of seeds/README.md.
		await generateDemo({ tickets: 20000, seed: 1, end: '2026-11-22', outDir: dir });
		db = await memoryDb();
		await importGenericPath(db, dir, { source: 'demo', timezone: 'UTC' });
	}, 120_000);
	afterAll(() => db.close());

	it('flags the billing spike in the week it starts, overall, in every segment and plan, and not the week before', async () => {
		// seeds/README.md: billing tickets triple from 2026-09-07 (2026-W37), all segments alike.
		const asOf = '2026-11-23T00:00:00Z';
		const spike = await anomaliesOf(db, 'week=2026-W37', asOf);
		const billing = spike.rows.filter((r) => r.kind === 'category' && r.value === 'billing' && r.direction === 'up');
		expect(billing.map((r) => r.slice ?? 'all').sort()).toEqual(['all', 'blended', 'enterprise', 'free', 'high_touch', 'premium', 'scaled', 'standard']);
		const all = billing.find((r) => r.slice_kind === 'all')!;
		expect(all.ratio).toBeGreaterThan(2.5);
		expect(all.p_value).toBeLessThan(0.001);
		// The extra tickets are duplicate charges: their tag rises most.
		expect(spike.rows[0]).toMatchObject({ kind: 'tag', value: 'duplicate_charge', slice_kind: 'all' });
		const before = await anomaliesOf(db, 'week=2026-W36', asOf);
		expect(before.rows.filter((r) => r.value === 'billing' || r.value === 'duplicate_charge')).toHaveLength(0);
	});
});
