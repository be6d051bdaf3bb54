import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { importPath } from '../../src/lib/server/ingest/import-path';
import { computePilot, createPilot, findPilot, listPilotSummaries, parsePilotInput, verdictOf, weeksNeeded } from '../../src/lib/server/metrics/pilots';
import { UserError } from '../../src/lib/server/auth/users';
import type { Pilot, PilotResult, PilotRow } from '../../src/lib/pilots';
import { createApi } from '../../src/lib/server/api';
import { LOCAL_ADMIN } from '../../src/lib/server/auth/principal';
import type { Principal } from '../../src/lib/roles';
import { memoryDb, tempFolder } from '../helpers/db';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { generateDemo } from '../../seeds/generate-demo';
import { computeWeeklyReview, parseReviewQuery } from '../../src/lib/server/metrics/weekly-review';
import { parseKpiQuery } from '../../src/lib/filters';
import { renderReviewMarkdown } from '../../src/lib/review/render';

// The four-cell fixture. The pilot starts on Monday 1 June 2026 at 00:00 UTC; the history
// begins 4 weeks before (so the before period is 4 weeks, not 13) and the result is read 4
// weeks after (4 complete after-weeks). Two orgs file tickets every week, so each group has
// 2 active customers a week. Every week of a period is the same, which makes the week
// bootstrap's interval collapse onto the estimate, and every duration in a cell is the same,
// which does the same for the medians' bootstrap:
//
//                      treated (how_to)          control (billing)
//                      before      after         before      after
// tickets a week       10          5             20          22
// tickets per customer 40/8 = 5    20/8 = 2.5    80/8 = 10   88/8 = 11
// FRT                  60 min      30 min        120 min     120 min
// resolution           240 min     180 min       600 min     600 min
// CSAT good / rated    6 / 8       9 / 10        16 / 20     16 / 20
// reopened / solved    2 / 40      1 / 20        4 / 80      8 / 88
const START = Date.UTC(2026, 5, 1);
const WEEK = 7 * 86_400_000;
const MIN = 60_000;
const AS_OF = new Date(START + 4 * WEEK).toISOString();
const iso = (t: number) => new Date(t).toISOString();

function fixtureTickets(): string {
	const lines = ['ticket_id,created_at,status,channel,category,org_id,first_response_at,solved_at,reopens,csat_score,csat_at'];
	const cells = [
		{ category: 'how_to', after: false, perWeek: 10, frt: 60, resolution: 240, rated: 8, good: 6, reopened: 2 },
		{ category: 'how_to', after: true, perWeek: 5, frt: 30, resolution: 180, rated: 10, good: 9, reopened: 1 },
		{ category: 'billing', after: false, perWeek: 20, frt: 120, resolution: 600, rated: 20, good: 16, reopened: 4 },
		{ category: 'billing', after: true, perWeek: 22, frt: 120, resolution: 600, rated: 20, good: 16, reopened: 8 }
	];
	for (const c of cells) {
		let n = 0;
		for (let week = 0; week < 4; week++) {
			const weekStart = START + (c.after ? week : week - 4) * WEEK;
			for (let k = 0; k < c.perWeek; k++, n++) {
				// Spread over the week's first days, each ticket solved well before the next week.
				const created = weekStart + (k % 5) * 86_400_000 + Math.floor(k / 5) * 3_600_000;
				const rated = n < c.rated;
				const csat = rated ? (n < c.good ? '5' : '1') : '';
				lines.push(
					[
						`${c.category}-${c.after ? 'a' : 'b'}-${n}`,
						iso(created),
						'solved',
						'email',
						c.category,
						k % 2 === 0 ? 'o1' : 'o2',
						iso(created + c.frt * MIN),
						iso(created + c.resolution * MIN),
						n < c.reopened ? 1 : 0,
						csat,
						rated ? iso(created + c.resolution * MIN + MIN) : ''
					].join(',')
				);
			}
		}
	}
	return lines.join('\n') + '\n';
}

