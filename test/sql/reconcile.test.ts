import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importPath } from '../../src/lib/server/ingest/import-path';
import { computeReconcile, parseReconcileQuery } from '../../src/lib/server/metrics/reconcile';
import { FIXTURES, memoryDb, tempFolder } from '../helpers/db';

// The Zendesk export of test/fixtures/zendesk-csv, then the account's schedule (Mon-Fri
// 09:00-17:00 Los Angeles) imported for the same source, so deskpulse measures business
// hours itself and can be compared with Zendesk's.
describe('reconcile: deskpulse against the vendor', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		await importPath(db, join(FIXTURES, 'zendesk-csv'), { timezone: 'America/Los_Angeles' });
	});
	afterAll(() => db.close());

	const reconcile = (search = '') => computeReconcile(db, parseReconcileQuery(new URLSearchParams(search)));

	it('compares what deskpulse measured itself, not what it took from the export', async () => {
		const { rows } = await reconcile();
		// First reply and first solve are rebuilt from Zendesk's own minutes, and without a
		// schedule the business minutes are Zendesk's: only full resolution (Solved at -
		// Created at) is measured independently, and it agrees on all 4 solved tickets.
		expect(rows.map((r) => [r.metric, r.flavour, r.tickets_compared, r.tickets_agreeing])).toEqual([['full_resolution', 'calendar', 4, 4]]);
	});

	it('finds where a schedule makes business hours differ, and says so', async () => {
		await importPath(
			db,
			tempFolder({
				'schedules.csv':
					'schedule_id,timezone,weekday,open_time,close_time\n' +
					[1, 2, 3, 4, 5].map((d) => `default,America/Los_Angeles,${d},09:00,17:00`).join('\n') +
					'\n'
			}),
			{ adapter: 'generic', source: 'zendesk' }
		);
		const { rows, disagreeing } = await reconcile('source=zendesk');
		const frt = rows.find((r) => r.metric === 'frt' && r.flavour === 'business')!;
		// 101: Mon 09:00 -> 09:30 is 30 = 30; 102: Fri 16:00 -> 17:00 is 60 = 60; 103 (open):
		// Mon 10:00 -> 10:05 is 5 = 5; 104: 10 = 10; 106: Tue 08:00 -> 08:15, before opening:
		// 0 = 0. All agree.
		expect([frt.tickets_compared, frt.tickets_agreeing]).toEqual([5, 5]);
		const resolution = rows.find((r) => r.metric === 'resolution' && r.flavour === 'business')!;
		// 102's first solve is Sat 16:00: deskpulse counts Fri 16:00-17:00 = 60, Zendesk says 120.
		expect([resolution.tickets_compared, resolution.tickets_agreeing, resolution.disagreeing_schedule]).toEqual([4, 3, 1]);
		expect(disagreeing).toContainEqual(
			expect.objectContaining({ ticket_id: '102', metric: 'resolution', flavour: 'business', deskpulse_minutes: 60, vendor_minutes: 120, likely_reason: 'schedule' })
		);
	});
});
