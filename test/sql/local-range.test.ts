import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { memoryDb } from '../helpers/db';

// dp_local_in_range (sql/macros/periods.sql): a stored instant in a report's local range
// [from, to), with a test on the instant itself in front that must never drop one. The zones
// furthest from UTC put instants a whole calendar day away from the local dates they fall on.
describe('an instant in a local date range', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
	});
	afterAll(() => db.close());

	const inRange = async (instant: string, tz: string, from: string | null = '2026-03-02', to: string | null = '2026-03-09') =>
		(
			await db.query<{ kept: boolean }>(`select dp_local_in_range(cast($instant as timestamptz), $tz, $from, $to) as kept`, {
				instant,
				tz,
				from,
				to
			})
		)[0].kept;

	it('keeps the local dates from `from` up to `to`, in UTC', async () => {
		expect(await inRange('2026-03-01T23:59:59Z', 'UTC')).toBe(false);
		expect(await inRange('2026-03-02T00:00:00Z', 'UTC')).toBe(true);
		expect(await inRange('2026-03-08T23:59:59Z', 'UTC')).toBe(true);
		expect(await inRange('2026-03-09T00:00:00Z', 'UTC')).toBe(false);
	});

	it('keeps an instant whose local date is in range 14 hours ahead of UTC or 12 behind', async () => {
		// Kiritimati is UTC+14: 10:00 UTC on Mar 1 is midnight on Mar 2 there.
		expect(await inRange('2026-03-01T09:59:59Z', 'Pacific/Kiritimati')).toBe(false);
		expect(await inRange('2026-03-01T10:00:00Z', 'Pacific/Kiritimati')).toBe(true);
		// Etc/GMT+12 is UTC-12: 11:59 UTC on Mar 9 is still Mar 8 there.
		expect(await inRange('2026-03-09T11:59:59Z', 'Etc/GMT+12')).toBe(true);
		expect(await inRange('2026-03-09T12:00:00Z', 'Etc/GMT+12')).toBe(false);
	});

	it('leaves an open end open', async () => {
		expect(await inRange('1999-01-01T00:00:00Z', 'UTC', null, '2026-03-09')).toBe(true);
		expect(await inRange('2099-01-01T00:00:00Z', 'UTC', '2026-03-02', null)).toBe(true);
		expect(await inRange('2026-03-01T00:00:00Z', 'UTC', '2026-03-02', null)).toBe(false);
	});
});
