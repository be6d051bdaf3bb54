import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { computeKbGaps, type KbGapsQuery } from '../../src/lib/server/metrics/kb-gaps';
import { failingChecks } from '../helpers/checks';
import { FIXTURES, memoryDb } from '../helpers/db';

// test/fixtures/kb-query-groups/README.md describes the rows. The window is W11 (March 9-15),
// the previous one W10; all times UTC.
const AS_OF = '2026-03-16T00:00:00Z';

describe('the token-set key of a query', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
	});
	afterAll(() => db.close());

	const keyOf = async (query: string) =>
		(await db.query<{ key: string }>("select dp_kb_query_key(regexp_replace(lower(trim($q)), '\\s+', ' ', 'g')) as key", { q: query }))[0].key;

	it('is the same for word order, case, spacing, punctuation, stop words and suffixes', async () => {
		for (const query of ['reset password', 'password reset', 'reseting my password?', 'Reset  password!', 'Resetting passwords', 'How do I reset my password']) {
			expect(await keyOf(query), query).toBe('password reset');
		}
	});

	it('stems the common English suffixes the same way for every form of a word', async () => {
		expect(await keyOf('invite users')).toBe('invit user');
		expect(await keyOf('inviting a user')).toBe('invit user');
		expect(await keyOf('billing addresses')).toBe('addres bil');
		expect(await keyOf('queries')).toBe('query');
		// "status" and "access" are no plurals.
		expect(await keyOf('status')).toBe('status');
		expect(await keyOf("can't access")).toBe('acces cant');
	});

	it('keys a query made only of stop words on itself', async () => {
		expect(await keyOf('How to')).toBe('how to');
	});
});

describe('KB gaps by query group', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		await importGenericPath(db, join(FIXTURES, 'kb-query-groups'), { source: 'generic', timezone: 'UTC' });
	});
	afterAll(() => db.close());

	const gaps = (q: Partial<KbGapsQuery>) => computeKbGaps(db, { from: null, to: null, tz: 'UTC', asOf: AS_OF, per: 'segment', where: {}, limit: 10, ...q });

	it('merges a one-letter typo of a word of 5+ letters, never of a shorter one', async () => {
		const groups = await db.query<{ query_normalized: string; token_key: string; group_key: string }>(
			"select * from dp_kb_query_groups('2026-03-16T00:00:00Z', 'UTC', '2026-03-09', '2026-03-16') order by query_normalized"
		);
		expect(groups.map((g) => [g.query_normalized, g.token_key, g.group_key])).toEqual([
			['billing address', 'addres bil', 'addres bil'],
			['billing addresses', 'addres bil', 'addres bil'],
			['export csv', 'csv export', 'csv export'],
			['export tsv', 'export tsv', 'export tsv'],
			// W10's searches are in the grouping too: the change compares the same groups.
			['how do i reset my password', 'password reset', 'password reset'],
			['password reset', 'password reset', 'password reset'],
			['reset password', 'password reset', 'password reset'],
			['reset password!', 'password reset', 'password reset'],
			['reset pasword', 'pasword reset', 'password reset'],
			['reseting my password?', 'password reset', 'password reset']
		]);
	});

	it('ranks each group once, with its representative, its variants and whole-group numbers', async () => {
		const { meta, rows } = await gaps({});
		expect([meta.from, meta.to]).toEqual(['2026-03-09', '2026-03-16']);
		expect(rows).toEqual([
			// s11: failed (zero results), followed by t5: 1 x (1 + 1/1).
			{
				segment: 'high_touch',
				rank: 1,
				query: 'reset password',
				group_key: 'password reset',
				variants: ['reset password'],
				variant_count: 1,
				searches: 1,
				zero_result_rate: 1,
				click_rate: 0,
				tickets_after: 1,
				example_categories: ['sso'],
				kb_gap_score: 2,
				previous_kb_gap_score: null,
				kb_gap_score_change: null
			},
			// s1-s6: 6 searches in 5 variants ("reset password" twice: s1, s6). Failed: all but
			// s4 (clicked) = 5; zero results s1, s3, s5, s6 = 4 of 6; clicked s4 = 1 of 6;
			// followed: s1 and s2 (both by t1), s3 (t2), s5 (t3) = 4, so 5 x (1 + 4/6) = 50/6.
			// Categories of t1, t2, t3, each ticket once: account 2, billing 1.
			// W10: s0 failed without a ticket, s0b clicked: 1 x (1 + 0/2) = 1.
			{
				segment: 'scaled',
				rank: 1,
				query: 'reset password',
				group_key: 'password reset',
				variants: ['reset password', 'password reset', 'reset password!', 'reset pasword', 'reseting my password?'],
				variant_count: 5,
				searches: 6,
				zero_result_rate: 4 / 6,
				click_rate: 1 / 6,
				tickets_after: 4,
				example_categories: ['account', 'billing'],
				kb_gap_score: (5 * (6 + 4)) / 6,
				previous_kb_gap_score: 1,
				kb_gap_score_change: (5 * (6 + 4)) / 6 - 1
			},
			// s7 (zero results) and s8 (1 result, not clicked): 2 failed x 1.
			{
				segment: 'scaled',
				rank: 2,
				query: 'billing address',
				group_key: 'addres bil',
				variants: ['billing address', 'billing addresses'],
				variant_count: 2,
				searches: 2,
				zero_result_rate: 1 / 2,
				click_rate: 0,
				tickets_after: 0,
				example_categories: [],
				kb_gap_score: 2,
				previous_kb_gap_score: null,
				kb_gap_score_change: null
			},
			// s9 and s10 score 1 each, ranked by query: "csv" and "tsv" are not one typo apart.
			{ segment: 'scaled', rank: 3, query: 'export csv', group_key: 'csv export', variants: ['export csv'], variant_count: 1, searches: 1, zero_result_rate: 1, click_rate: 0, tickets_after: 0, example_categories: [], kb_gap_score: 1, previous_kb_gap_score: null, kb_gap_score_change: null },
			{ segment: 'scaled', rank: 4, query: 'export tsv', group_key: 'export tsv', variants: ['export tsv'], variant_count: 1, searches: 1, zero_result_rate: 1, click_rate: 0, tickets_after: 0, example_categories: [], kb_gap_score: 1, previous_kb_gap_score: null, kb_gap_score_change: null }
		]);
		expect(await failingChecks(db)).toEqual({});
	});

	it('groups the same way whatever the filters', async () => {
		const { rows } = await gaps({ per: 'plan', where: { plan: ['standard'] }, limit: 1 });
		expect(rows.map((r) => [r.plan, r.query, r.group_key, r.variant_count, r.searches, r.tickets_after])).toEqual([['standard', 'reset password', 'password reset', 5, 6, 4]]);
	});
});
