import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { computeKbGaps, type KbGapsQuery } from '../../src/lib/server/metrics/kb-gaps';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { failingChecks } from '../helpers/checks';
import { memoryDb, tempFolder } from '../helpers/db';

// All times UTC. ISO weeks: W10 = Mar 2-8 (the previous window), W11 = Mar 9-15 (the
// current one: as_of is Monday 2026-03-16 00:00, so the default window is W11).
// Orgs: o1 standard/scaled, o2 enterprise/high_touch, o3 premium/blended.
const ORGS = 'org_id,plan,segment\no1,standard,scaled\no2,enterprise,high_touch\no3,premium,blended\n';

const TICKETS =
	'ticket_id,created_at,status,category,requester_id,org_id\n' +
	't1,2026-03-10T15:00:00Z,open,account,r1,o1\n' +
	't2,2026-03-11T09:00:00Z,open,billing,r2,o1\n' +
	't4,2026-03-13T11:00:00Z,open,billing,r3,o1\n' +
	't11,2026-03-10T10:00:00Z,open,account,r10,o2\n' +
	't16,2026-03-16T01:00:00Z,open,bug,r11,o3\n';

const SEARCHES =
	'search_id,searched_at,session_id,requester_id,org_id,query,results_count,clicked_article_id\n' +
	// W10
	'k0,2026-03-03T09:00:00Z,,r1,o1,reset password,0,\n' + // failed; r1's next ticket is a week later
	'k12,2026-03-04T09:00:00Z,,r10,o2,SSO setup,4,a9\n' + // clicked: not failed
	// W11, scaled (o1)
	'k1,2026-03-10T09:00:00Z,,r1,o1,Reset  Password,0,\n' + // failed; t1 (account) 6 h later
	'k2,2026-03-10T10:00:00Z,,r2,o1, reset password,3,\n' + // failed (no click); t2 (billing) 23 h later
	'k3,2026-03-11T10:00:00Z,,r3,o1,reset password,3,a1\n' + // clicked; t4 is 49 h later
	'k4,2026-03-12T10:00:00Z,,r3,o1,RESET PASSWORD,0,\n' + // failed; t4 25 h later: not after
	'k5,2026-03-12T12:00:00Z,,,o1,reset password,0,\n' + // anonymous, failed; t4 of org o1 23 h later
	'k6,2026-03-11T12:00:00Z,,r4,o1,export csv,2,\n' + // failed
	'k7,2026-03-11T13:00:00Z,,r5,o1,billing address,0,\n' + // failed
	'k8,2026-03-11T14:00:00Z,,r6,o1,billing address,0,\n' + // failed
	'k9,2026-03-11T15:00:00Z,,r7,o1,api keys,0,\n' + // failed
	'k10,2026-03-11T16:00:00Z,,r8,o1,invite user,5,a3\n' + // clicked: never a gap
	// W11, other segments
	'k11,2026-03-10T09:00:00Z,,r10,o2,sso setup,0,\n' + // high_touch, failed; t11 1 h later
	'k13,2026-03-12T09:00:00Z,,,,pricing,0,\n' + // no org: its own group
	'k14,2026-03-12T10:00:00Z,,r9,o3,webhooks,,\n' + // blended; no results_count, no click: failed
	'k15,2026-03-15T20:00:00Z,,r11,o3,webhooks,1,\n'; // failed; t16 5 h later, after as_of

const AS_OF = '2026-03-16T00:00:00Z';

