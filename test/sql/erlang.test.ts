import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { memoryDb } from '../helpers/db';

// Erlang C (sql/macros/erlang.sql) against the published worked example: 100 calls in half an
// hour with 180 s handle time is 10 Erlangs; for 80 % answered within 20 s the tables give
// 14 agents. Probability of waiting by agents (Erlang C tables, A = 10): 11 0.6821,
// 12 0.4494, 13 0.2853, 14 0.1741, 15 0.1020; service level within 20 s: 13 79.6 %, 14 88.8 %.
describe('Erlang C', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
	});
	afterAll(() => db.close());

	const one = async <T,>(sql: string): Promise<T> => Object.values((await db.query<Record<string, T>>(`select ${sql} as v`))[0])[0];

	it('gives the published probability of waiting', async () => {
		const rows = await db.query<{ n: number; c: number }>(`select n::integer as n, dp_erlang_c(n, 10.0) as c from range(11, 16) t(n) order by n`);
		expect(rows.map((r) => Number(r.c.toFixed(4)))).toEqual([0.6821, 0.4494, 0.2853, 0.1741, 0.102]);
	});

	it('gives the service level and the agents it takes', async () => {
		expect(Number((await one<number>('dp_erlang_service_level(13, 10.0, 20, 180)')).toFixed(3))).toBe(0.796);
		expect(Number((await one<number>('dp_erlang_service_level(14, 10.0, 20, 180)')).toFixed(3))).toBe(0.888);
		expect(Number(await one<number>('dp_erlang_agents(10.0, 20, 180, 0.8)'))).toBe(14);
	});

	it('needs no agent for no traffic, and never fewer agents than the traffic', async () => {
		expect(Number(await one<number>('dp_erlang_agents(0.0, 20, 180, 0.8)'))).toBe(0);
		expect(await one<number>('dp_erlang_c(10, 10.0)')).toBe(1);
		expect(await one<number>('dp_erlang_service_level(9, 10.0, 20, 180)')).toBe(0);
		// One agent, traffic A: the probability of waiting is A itself.
		expect(await one<number>('dp_erlang_c(1, 0.25)')).toBeCloseTo(0.25, 15);
	});
});
