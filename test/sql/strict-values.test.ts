import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { importPath } from '../../src/lib/server/ingest/import-path';
import type { FileImportResult } from '../../src/lib/server/ingest/import-file';
import { failingChecks } from '../helpers/checks';
import { memoryDb, tempFolder } from '../helpers/db';

// Values a cast would round, read as hex or as an exponent, and times no ticket can have:
// each row of this table is one line of tickets.csv, with what the import must do with it.
const CASES: Array<{ id: string; row: string; outcome: 'kept' | 'adjusted' | 'rejected'; reason?: string }> = [
	{ id: 'ok', row: 'ok,2026-03-02T09:00:00Z,open,,,2,4', outcome: 'kept' },
	{ id: 'two-point-zero', row: 'two-point-zero,2026-03-02T09:00:00Z,open,,,2.0,5', outcome: 'kept' },
	{ id: 'reopens-half', row: 'reopens-half,2026-03-02T09:00:00Z,open,,,1.5,', outcome: 'rejected', reason: 'reopens: expected a whole number' },
	{ id: 'reopens-hex', row: 'reopens-hex,2026-03-02T09:00:00Z,open,,,0x1F,', outcome: 'rejected', reason: 'reopens: expected a whole number' },
	{ id: 'reopens-underscore', row: 'reopens-underscore,2026-03-02T09:00:00Z,open,,,1_000,', outcome: 'rejected', reason: 'reopens: expected a whole number' },
	{ id: 'csat-half', row: 'csat-half,2026-03-02T09:00:00Z,open,,,,4.5', outcome: 'rejected', reason: "csat_score: expected 1-5 (the source's scale), good or bad" },
	{ id: 'csat-hex', row: 'csat-hex,2026-03-02T09:00:00Z,open,,,,0x5', outcome: 'rejected', reason: "csat_score: expected 1-5 (the source's scale), good or bad" },
	{ id: 'csat-exponent', row: 'csat-exponent,2026-03-02T09:00:00Z,open,,,,1e1', outcome: 'rejected', reason: "csat_score: expected 1-5 (the source's scale), good or bad" },
	{ id: 'created-infinity', row: 'created-infinity,infinity,open,,,,', outcome: 'rejected', reason: 'created_at: is outside 1990 to a year from now' },
	{ id: 'created-9999', row: 'created-9999,9999-12-31T00:00:00Z,open,,,,', outcome: 'rejected', reason: 'created_at: is outside 1990 to a year from now' },
	{ id: 'created-epoch', row: 'created-epoch,1970-01-01T00:00:00Z,open,,,,', outcome: 'rejected', reason: 'created_at: is outside 1990 to a year from now' },
	{ id: 'created-year-1', row: 'created-year-1,0001-01-01T00:00:00Z,open,,,,', outcome: 'rejected', reason: 'created_at: is outside 1990 to a year from now' },
	// An event outside the window is emptied: the ticket stays.
	{ id: 'reply-9999', row: 'reply-9999,2026-03-02T09:00:00Z,open,9999-12-31T00:00:00Z,,,', outcome: 'adjusted', reason: 'first_response_at is outside 1990 to a year from now: emptied' },
	// A last solve long before creation, with no first solve: emptied, never a negative duration.
	{ id: 'final-before', row: 'final-before,2026-03-02T09:00:00Z,open,,2020-01-01T00:00:00Z,,', outcome: 'adjusted', reason: 'final_solved_at is before created_at by more than 5 min: emptied' }
];

describe('strict values: nothing rounded, read as hex or outside time', () => {
	let db: Database;
	let file: FileImportResult;
	beforeAll(async () => {
		db = await memoryDb();
		const csv = ['ticket_id,created_at,status,first_response_at,final_solved_at,reopens,csat_score', ...CASES.map((c) => c.row)].join('\n');
		file = (await importPath(db, tempFolder({ 'tickets.csv': csv }), { adapter: 'generic', source: 'strict', timezone: 'UTC' })).files[0];
	});
	afterAll(() => db.close());

	it('adds up: read = kept + rejected, with the adjusted among the kept', () => {
		const count = (o: string) => CASES.filter((c) => c.outcome === o).length;
		expect([file.rowsRead, file.rowsAccepted, file.rowsAdjusted, file.rowsRejected]).toEqual([
			CASES.length,
			count('kept') + count('adjusted'),
			count('adjusted'),
			count('rejected')
		]);
	});

	for (const [i, c] of CASES.entries()) {
		it(`${c.id}: ${c.outcome}${c.reason ? `, ${c.reason}` : ''}`, async () => {
			const line = i + 2;
			const rejects = await db.query<{ reason: string; column_name: string }>(`select column_name, reason from import_quarantine where line = $line`, { line });
			const adjusted = await db.query<{ rule: string; column_name: string }>(`select column_name, rule from import_adjustments where line = $line`, { line });
			const [kept] = await db.query<{ n: number }>(`select count(*)::integer as n from raw_generic_tickets where ticket_id = $id`, { id: c.id });
			expect(kept.n).toBe(c.outcome === 'rejected' ? 0 : 1);
			if (c.outcome === 'rejected') expect(rejects.map((r) => `${r.column_name}: ${r.reason}`)[0]).toMatch(new RegExp(`^${c.reason!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
			else expect(rejects).toEqual([]);
			if (c.outcome === 'adjusted') expect(adjusted.map((a) => `${a.column_name} ${a.rule}`)).toEqual([c.reason]);
			else expect(adjusted).toEqual([]);
		});
	}

	it('reads "2.0" as 2, and leaves no negative duration and no runaway calendar', async () => {
		expect(await db.query(`select reopens from raw_generic_tickets where ticket_id = 'two-point-zero'`)).toEqual([{ reopens: 2 }]);
		expect(await failingChecks(db)).toEqual({});
		const [span] = await db.query<{ days: number }>(`select (max(local_day) - min(local_day))::integer as days from business_calendar`);
		expect(span.days).toBeLessThan(800);
	});

	it('rejects a schedule interval that closes before it opens', async () => {
		const result = await importPath(
			db,
			tempFolder({ 'schedules.csv': 'schedule_id,timezone,weekday,open_time,close_time\nnight,UTC,1,17:00,09:00\nday,UTC,1,09:00,17:00\n' }),
			{ adapter: 'generic', source: 'strict', timezone: 'UTC' }
		);
		expect(result.files[0]).toMatchObject({ rowsRead: 2, rowsAccepted: 1, rowsRejected: 1 });
		expect(result.files[0].rejects).toEqual([
			{ line: 2, column: 'close_time', reason: 'must be later than open_time (09:00 <= 17:00): write an overnight interval as two rows' }
		]);
	});
});