describe('KB search rates', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		await importGenericPath(db, tempFolder({ 'orgs.csv': ORGS, 'tickets.csv': TICKETS, 'kb_searches.csv': SEARCHES }), {
			source: 'generic',
			timezone: 'UTC'
		});
	});
	afterAll(() => db.close());

	it('counts searches with results and with clicks per week', async () => {
		const { rows, samples } = await computeKpis(
			db,
			parseKpiQuery({ grain: 'week', from: '2026-03-02', to: '2026-03-16', metrics: 'kb_searches,search_result_rate,search_click_rate', as_of: AS_OF })
		);
		expect(rows).toEqual([
			// W10: k0 (0 results), k12 (4 results, clicked).
			{ period: '2026-W10', period_start: '2026-03-02', kb_searches: 2, search_result_rate: 1 / 2, search_click_rate: 1 / 2 },
			// W11: 14 searches; results > 0: k2, k3, k6, k10, k15 (k14 has no count, not a
			// success); clicked: k3, k10.
			{ period: '2026-W11', period_start: '2026-03-09', kb_searches: 14, search_result_rate: 5 / 14, search_click_rate: 2 / 14 }
		]);
		expect(samples.map((s) => s.n.search_result_rate)).toEqual([2, 14]);
		expect(await failingChecks(db)).toEqual({});
	});

	it('groups by segment and filters by plan', async () => {
		const { rows } = await computeKpis(
			db,
			parseKpiQuery({ grain: 'week', from: '2026-03-09', to: '2026-03-16', by: 'segment', plan: 'standard,premium', metrics: 'kb_searches,search_click_rate', as_of: AS_OF })
		);
		expect(rows).toEqual([
			// o3: k14, k15, neither clicked.
			{ period: '2026-W11', period_start: '2026-03-09', segment: 'blended', kb_searches: 2, search_click_rate: 0 },
			// o1: k1-k10, clicked k3 and k10.
			{ period: '2026-W11', period_start: '2026-03-09', segment: 'scaled', kb_searches: 10, search_click_rate: 2 / 10 }
		]);
	});
});

