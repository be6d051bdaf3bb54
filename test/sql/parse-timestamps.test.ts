import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { memoryDb } from '../helpers/db';

// dp_parse_ts (sql/macros/parse.sql): the ISO shapes exports write, with and without offsets.
describe('reading ISO timestamps as exports write them', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
	});
	afterAll(() => db.close());

	const read = async (text: string, tz = 'Asia/Kolkata') =>
		(await db.query<{ t: string | null }>(`select strftime(timezone('UTC', dp_parse_ts($s, $tz)), '%Y-%m-%d %H:%M:%S') as t`, { s: text, tz }))[0].t;

	it('reads an offset written with or without its colon, apart or not', async () => {
		expect(await read('2023-04-03 10:00:00 +0530')).toBe('2023-04-03 04:30:00');
		expect(await read('2023-04-03T10:00:00+0530')).toBe('2023-04-03 04:30:00');
		expect(await read('2023-04-03 10:00:00+05:30')).toBe('2023-04-03 04:30:00');
		expect(await read('2023-04-03 10:00:00 -0700', 'UTC')).toBe('2023-04-03 17:00:00');
		expect(await read('2023-04-03T10:00:00Z')).toBe('2023-04-03 10:00:00');
	});

	it('reads a time without an offset in the zone given', async () => {
		// 10:00 IST is 04:30 UTC.
		expect(await read('2023-04-03 10:00:00')).toBe('2023-04-03 04:30:00');
		expect(await read('2023-04-03 10:00')).toBe('2023-04-03 04:30:00');
		expect(await read('yesterday')).toBeNull();
	});
});