/** Wilson's interval at 95 % (Wilson 1927), computed here independently of the SQL. */
function wilson(x: number, n: number): [number, number] {
	const z = 1.959964;
	const p = x / n;
	const centre = p + (z * z) / (2 * n);
	const half = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
	return [(centre - half) / (1 + (z * z) / n), (centre + half) / (1 + (z * z) / n)];
}

/** (a1 - a0) - (c1 - c0) with its MOVER interval (Zou & Donner 2008) from the cells' Wilson limits, in points. */
function moverDid(cells: Array<[number, number, number]>): [number, number, number] {
	let est = 0;
	let lo = 0;
	let hi = 0;
	for (const [x, n, sign] of cells) {
		const p = x / n;
		const [l, u] = wilson(x, n);
		const [sl, su] = sign > 0 ? [l, u] : [-u, -l];
		est += sign * p;
		lo += (sign * p - sl) ** 2;
		hi += (su - sign * p) ** 2;
	}
	return [100 * est, 100 * (est - Math.sqrt(lo)), 100 * (est + Math.sqrt(hi))];
}

describe('pilots: difference-in-differences on a four-cell fixture', () => {
	let db: Database;
	let pilot: Pilot;
	let result: PilotResult;
	const row = (metric: string): PilotRow => result.rows.find((r) => r.metric === metric)!;
	beforeAll(async () => {
		db = await memoryDb();
		await importPath(db, tempFolder({ 'tickets.csv': fixtureTickets() }), { adapter: 'generic' });
		pilot = await createPilot(db, parsePilotInput({ name: 'How-to article', start: '2026-06-01', treated: { category: ['how_to'] } }, 'UTC'), 'test');
		result = await computePilot(db, pilot, { asOf: AS_OF, hours: 'calendar', tz: 'UTC' });
	});
	afterAll(() => db.close());

	it('stores the pilot and reads it back', async () => {
		expect(pilot).toMatchObject({ pilot_id: 1, name: 'How-to article', starts_at: '2026-06-01T00:00:00.000Z', ends_at: null, treated: { category: ['how_to'] }, control: null, metric: 'tickets_per_customer', min_effect: 10, csat_tolerance: 2, created_by: 'test' });
		expect(await findPilot(db, 1)).toEqual(pilot);
		await expect(findPilot(db, 2)).rejects.toThrow('no pilot 2');
	});

	it('reads the windows: 4 weeks before (the history is no longer), 4 after', () => {
		expect(result.meta.before).toEqual({ from: '2026-05-04T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z', weeks: 4 });
		expect(result.meta.after).toEqual({ from: '2026-06-01T00:00:00.000Z', to: '2026-06-29T00:00:00.000Z', weeks: 4 });
		expect(result.meta.weeks.map((w) => [w.week, w.treated_tickets, w.control_tickets])).toEqual([
			[-4, 10, 20], [-3, 10, 20], [-2, 10, 20], [-1, 10, 20], [0, 5, 22], [1, 5, 22], [2, 5, 22], [3, 5, 22]
		]);
	});

	it('tickets per customer: the relative difference, (2.5 / 5) / (11 / 10) - 1', () => {
		expect(row('tickets_per_customer')).toMatchObject({ treated_before: 5, treated_after: 2.5, control_before: 10, control_after: 11, treated_before_n: 40, control_after_n: 88 });
		const expected = 100 * (2.5 / 5 / (11 / 10) - 1);
		expect(row('tickets_per_customer').effect).toBeCloseTo(expected, 10);
		// Every week of a period alike: every bootstrap replicate gives the estimate.
		expect(row('tickets_per_customer').effect_lo).toBeCloseTo(expected, 10);
		expect(row('tickets_per_customer').effect_hi).toBeCloseTo(expected, 10);
	});

	it('medians: (Ta - Tb) - (Ca - Cb) in minutes', () => {
		expect(row('frt_median_min')).toMatchObject({ treated_before: 60, treated_after: 30, control_before: 120, control_after: 120, effect: -30, effect_lo: -30, effect_hi: -30 });
		expect(row('resolution_median_min')).toMatchObject({ effect: -60, effect_lo: -60, effect_hi: -60 });
	});

	it('rates: points, with the cells\u2019 Wilson limits combined by MOVER', () => {
		const csat = row('csat_rate');
		expect([csat.treated_before, csat.treated_after, csat.control_before, csat.control_after]).toEqual([0.75, 0.9, 0.8, 0.8]);
		const [est, lo, hi] = moverDid([[9, 10, 1], [6, 8, -1], [16, 20, 1], [16, 20, -1]]);
		expect(csat.effect).toBeCloseTo(15, 10);
		expect(csat.effect).toBeCloseTo(est, 10);
		expect(csat.effect_lo).toBeCloseTo(lo, 10);
		expect(csat.effect_hi).toBeCloseTo(hi, 10);
		const reopen = row('reopen_rate');
		const [rEst, rLo, rHi] = moverDid([[1, 20, 1], [2, 40, -1], [4, 80, 1], [8, 88, -1]]);
		expect(reopen.effect).toBeCloseTo(100 * (0.05 - 0.05 - (8 / 88 - 0.05)), 10);
		expect(reopen.effect).toBeCloseTo(rEst, 10);
		expect(reopen.effect_lo).toBeCloseTo(rLo, 10);
		expect(reopen.effect_hi).toBeCloseTo(rHi, 10);
	});

	it('says why deflection and the team figures are missing', () => {
		expect(row('deflection_rate')).toMatchObject({ effect: null, note: 'not measured for these groups: self-service sessions carry no category, channel or tag' });
		expect(result.meta.team).toEqual([
			{ metric: 'cost_per_ticket', label: 'Cost per ticket (whole team)', before: null, after: null },
			{ metric: 'tickets_per_agent', label: 'Tickets per agent per week (whole team)', before: null, after: null }
		]);
	});

	it('gives the verdict: the whole interval past -10 %, CSAT not worse', () => {
		expect(result.meta.verdict.status).toBe('scale');
		expect(result.meta.verdict.text).toBe('Scale it: tickets per customer per week −55 % [−55, −55], beyond the −10 % threshold; CSAT +15.0 points [' + moverDid([[9, 10, 1], [6, 8, -1], [16, 20, 1], [16, 20, -1]]).slice(1).map((v) => (v < 0 ? '−' : '') + Math.abs(v).toFixed(1)).join(', ') + '].');
		// No drift between the halves of the before period.
		expect(result.meta.pre_trend).toEqual({ effect: 0, lo: 0, hi: 0 });
		expect(result.meta.verdict.caution).toBeNull();
	});

	it('lists it with its verdict, and reads an earlier as_of as a pilot not started', async () => {
		const [summary] = await listPilotSummaries(db, { asOf: AS_OF, hours: 'calendar', tz: 'UTC' });
		expect(summary).toMatchObject({ pilot_id: 1, running: true, after_weeks: 4, verdict: { status: 'scale' } });
		const early = await computePilot(db, pilot, { asOf: '2026-06-05T00:00:00Z', hours: 'calendar', tz: 'UTC' });
		expect(early.meta.after.weeks).toBe(0);
		expect(early.meta.verdict).toMatchObject({ status: 'no_data', text: 'Not started yet: no complete week since the start.' });
	});

	it('is in the weekly review of a week it ran, with its verdict, in Markdown too', async () => {
		const search = new URLSearchParams(`as_of=${AS_OF}&week=2026-W26&hours=calendar`);
		const review = await computeWeeklyReview(db, parseReviewQuery(search, parseKpiQuery(search)));
		expect(review.next.pilots).toEqual([
			{ pilot_id: 1, name: 'How-to article', status: 'scale', href: '/pilots/1', sentence: `How-to article (category how_to; 4 complete weeks): ${result.meta.verdict.text}` }
		]);
		expect(renderReviewMarkdown(review)).toContain(`## Next: running pilots\n\n- How-to article (category how_to; 4 complete weeks): Scale it:`);
		// The week before the start: no pilot ran.
		const before = new URLSearchParams(`as_of=${AS_OF}&week=2026-W22&hours=calendar`);
		expect((await computeWeeklyReview(db, parseReviewQuery(before, parseKpiQuery(before)))).next.pilots).toEqual([]);
	});

	it('takes an explicit control group and leaves the treated tickets out of it', async () => {
		const both = await createPilot(db, parsePilotInput({ name: 'vs all', start: '2026-06-01', treated: { category: ['how_to'] }, control: { org: ['o1', 'o2'] } }, 'UTC'), null);
		const r = await computePilot(db, both, { asOf: AS_OF, hours: 'calendar', tz: 'UTC' });
		// The control names every ticket, but the treated ones are not in it: the same as "the rest".
		expect(r.rows.find((x) => x.metric === 'tickets_per_customer')!.effect).toBeCloseTo(100 * (2.5 / 5 / (11 / 10) - 1), 10);
	});
});

