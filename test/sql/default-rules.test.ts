import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { memoryDb } from '../helpers/db';

// The default rules of docs/metrics.md ("Import rules"), value by value.
describe('default rules for values no built-in map knows', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
	});
	afterAll(() => db.close());

	const status = async (value: string, solved: boolean) =>
		(await db.query<{ s: string }>('select dp_default_status($v, $solved) as s', { v: value, solved }))[0].s;
	const priority = async (value: string) => (await db.query<{ p: string | null }>('select dp_default_priority($v) as p', { v: value }))[0].p;

	it('reads a status: solved with a solve time, pending when it waits on the customer, else open', async () => {
		expect(await status('Waiting on Customer', false)).toBe('pending');
		expect(await status('Awaiting customer reply', false)).toBe('pending');
		expect(await status('Pending requester info', false)).toBe('pending');
		expect(await status('Customer action required', false)).toBe('pending');
		// Waiting on the team itself, or a vendor: the team's move.
		expect(await status('Waiting on Acme', false)).toBe('open');
		expect(await status('Awaiting Parts', false)).toBe('open');
		expect(await status('In Progress', false)).toBe('open');
		expect(await status('Waiting on Customer', true)).toBe('solved');
		expect(await status('Done', true)).toBe('solved');
	});

	it('reads a priority by the word it holds, and no bare number', async () => {
		expect(await priority('Highest')).toBe('P1');
		expect(await priority('Sev 1 - Critical')).toBe('P1');
		expect(await priority('Major')).toBe('P2');
		expect(await priority('Sev-2')).toBe('P2');
		expect(await priority('Moderate')).toBe('P3');
		expect(await priority('Lowest')).toBe('P4');
		expect(await priority('Minor')).toBe('P4');
		expect(await priority('1')).toBeNull();
		expect(await priority('Whenever')).toBeNull();
	});

	it('keeps an unknown channel as its own, and knows the built-in ones', async () => {
		const [r] = await db.query('select dp_map_channel($a) as a, dp_is_known_channel(dp_map_channel($a)) as known, dp_is_known_channel(dp_map_channel($b)) as mail', {
			a: 'OutBound',
			b: 'Mail'
		});
		expect(r).toEqual({ a: 'outbound', known: false, mail: true });
	});
});
