import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importPath, type PathImportResult } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { failingChecks } from '../helpers/checks';
import { FIXTURES, memoryDb, tempFolder } from '../helpers/db';

// The fixtures and what they hold: test/fixtures/excel/README.md.
const FRESHDESK = join(FIXTURES, 'excel', 'freshdesk');
const CSV = join(FRESHDESK, 'tickets_export_2026_04_01.csv');
const XLSX = join(FRESHDESK, 'tickets_export_2026_04_01.xlsx');
const XLS = join(FRESHDESK, 'tickets_export_2026_04_01.xls');
const TZ = 'Europe/Berlin';

/** Every KPI of March 2026 by month, as the reports would show them. */
const allKpis = async (db: Database) =>
	(await computeKpis(db, parseKpiQuery({ grain: 'month', tz: TZ, from: '2026-03-01', to: '2026-05-01', as_of: '2026-04-15T00:00:00Z' }))).rows;

const tickets = (db: Database) =>
	db.query(
		`select ticket_id, created_at, first_response_at, solved_at, closed_at, status, priority, channel, category, tags,
		        requester_id, org_id, agent_reply_count, csat_answer, frt_calendar_minutes, resolution_calendar_minutes
		 from fct_tickets order by ticket_id`
	);

const vendorMetrics = (db: Database) =>
	db.query(`select ticket_id, metric, calendar_minutes, business_minutes, outcome from raw_vendor_metrics order by all`);

describe('a Freshdesk export saved as Excel', () => {
	const dbs: Record<string, Database> = {};
	const results: Record<string, PathImportResult> = {};
	// The imports' temporary files go to a folder of this test's own (os.tmpdir() reads TMPDIR).
	const tmp = tempFolder({});
	const sheetFolders = () => readdirSync(tmp).filter((n) => n.startsWith('deskpulse-sheets-'));
	let seenDuringImport = false;
	beforeAll(async () => {
		const previous = process.env.TMPDIR;
		process.env.TMPDIR = tmp;
		try {
			for (const [kind, path] of Object.entries({ csv: CSV, xlsx: XLSX, xls: XLS })) {
				dbs[kind] = await memoryDb();
				results[kind] = await importPath(dbs[kind], path, {
					timezone: TZ,
					onProgress: () => (seenDuringImport ||= sheetFolders().length > 0)
				});
			}
		} finally {
			if (previous === undefined) delete process.env.TMPDIR;
			else process.env.TMPDIR = previous;
		}
	});
	afterAll(async () => {
		for (const db of Object.values(dbs)) await db.close();
	});

	it.each(['xlsx', 'xls'])('.%s is recognised by --source auto as the CSV is', (kind) => {
		expect(results[kind].adapter.id).toBe('freshdesk-csv');
		expect(results[kind].adapter.reason).toContain(`tickets_export_2026_04_01.${kind} has Freshdesk's ticket export columns`);
		expect(results[kind].adapter.reason.replace(`.${kind}`, '.csv')).toBe(results.csv.adapter.reason);
	});

	it.each(['xlsx', 'xls'])('.%s reads, accepts and rejects the same rows as the CSV, under its own name', (kind) => {
		const [csv] = results.csv.files;
		const [sheet] = results[kind].files;
		expect([sheet.rowsRead, sheet.rowsAccepted, sheet.rowsRejected]).toEqual([6, 5, 1]);
		expect([sheet.rowsRead, sheet.rowsAccepted, sheet.rowsRejected]).toEqual([csv.rowsRead, csv.rowsAccepted, csv.rowsRejected]);
		expect(sheet.file).toBe(`tickets_export_2026_04_01.${kind}`);
		expect(sheet.path).toBe(kind === 'xlsx' ? XLSX : XLS);
		expect(sheet.valueMappings).toEqual(csv.valueMappings);
		expect(sheet.extraColumns).toEqual(csv.extraColumns);
		expect(results[kind].ignored).toEqual([]);
	});

	it.each(['xlsx', 'xls'])('.%s names a rejected row by its sheet row, which a cell with a line break does not shift', (kind) => {
		// Ticket 1005 has no creation time. The CSV says line 7 (ticket 1002's Description
		// spans two lines); in the sheet, 1005 is row 6.
		const [csv] = results.csv.files[0].rejects;
		expect(csv).toMatchObject({ line: 7, column: 'Created time', reason: expect.stringContaining('"unknown"') });
		expect(results[kind].files[0].rejects).toEqual([{ ...csv, line: 6 }]);
	});

	it.each(['xlsx', 'xls'])('.%s is recorded under its own name, size and path', async (kind) => {
		const path = kind === 'xlsx' ? XLSX : XLS;
		const [run] = await dbs[kind].query(`select file_name, file_path, file_bytes, status from import_runs`);
		expect(run).toEqual({ file_name: `tickets_export_2026_04_01.${kind}`, file_path: path, file_bytes: statSync(path).size, status: 'ok' });
		const quarantined = await dbs[kind].query(`select distinct file_name, line, column_name from import_quarantine`);
		expect(quarantined).toEqual([{ file_name: `tickets_export_2026_04_01.${kind}`, line: 6, column_name: 'Created time' }]);
	});

	it.each(['xlsx', 'xls'])('.%s gives the same tickets, vendor figures and KPIs as the CSV', async (kind) => {
		expect(await tickets(dbs[kind])).toEqual(await tickets(dbs.csv));
		expect(await vendorMetrics(dbs[kind])).toEqual(await vendorMetrics(dbs.csv));
		const csvKpis = await allKpis(dbs.csv);
		expect(csvKpis).toContainEqual(expect.objectContaining({ period: '2026-03', csat_rate: 2 / 3, csat_responses: 3 }));
		expect(await allKpis(dbs[kind])).toEqual(csvKpis);
	});

	it.each(['xlsx', 'xls'])('.%s passes the integrity checks', async (kind) => {
		expect(await failingChecks(dbs[kind])).toEqual({});
	});

	it('removes the temporary CSV files once each import has ended', () => {
		expect(seenDuringImport).toBe(true);
		expect(sheetFolders()).toEqual([]);
	});
});