describe('pilots: the bootstrap of a median that varies', () => {
	it('covers the order statistics a distribution-free interval names', async () => {
		// Treated before: 101 tickets with FRT 1..101 minutes (median 51); every other cell a
		// constant. A 95 % interval for a median of 101 values spans about the 41st to 61st
		// value (binomial, 50 +/- 1.96 x 5), so the difference's interval is about [-10, +10].
		const lines = ['ticket_id,created_at,status,channel,category,org_id,first_response_at'];
		const add = (id: string, created: number, category: string, frt: number) => lines.push(`${id},${iso(created)},open,email,${category},o1,${iso(created + frt * MIN)}`);
		for (let i = 0; i < 101; i++) add(`tb${i}`, START - WEEK + i * 3 * MIN, 'how_to', i + 1);
		for (let i = 0; i < 20; i++) {
			add(`ta${i}`, START + i * 3 * MIN, 'how_to', 51);
			add(`cb${i}`, START - WEEK + 3 * 3_600_000 + i * 3 * MIN, 'billing', 30);
			add(`ca${i}`, START + 3 * 3_600_000 + i * 3 * MIN, 'billing', 30);
		}
		const db = await memoryDb();
		try {
			await importPath(db, tempFolder({ 'tickets.csv': lines.join('\n') + '\n' }), { adapter: 'generic' });
			const pilot = await createPilot(db, parsePilotInput({ name: 'spread', start: '2026-06-01', treated: { category: 'how_to' }, metric: 'frt_median_min' }, 'UTC'), null);
			const r = await computePilot(db, pilot, { asOf: new Date(START + WEEK).toISOString(), hours: 'calendar', tz: 'UTC' });
			const frt = r.rows.find((x) => x.metric === 'frt_median_min')!;
			expect(frt.effect).toBe(0);
			expect(frt.effect_lo!).toBeGreaterThanOrEqual(-11);
			expect(frt.effect_lo!).toBeLessThanOrEqual(-8);
			expect(frt.effect_hi!).toBeGreaterThanOrEqual(8);
			expect(frt.effect_hi!).toBeLessThanOrEqual(11);
		} finally {
			await db.close();
		}
	});
});

