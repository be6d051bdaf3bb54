import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importGenericPath, importPath } from '../../src/lib/server/ingest/import-path';
import { FIXTURES, memoryDb, tempFolder } from '../helpers/db';

const count = async (db: Database, table: string) =>
	(await db.query<{ n: number }>(`select count(*)::integer as n from ${table}`))[0].n;

describe('generic import', () => {
	let db: Database;
	beforeEach(async () => {
		db = await memoryDb();
	});
	afterEach(() => db.close());

	it('imports the same folder twice without changing the row counts', async () => {
		const folder = join(FIXTURES, 'generic-small');
		await importGenericPath(db, folder, { source: 'generic', timezone: 'UTC' });
		const before = [await count(db, 'raw_generic_tickets'), await count(db, 'raw_generic_orgs'), await count(db, 'fct_tickets')];
		const second = await importGenericPath(db, folder, { source: 'generic', timezone: 'UTC' });
		const after = [await count(db, 'raw_generic_tickets'), await count(db, 'raw_generic_orgs'), await count(db, 'fct_tickets')];
		expect(before).toEqual([10, 3, 10]);
		expect(after).toEqual(before);
		expect(second.files.every((f) => f.status === 'ok')).toBe(true);
		// Both runs are recorded, with checksums that match (the same bytes).
		const runs = await db.query<{ entity: string; checksum: string }>(`select entity, checksum from import_runs order by run_id`);
		expect(runs.map((r) => r.entity)).toEqual(['orgs', 'tickets', 'orgs', 'tickets']);
		expect(runs[1].checksum).toBe(runs[3].checksum);
	});

	it('imports the good rows of a file and quarantines a bad one with its line and column', async () => {
		const folder = tempFolder({
			'tickets.csv': [
				'ticket_id,created_at,status,first_response_at',
				'a1,2026-03-02T09:00:00Z,open,2026-03-02T09:10:00Z',
				'a2,"2026-03-02T10:00:00Z",solved,"not a time"',
				'a3,2026-03-02T11:00:00Z,open,'
			].join('\n')
		});
		const { files } = await importGenericPath(db, folder, { source: 'generic', timezone: 'UTC' });
		expect(files[0]).toMatchObject({ status: 'ok', rowsRead: 3, rowsAccepted: 2, rowsRejected: 1 });
		expect(files[0].rejects).toEqual([
			{ line: 3, column: 'first_response_at', reason: 'expected a date and time, got "not a time"' }
		]);
		expect((await db.query('select ticket_id from raw_generic_tickets order by 1')).map((r) => r.ticket_id)).toEqual(['a1', 'a3']);
		const [q] = await db.query('select file_name, line, column_name, raw_record from import_quarantine');
		expect(q).toMatchObject({ file_name: 'tickets.csv', line: 3, column_name: 'first_response_at' });
		expect(JSON.parse(q.raw_record as string)).toMatchObject({ ticket_id: 'a2', first_response_at: 'not a time' });
	});

	it('counts physical lines when a quoted field spans several lines', async () => {
		const folder = tempFolder({
			'tickets.csv': 'ticket_id,created_at,status,subject\nb1,2026-03-02T09:00:00Z,open,"two\nlines"\nb2,2026-03-02T09:00:00Z,open,x,extra\n'
		});
		const { files } = await importGenericPath(db, folder, { source: 'generic', timezone: 'UTC' });
		expect(files[0].rejects).toEqual([{ line: 4, column: null, reason: 'the row has more fields than the header (4)' }]);
	});

	it('lands nothing of a file that lacks a required column, and records the failed run', async () => {
		const folder = tempFolder({ 'tickets.csv': 'ticket_id,status\nc1,open\n' });
		const { files } = await importGenericPath(db, folder, { source: 'generic', timezone: 'UTC' });
		expect(files[0].status).toBe('failed');
		expect(files[0].error).toBe('tickets.csv, line 1, column created_at: missing required column created_at');
		expect(await count(db, 'raw_generic_tickets')).toBe(0);
		expect(await db.query('select status, rows_accepted from import_runs')).toEqual([{ status: 'failed', rows_accepted: 0 }]);
	});

	it('reads naive timestamps in the import time zone and keeps unknown columns only when asked (--keep-extra)', async () => {
		const folder = tempFolder({
			'tickets.csv': 'Ticket_ID,Created_At,Status,Priority,Zendesk Brand\nd1,2026-07-01 09:00,Open,urgent,Acme\nd2,2026-07-01T09:00:00+02:00,hold,low,Beta\n'
		});
		const dropped = await importGenericPath(db, folder, { source: 'generic', timezone: 'America/New_York' });
		// Listed, so the user knows, and not stored: an unread column can hold personal data.
		expect([dropped.files[0].extraColumns, dropped.files[0].extraKept]).toEqual([['Zendesk Brand'], false]);
		const rows = await db.query('select ticket_id, created_at, status, priority, extra from raw_generic_tickets order by 1');
		expect(rows.map((r) => [r.ticket_id, r.created_at, r.status, r.extra])).toEqual([
			// The raw table holds the status as read into deskpulse's vocabulary.
			['d1', '2026-07-01T13:00:00.000Z', 'open', null],
			['d2', '2026-07-01T07:00:00.000Z', 'on_hold', null]
		]);
		const staged = await db.query('select ticket_id, status, priority from stg_generic_tickets order by 1');
		expect(staged).toEqual([
			{ ticket_id: 'd1', status: 'open', priority: 'P1' },
			{ ticket_id: 'd2', status: 'on_hold', priority: 'P4' }
		]);
		const kept = await importPath(db, folder, { adapter: 'generic', source: 'generic', timezone: 'America/New_York', keepExtra: true });
		expect([kept.files[0].extraKept, kept.files[0].rowsChanged]).toEqual([true, 2]);
		const extras = await db.query('select ticket_id, extra from raw_generic_tickets order by 1');
		expect(extras.map((r) => [r.ticket_id, JSON.parse(r.extra as string)])).toEqual([
			['d1', { 'Zendesk Brand': 'Acme' }],
			['d2', { 'Zendesk Brand': 'Beta' }]
		]);
	});

	it('replaces a ticket by (source, ticket_id) and keeps sources apart', async () => {
		const v1 = tempFolder({ 'tickets.csv': 'ticket_id,created_at,status\ne1,2026-03-02T09:00:00Z,open\n' });
		const v2 = tempFolder({ 'tickets.csv': 'ticket_id,created_at,status,solved_at\ne1,2026-03-02T09:00:00Z,solved,2026-03-03T09:00:00Z\n' });
		await importGenericPath(db, v1, { source: 'generic', timezone: 'UTC' });
		await importGenericPath(db, v2, { source: 'generic', timezone: 'UTC' });
		await importGenericPath(db, v1, { source: 'other', timezone: 'UTC' });
		expect(await db.query('select source, ticket_id, status from raw_generic_tickets order by source')).toEqual([
			{ source: 'generic', ticket_id: 'e1', status: 'solved' },
			{ source: 'other', ticket_id: 'e1', status: 'open' }
		]);
	});

	it('rejects a duplicate id within one file, naming the first line', async () => {
		const folder = tempFolder({ 'tickets.csv': 'ticket_id,created_at,status\nf1,2026-03-02T09:00:00Z,open\nf1,2026-03-03T09:00:00Z,open\n' });
		const { files } = await importGenericPath(db, folder, { source: 'generic', timezone: 'UTC' });
		expect(files[0].rejects).toEqual([{ line: 3, column: 'ticket_id', reason: 'duplicate ticket_id in this file (first at line 2)' }]);
		expect(await count(db, 'raw_generic_tickets')).toBe(1);
	});

	it('rolls back the quarantine too when a file fails after writing it', async () => {
		// The rejected row is written to the quarantine before the accepted rows go in; making
		// the raw table unwritable (a view in its place) crashes the import after that point.
		const folder = tempFolder({ 'tickets.csv': 'ticket_id,created_at,status\ng1,2026-03-02T09:00:00Z,open\ng2,2026-03-02T09:00:00Z,??\n' });
		await db.query('alter table raw_generic_tickets rename to raw_generic_tickets_saved');
		await db.query('create view raw_generic_tickets as select * from raw_generic_tickets_saved');
		const { files } = await importGenericPath(db, folder, { source: 'generic', timezone: 'UTC' });
		expect(files[0].status).toBe('failed');
		expect(await count(db, 'raw_generic_tickets_saved')).toBe(0);
		expect(await count(db, 'import_quarantine')).toBe(0);
		expect(await db.query('select status, rows_read from import_runs')).toEqual([{ status: 'failed', rows_read: 0 }]);
	});

	it('rejects an unknown time zone before reading anything', async () => {
		const folder = join(FIXTURES, 'generic-small');
		await expect(importGenericPath(db, folder, { source: 'generic', timezone: 'Mars/Olympus' })).rejects.toThrow(/unknown time zone "Mars\/Olympus"/);
	});
});