describe('--sheet', () => {
	it.each([
		['xlsx', XLSX],
		['xls', XLS]
	])('picks the second sheet of the .%s, rows numbered as in the sheet', async (_, path) => {
		const db = await memoryDb();
		try {
			const result = await importPath(db, path, { timezone: TZ, sheet: 'April' });
			expect(result.adapter.id).toBe('freshdesk-csv');
			const [file] = result.files;
			expect([file.rowsRead, file.rowsAccepted, file.rowsRejected]).toEqual([2, 1, 1]);
			// Row 3 of the sheet is empty; 1008 (no creation time) is row 4. 1007's Description
			// holds a line break.
			expect(file.rejects.map((r) => [r.line, r.column])).toEqual([[4, 'Created time']]);
			const rows = await db.query(`select ticket_id, created_at, frt_calendar_minutes, resolution_calendar_minutes from fct_tickets`);
			expect(rows).toEqual([
				{ ticket_id: '1007', created_at: '2026-04-02T07:00:00.000Z', frt_calendar_minutes: 20, resolution_calendar_minutes: 120 }
			]);
		} finally {
			await db.close();
		}
	});

	it('matches a sheet name whatever its case, as Excel does', async () => {
		const db = await memoryDb();
		try {
			const result = await importPath(db, XLSX, { timezone: TZ, sheet: 'april' });
			expect(result.files[0].rowsRead).toBe(2);
		} finally {
			await db.close();
		}
	});

	it.each([
		['xlsx', XLSX],
		['xls', XLS]
	])('fails on a sheet the .%s does not have, naming the sheets it has', async (kind, path) => {
		const db = await memoryDb();
		try {
			await expect(importPath(db, path, { timezone: TZ, sheet: 'May' })).rejects.toThrow(
				`tickets_export_2026_04_01.${kind}: has no sheet "May": its sheets are "Tickets", "April"`
			);
			expect(await db.query('select * from import_runs')).toEqual([]);
		} finally {
			await db.close();
		}
	});

	it('is refused for a path without a spreadsheet', async () => {
		const db = await memoryDb();
		try {
			await expect(importPath(db, CSV, { timezone: TZ, sheet: 'April' })).rejects.toThrow(/--sheet names a sheet of an \.xlsx or \.xls file/);
		} finally {
			await db.close();
		}
	});
});

describe('the generic format as a spreadsheet', () => {
	it('imports tickets.xlsx as tickets.csv, dates and booleans typed as Excel types them', async () => {
		const fromCsv = await memoryDb();
		const fromSheet = await memoryDb();
		try {
			await importPath(fromCsv, join(FIXTURES, 'generic-small', 'tickets.csv'), { adapter: 'generic', timezone: 'UTC' });
			const result = await importPath(fromSheet, join(FIXTURES, 'excel', 'generic', 'tickets.xlsx'), { timezone: 'UTC' });
			expect(result.adapter.id).toBe('generic');
			expect(result.files[0]).toMatchObject({ file: 'tickets.xlsx', entity: 'tickets', status: 'ok', rowsRead: 10, rowsAccepted: 10, rowsRejected: 0 });
			expect(await tickets(fromSheet)).toEqual(await tickets(fromCsv));
			const weekly = (db: Database) => computeKpis(db, parseKpiQuery({ grain: 'week', metrics: 'tickets_created,frt_median_min', as_of: '2026-04-01T00:00:00Z' }));
			expect((await weekly(fromSheet)).rows).toEqual((await weekly(fromCsv)).rows);
		} finally {
			await fromCsv.close();
			await fromSheet.close();
		}
	});

	it('takes a folder mixing CSV and Excel files, each under its own name', async () => {
		const db = await memoryDb();
		const folder = tempFolder({ 'orgs.csv': 'org_id,name\no1,Acme\no2,Globex\no3,Initech\n' });
		copyFileSync(join(FIXTURES, 'excel', 'generic', 'tickets.xlsx'), join(folder, 'tickets.xlsx'));
		try {
			const result = await importPath(db, folder, { timezone: 'UTC' });
			expect(result.files.map((f) => [f.file, f.status, f.rowsAccepted])).toEqual([
				['orgs.csv', 'ok', 3],
				['tickets.xlsx', 'ok', 10]
			]);
			expect(existsSync(join(folder, 'tickets.xlsx'))).toBe(true);
		} finally {
			await db.close();
		}
	});
});