describe('pilots: a small group with empty weeks', () => {
	it('keeps the bootstrap replicates that drew only empty weeks, as the extreme they are', async () => {
		// One org. how_to: 3 tickets in each of the 4 weeks before, then 2 in the first week
		// after and none in the 3 after it; billing: 10 every week. Tickets per customer
		// (one customer a week): treated 3 -> 0.5, control 10 -> 10, so (0.5 / 3) - 1 = -83.3 %.
		// A replicate draws the 4 after-weeks with replacement: with probability (3/4)^4 = 32 %
		// all are empty, counted as half a ticket over 4 weeks, (0.125 / 3) - 1 = -95.8 %,
		// which is then the interval's low end; the high end is 2 or 3 draws of the first week,
		// (1 / 3) - 1 or (1.5 / 3) - 1.
		const lines = ['ticket_id,created_at,status,category,org_id'];
		for (let w = -4; w < 4; w++) {
			const week = START + w * WEEK;
			const howTo = w < 0 ? 3 : w === 0 ? 2 : 0;
			for (let k = 0; k < howTo; k++) lines.push(`h${w}-${k},${iso(week + k * 3_600_000)},open,how_to,o1`);
			for (let k = 0; k < 10; k++) lines.push(`b${w}-${k},${iso(week + k * 3_600_000)},open,billing,o1`);
		}
		const db = await memoryDb();
		try {
			await importPath(db, tempFolder({ 'tickets.csv': lines.join('\n') + '\n' }), { adapter: 'generic' });
			const pilot = await createPilot(db, parsePilotInput({ name: 'sparse', start: '2026-06-01', treated: { category: 'how_to' } }, 'UTC'), null);
			const r = await computePilot(db, pilot, { asOf: AS_OF, hours: 'calendar', tz: 'UTC' });
			const perCustomer = r.rows.find((x) => x.metric === 'tickets_per_customer')!;
			expect(perCustomer.effect).toBeCloseTo(100 * (0.5 / 3 - 1), 10);
			expect(perCustomer.effect_lo).toBeCloseTo(100 * (0.125 / 3 - 1), 10);
			expect(perCustomer.effect_hi!).toBeGreaterThanOrEqual(100 * (1 / 3 - 1) - 1e-9);
			expect(perCustomer.effect_hi!).toBeLessThanOrEqual(100 * (1.5 / 3 - 1) + 1e-9);
			// The whole interval is past -10 %: the drop is clear even from so few tickets.
			expect(r.meta.verdict.status).toBe('scale');
		} finally {
			await db.close();
		}
	});
});