describe('KB gaps', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		await importGenericPath(db, tempFolder({ 'orgs.csv': ORGS, 'tickets.csv': TICKETS, 'kb_searches.csv': SEARCHES }), {
			source: 'generic',
			timezone: 'UTC'
		});
	});
	afterAll(() => db.close());

	// Every query of this fixture is its own group of one variant (the grouping is tested in
	// kb-query-groups.test.ts): checked here, then left out of the rows compared.
	const gaps = async (q: Partial<KbGapsQuery>) => {
		const result = await computeKbGaps(db, { from: null, to: null, tz: 'UTC', asOf: AS_OF, per: 'segment', where: {}, limit: 3, ...q });
		for (const row of result.rows) expect([row.variants, row.variant_count]).toEqual([[row.query], 1]);
		return { ...result, rows: result.rows.map(({ group_key: _key, variants: _variants, variant_count: _count, ...row }) => row) };
	};

	it('answers the last complete ISO week by default, as the pages and the review do', async () => {
		// as_of Wednesday 2026-03-18: the window is W12's Monday..Monday, not the 7 days before.
		const { meta } = await gaps({ asOf: '2026-03-18T15:00:00.000Z' });
		expect([meta.from, meta.to, meta.previous_from, meta.previous_to]).toEqual(['2026-03-09', '2026-03-16', '2026-03-02', '2026-03-09']);
	});

	it('ranks failed queries per segment in the last week, weighted by the tickets that followed', async () => {
		const { meta, rows } = await gaps({});
		expect(meta).toEqual({
			from: '2026-03-09',
			to: '2026-03-16',
			previous_from: '2026-03-02',
			previous_to: '2026-03-09',
			tz: 'UTC',
			as_of: AS_OF,
			per: 'segment',
			filters: {},
			limit: 3
		});
		expect(rows).toEqual([
			// no org: k13, failed, no key to match a ticket: 1 x (1 + 0).
			{ segment: null, rank: 1, query: 'pricing', searches: 1, zero_result_rate: 1, click_rate: 0, tickets_after: 0, example_categories: [], kb_gap_score: 1, previous_kb_gap_score: null, kb_gap_score_change: null },
			// k14 (no results_count: not a zero-result search, failed for want of a click) and
			// k15 (its ticket t16 comes after as_of): 2 failed x (1 + 0).
			{ segment: 'blended', rank: 1, query: 'webhooks', searches: 2, zero_result_rate: 0, click_rate: 0, tickets_after: 0, example_categories: [], kb_gap_score: 2, previous_kb_gap_score: null, kb_gap_score_change: null },
			// k11 failed, followed by t11: 1 x (1 + 1/1) = 2. In W10 the query (k12) was
			// searched without failing: score 0, change +2.
			{ segment: 'high_touch', rank: 1, query: 'sso setup', searches: 1, zero_result_rate: 1, click_rate: 0, tickets_after: 1, example_categories: ['account'], kb_gap_score: 2, previous_kb_gap_score: 0, kb_gap_score_change: 2 },
			// k1-k5 normalize to "reset password": failed k1, k2, k4, k5 (4); zero results k1, k4,
			// k5 (3/5); clicked k3 (1/5); followed within 24 h: k1 (t1 account), k2 (t2 billing),
			// k5 (t4 billing) = 3, so 4 x (1 + 3/5) = 4 x 8 / 5 = 6.4. W10: k0 failed, no ticket: 1 x 1.
			{
				segment: 'scaled',
				rank: 1,
				query: 'reset password',
				searches: 5,
				zero_result_rate: 3 / 5,
				click_rate: 1 / 5,
				tickets_after: 3,
				example_categories: ['billing', 'account'],
				kb_gap_score: (4 * (5 + 3)) / 5,
				previous_kb_gap_score: 1,
				kb_gap_score_change: (4 * (5 + 3)) / 5 - 1
			},
			// k7, k8: 2 x 1.
			{ segment: 'scaled', rank: 2, query: 'billing address', searches: 2, zero_result_rate: 1, click_rate: 0, tickets_after: 0, example_categories: [], kb_gap_score: 2, previous_kb_gap_score: null, kb_gap_score_change: null },
			// "api keys" (k9) and "export csv" (k6) both score 1: the tie goes by query, and the
			// limit of 3 leaves "export csv" out. "invite user" (k10) never failed.
			{ segment: 'scaled', rank: 3, query: 'api keys', searches: 1, zero_result_rate: 1, click_rate: 0, tickets_after: 0, example_categories: [], kb_gap_score: 1, previous_kb_gap_score: null, kb_gap_score_change: null }
		]);
	});

	it('counts a ticket once it exists at as_of', async () => {
		const { rows } = await gaps({ from: '2026-03-09', to: '2026-03-16', asOf: '2026-03-16T02:00:00Z', where: { segment: ['blended'] } });
		// t16 (03-16 01:00) now exists and came 5 h after k15: 2 failed x (1 + 1/2) = 2 x 3 / 2.
		expect(rows).toEqual([
			{ segment: 'blended', rank: 1, query: 'webhooks', searches: 2, zero_result_rate: 0, click_rate: 0, tickets_after: 1, example_categories: ['bug'], kb_gap_score: (2 * (2 + 1)) / 2, previous_kb_gap_score: null, kb_gap_score_change: null }
		]);
	});

	it('ranks per plan, with the filters applied', async () => {
		const { rows, meta } = await gaps({ per: 'plan', where: { plan: ['standard'] }, limit: 2 });
		expect(meta.filters).toEqual({ plan: ['standard'] });
		expect(rows.map((r) => [r.plan, r.rank, r.query, r.kb_gap_score])).toEqual([
			['standard', 1, 'reset password', (4 * (5 + 3)) / 5],
			['standard', 2, 'billing address', 2]
		]);
	});

	it('compares with the window of equal length just before', async () => {
		// A 14-day window (W10 + W11) is compared with the 14 days before it, which are empty.
		const { meta, rows } = await gaps({ from: '2026-03-02', to: '2026-03-16', where: { segment: ['scaled'] }, limit: 1 });
		expect([meta.previous_from, meta.previous_to]).toEqual(['2026-02-16', '2026-03-02']);
		// k0-k5: failed k0, k1, k2, k4, k5 (5), followed k1, k2, k5 (3 of 6): 5 x (1 + 3/6) = 5 x 9 / 6.
		expect(rows).toEqual([
			{ segment: 'scaled', rank: 1, query: 'reset password', searches: 6, zero_result_rate: 4 / 6, click_rate: 1 / 6, tickets_after: 3, example_categories: ['billing', 'account'], kb_gap_score: (5 * (6 + 3)) / 6, previous_kb_gap_score: null, kb_gap_score_change: null }
		]);
	});

	it('rejects a grouping other than segment or plan', async () => {
		await expect(gaps({ per: 'channel' as KbGapsQuery['per'] })).rejects.toThrow(/per must be segment or plan/);
	});
});