describe('pilots: verdicts', () => {
	const rule = { metric: 'tickets_per_customer', min_effect: 10, csat_tolerance: 2 };
	const rows = (effect: number, lo: number, hi: number, csat: [number, number, number] | null = [0.5, -1, 2]): PilotRow[] =>
		[
			{ metric: 'tickets_per_customer', unit: 'percent', effect, effect_lo: lo, effect_hi: hi },
			{ metric: 'csat_rate', unit: 'points', effect: csat?.[0] ?? null, effect_lo: csat?.[1] ?? null, effect_hi: csat?.[2] ?? null }
		] as PilotRow[];

	it('scales only when the whole interval is past the threshold and CSAT held', () => {
		expect(verdictOf(rule, rows(-30, -40, -20), 6, 13, null).status).toBe('scale');
		expect(verdictOf(rule, rows(-30, -40, -20, [-3, -6, 0.5]), 6, 13, null)).toMatchObject({ status: 'hold' });
		// Significantly worse, though by less than the tolerance: hold.
		expect(verdictOf(rule, rows(-30, -40, -20, [-1.5, -2.5, -0.5]), 6, 13, null).status).toBe('hold');
		expect(verdictOf(rule, rows(-3, -8, 2), 6, 13, null)).toMatchObject({ status: 'stop', text: 'Do not scale: tickets per customer per week −3 % [−8, 2] does not reach the −10 % threshold; CSAT +0.5 points [−1.0, 2.0].' });
	});

	it('asks to wait while the interval straddles the threshold, with the weeks it needs', () => {
		// Half-width 10 after 3 weeks against 13: at -20 the distance to -10 is 10, so the
		// interval must shrink to 10 x ... : (1/A + 1/13) <= (10/10)^2 (1/3 + 1/13) - never below, so
		// take a wider one: half 10, distance 10 after 3 weeks needs (1/A) <= (1/3 + 1/13) - 1/13 = 1/3.
		expect(weeksNeeded(20, 10, 10, 3, 13)).toBe(4);
		// Half 12, distance 10: 1/A <= (10/12)^2 (1/3 + 1/13) - 1/13 = 0.2080, A >= 4.81 -> 5.
		expect(weeksNeeded(20, 12, 10, 3, 13)).toBe(5);
		expect(verdictOf(rule, rows(-20, -32, -8), 3, 13, null)).toMatchObject({ status: 'wait', weeks_needed: 5, text: 'Not enough data yet: 3 weeks, need about 5 (tickets per customer per week −20 % [−32, −8]; threshold −10 %).' });
		// Right on the threshold: no number of weeks settles it.
		expect(weeksNeeded(10, 12, 10, 3, 13)).toBeNull();
		// An ended pilot does not wait: inconclusive, do not scale.
		expect(verdictOf(rule, rows(-20, -32, -8), 3, 13, null, true).status).toBe('stop');
	});

	it('carries the pre-trend caution without changing the verdict', () => {
		const v = verdictOf(rule, rows(-30, -40, -20), 6, 13, { effect: -27, lo: -47, hi: -6 });
		expect(v.status).toBe('scale');
		expect(v.caution).toBe('Before the start the groups were already drifting apart (tickets per customer −27 % [−47, −6] between the two halves of the before period): part of the effect may be that drift.');
	});
});

describe('pilots: input', () => {
	it('reads local times in the zone, and refuses what is not a pilot', () => {
		expect(parsePilotInput({ name: 'x', start: '2026-05-18T15:00', treated: { tag: 'export' } }, 'Europe/Berlin').starts_at).toBe('2026-05-18T13:00:00.000Z');
		expect(parsePilotInput({ name: 'x', start: '2026-05-18T15:00:00Z', treated: { segment: ['scaled'] } }, 'UTC')).toMatchObject({ metric: 'deflection_rate', min_effect: 5 });
		expect(parsePilotInput({ name: 'x', start: '2026-05-18', treated: { plan: 'free,standard' }, metric: 'csat_rate', min_effect: '-3 points' }, 'UTC')).toMatchObject({ treated: { plan: ['free', 'standard'] }, metric: 'csat_rate', min_effect: 3 });
		const bad: Array<[Record<string, unknown>, string]> = [
			[{ name: '', start: '2026-05-18', treated: { tag: 'x' } }, 'a pilot needs a name'],
			[{ name: 'x', start: '18/05/2026', treated: { tag: 'x' } }, 'start must be a date'],
			[{ name: 'x', start: '2026-02-30', treated: { tag: 'x' } }, 'is not a date'],
			[{ name: 'x', start: '2026-05-18', end: '2026-05-01', treated: { tag: 'x' } }, 'ends after it starts'],
			[{ name: 'x', start: '2026-05-18' }, 'needs a treated group'],
			[{ name: 'x', start: '2026-05-18', treated: { assignee: 'a1' } }, '"assignee" is not a pilot dimension'],
			[{ name: 'x', start: '2026-05-18', treated: { tag: 'x' }, metric: 'deflection_rate' }, 'deflection can only judge groups of customers'],
			[{ name: 'x', start: '2026-05-18', treated: { tag: 'x' }, metric: 'mood' }, 'metric must be one of']
		];
		for (const [input, message] of bad) expect(() => parsePilotInput(input, 'UTC'), message).toThrow(UserError);
		for (const [input, message] of bad) expect(() => parsePilotInput(input, 'UTC')).toThrow(message);
	});
});

describe('GET and POST /api/v1/pilots', () => {
	let db: Database;
	let api: ReturnType<typeof createApi>;
	const as = (role: Principal['role']): { principal: Principal } => ({ principal: { kind: 'user', id: role, name: `${role}@example.com`, role } });
	beforeAll(async () => {
		db = await memoryDb();
		await importPath(db, tempFolder({ 'tickets.csv': fixtureTickets() }), { adapter: 'generic' });
		api = createApi({ db: async () => db, assume: LOCAL_ADMIN });
	});
	afterAll(() => db.close());
	const post = (body: unknown, role: Principal['role']) =>
		api.request('/api/v1/pilots', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, as(role));

	it('lets an analyst add a pilot, not a viewer, and records who did', async () => {
		const body = { name: 'How-to article', start: '2026-06-01T02:00', tz: 'Europe/Berlin', treated: { category: ['how_to'] } };
		expect((await post(body, 'viewer')).status).toBe(403);
		const res = await post(body, 'analyst');
		expect(res.status).toBe(201);
		const { pilot } = (await res.json()) as { pilot: Pilot };
		expect(pilot).toMatchObject({ pilot_id: 1, starts_at: '2026-06-01T00:00:00.000Z', created_by: 'analyst@example.com' });
		const audit = await db.query(`select action, subject, actor from audit_log where action = 'pilot-add'`);
		expect(audit).toEqual([{ action: 'pilot-add', subject: 'How-to article', actor: 'analyst@example.com' }]);
		const refused = await post({ ...body, treated: {} }, 'analyst');
		expect(refused.status).toBe(400);
		expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/needs a treated group/);
	});

	it('lets a viewer read the list and one pilot, as JSON and CSV', async () => {
		const list = await api.request(`/api/v1/pilots?as_of=${AS_OF}&hours=calendar`, {}, as('viewer'));
		expect(list.status).toBe(200);
		const { meta, rows } = (await list.json()) as { meta: { count: number }; rows: Array<{ pilot_id: number; verdict: { status: string } }> };
		expect(meta.count).toBe(1);
		expect(rows[0]).toMatchObject({ pilot_id: 1, verdict: { status: 'scale' } });
		const one = await api.request(`/api/v1/pilots/1?as_of=${AS_OF}&hours=calendar`, {}, as('viewer'));
		const result = (await one.json()) as PilotResult;
		// Who added it is a colleague's sign-in: an analyst sees it, a viewer does not.
		expect(result.meta.pilot.created_by).toBeNull();
		expect(rows[0]).toMatchObject({ created_by: null });
		const asAnalyst = (await (await api.request(`/api/v1/pilots/1?as_of=${AS_OF}&hours=calendar`, {}, as('analyst'))).json()) as PilotResult;
		expect(asAnalyst.meta.pilot.created_by).toBe('analyst@example.com');
		expect(result.rows.find((r) => r.metric === 'frt_median_min')).toMatchObject({ effect: -30 });
		const csv = await (await api.request(`/api/v1/pilots/1?as_of=${AS_OF}&hours=calendar&format=csv`, {}, as('viewer'))).text();
		expect(csv.split(/\r?\n/)[0]).toBe('metric,unit,treated_before,treated_after,control_before,control_after,treated_before_n,treated_after_n,control_before_n,control_after_n,effect,effect_lo,effect_hi,note');
		expect(csv.split(/\r?\n/)[3]).toBe('frt_median_min,minutes,60,30,120,120,40,20,80,88,-30,-30,-30,');
		expect((await api.request('/api/v1/pilots/9', {}, as('viewer'))).status).toBe(404);
		expect((await api.request('/api/v1/pilots', {})).status).toBe(200);
	});

	it('lets an analyst end a pilot: its after period stops there, and it cannot end twice', async () => {
		const end = (id: number, body: unknown, role: Principal['role']) =>
			api.request(`/api/v1/pilots/${id}/end`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, as(role));
		expect((await end(1, { end: '2026-06-15' }, 'viewer')).status).toBe(403);
		expect((await end(9, { end: '2026-06-15' }, 'analyst')).status).toBe(404);
		expect((await end(1, { end: '2026-05-01' }, 'analyst')).status).toBe(400);
		const res = await end(1, { end: '2026-06-15T02:00', tz: 'Europe/Berlin' }, 'analyst');
		expect(res.status).toBe(200);
		expect(((await res.json()) as { pilot: Pilot }).pilot.ends_at).toBe('2026-06-15T00:00:00.000Z');
		const result = (await (await api.request(`/api/v1/pilots/1?as_of=${AS_OF}&hours=calendar`, {}, as('viewer'))).json()) as PilotResult;
		// Two complete weeks from 1 June to the end, not the four to as_of; every week alike, so the same effect.
		expect(result.meta.after.weeks).toBe(2);
		expect(result.rows.find((r) => r.metric === 'frt_median_min')).toMatchObject({ effect: -30 });
		const again = await end(1, {}, 'analyst');
		expect(again.status).toBe(400);
		expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/already ended/);
		expect(await db.query(`select action, actor from audit_log where action = 'pilot-end'`)).toEqual([{ action: 'pilot-end', actor: 'analyst@example.com' }]);
	});
});

describe('pilots: the demo data\'s planted KB article', () => {
	// seeds/README.md, story 2: kb-217 "Export contacts to CSV" goes live 2026-05-18 15:00Z, and
	// how_to tickets tagged export drop by 60 % from then on.
	let db: Database;
	const AS_OF_DEMO = '2026-11-23T00:00:00Z';
	const view = { asOf: AS_OF_DEMO, hours: 'calendar' as const, tz: 'UTC' };
	const exportGroup = { category: ['how_to'], tag: ['export'] };
	beforeAll(async () => {
		const dir = mkdtempSync(join(tmpdir(), 'deskpulse-pilots-demo-'));
		await generateDemo({ tickets: 20000, seed: 1, end: '2026-11-22', outDir: dir });
		db = await memoryDb();
		await importGenericPath(db, dir, { source: 'demo', timezone: 'UTC' });
	}, 120_000);
	afterAll(() => db.close());

	it('shows the drop from the week the article went live, with an interval that excludes zero', async () => {
		const pilot = await createPilot(db, parsePilotInput({ name: 'Export article', start: '2026-05-18T15:00:00Z', treated: exportGroup }, 'UTC'), null);
		const result = await computePilot(db, pilot, view);
		const perCustomer = result.rows.find((r) => r.metric === 'tickets_per_customer')!;
		expect(result.meta.after.weeks).toBe(26);
		// About -60 %, the interval well away from zero and past the -10 % threshold.
		expect(perCustomer.effect!).toBeLessThan(-50);
		expect(perCustomer.effect!).toBeGreaterThan(-70);
		expect(perCustomer.effect_hi!).toBeLessThan(-40);
		expect(result.meta.verdict.status).toBe('scale');
	});

	it('shows none on a placebo date, and scales no placebo pilot in the months before the article', async () => {
		// A date drawn once, away from the story: 27 Oct 2025, ten weeks.
		const placebo = await createPilot(db, parsePilotInput({ name: 'Placebo', start: '2025-10-27', end: '2026-01-05', treated: exportGroup }, 'UTC'), null);
		const result = await computePilot(db, placebo, view);
		const perCustomer = result.rows.find((r) => r.metric === 'tickets_per_customer')!;
		expect(perCustomer.effect_lo!).toBeLessThan(0);
		expect(perCustomer.effect_hi!).toBeGreaterThan(0);
		expect(result.meta.verdict.status).not.toBe('scale');
		// Every fourth Monday from September 2025 to March 2026, ten weeks each, ending before the
		// article: the topic's share of tickets drifts by itself (interval away from zero in some),
		// but none clears the -10 % threshold with its whole interval.
		const statuses: string[] = [];
		for (let start = Date.UTC(2025, 8, 1); start < Date.UTC(2026, 2, 9); start += 4 * WEEK) {
			const end = Math.min(start + 10 * WEEK, Date.UTC(2026, 4, 18));
			const p = await createPilot(db, parsePilotInput({ name: 'p', start: iso(start), end: iso(end), treated: exportGroup }, 'UTC'), null);
			statuses.push((await computePilot(db, p, view)).meta.verdict.status);
		}
		expect(statuses).toHaveLength(7);
		expect(statuses).not.toContain('scale');
	});
});
