import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli';
import { createApi } from '../../src/lib/server/api';
import { LOCAL_ADMIN } from '../../src/lib/server/auth/principal';
import type { Database } from '../../src/lib/server/db/database';
import type { PathImportResult } from '../../src/lib/server/ingest/import-path';
import { FIXTURES, memoryDb } from '../helpers/db';

// The fixtures and their expected values: test/fixtures/dates/README.md.
const DATES = join(FIXTURES, 'dates');


const newDb = () => join(mkdtempSync(join(tmpdir(), 'deskpulse-dates-')), 'test.duckdb');

describe('deskpulse import --date-format', () => {
	afterEach(() => vi.restoreAllMocks());

	it('is in the help, and a value naming no order is a usage error', async () => {
		expect((await cli(['import', '--help'])).stdout).toContain('--date-format ORDER  DD/MM/YYYY or MM/DD/YYYY');
		const bad = await cli(['import', join(DATES, 'ambiguous'), '--date-format', 'YYYY-MM-DD', '--db', newDb()]);
		expect(bad.status).toBe(2);
		expect(bad.stderr).toContain('--date-format must be DD/MM/YYYY or MM/DD/YYYY (also day-first, month-first), got "YYYY-MM-DD"');
	});

	it('fails an ambiguous file asking for it, and reads the file with it, saying how', async () => {
		const db = newDb();
		const ambiguous = await cli(['import', join(DATES, 'ambiguous'), '--db', db]);
		expect(ambiguous.status).toBe(1);
		expect(ambiguous.stdout).toContain(
			'tickets.csv: FAILED, nothing imported (run 1): tickets.csv: columns "created_at", "first_response_at" have dates like 03/04/2026 that read both day-first and month-first: pass --date-format DD/MM/YYYY or MM/DD/YYYY'
		);
		const read = await cli(['import', join(DATES, 'ambiguous'), '--date-format', 'DD/MM/YYYY', '--db', db]);
		expect(read.status).toBe(0);
		expect(read.stdout).toContain(
			'  dates read as: created_at DD/MM/YYYY H:MM (day-first, as --date-format says), first_response_at DD/MM/YYYY H:MM (day-first, as --date-format says)\n'
		);
	});

	it('prints the formats of a re-saved Freshdesk export, and nothing for an ISO file', async () => {
		const db = newDb();
		const freshdesk = await cli(['import', join(DATES, 'freshdesk-excel'), '--timezone', 'Europe/London', '--db', db]);
		expect(freshdesk.status).toBe(0);
		expect(freshdesk.stdout).toContain('tickets_export_2026_04_20.csv: 7 rows read, 7 kept (0 with adjustments), 0 rejected');
		expect(freshdesk.stdout).toContain(
			'  dates read as: Created time DD/MM/YYYY H:MM (day-first: 13/03/2026 at line 3), Resolved time DD/MM/YYYY H:MM (day-first, as "Created time" shows), '
		);
		const iso = await cli(['import', join(FIXTURES, 'generic-small'), '--db', db]);
		expect(iso.status).toBe(0);
		expect(iso.stdout).not.toContain('dates read as');
	});
});

describe('POST /api/v1/imports date_format', () => {
	let db: Database;
	let api: ReturnType<typeof createApi>;
	beforeAll(async () => {
		db = await memoryDb();
		api = createApi({ db: async () => db, assume: LOCAL_ADMIN });
		// An admin imports by server path only inside the import root.
		process.env.DESKPULSE_IMPORT_ROOT = DATES;
	});
	afterAll(() => {
		delete process.env.DESKPULSE_IMPORT_ROOT;
		return db.close();
	});

	const json = (body: unknown) =>
		api.request('/api/v1/imports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

	it('is checked like source, in JSON and in an upload', async () => {
		const res = await json({ path: join(DATES, 'ambiguous'), date_format: 'european' });
		expect(res.status).toBe(400);
		expect(JSON.stringify(await res.json())).toContain('date_format must be DD/MM/YYYY or MM/DD/YYYY (also day-first, month-first), got \\"european\\"');

		const body = new FormData();
		body.append('date_format', 'european');
		body.append('file', new File([readFileSync(join(DATES, 'ambiguous', 'tickets.csv'))], 'tickets.csv', { type: 'text/csv' }));
		const upload = await api.request('/api/v1/imports', { method: 'POST', body });
		expect(upload.status).toBe(400);
		expect(JSON.stringify(await upload.json())).toContain('date_format must be');
	});

	it('settles an ambiguous file, from a path or an upload', async () => {
		const res = await json({ path: join(DATES, 'ambiguous'), date_format: 'MM/DD/YYYY' });
		expect(res.status).toBe(200);
		const result = (await res.json()) as PathImportResult;
		expect(result.files[0]).toMatchObject({ status: 'ok', rowsAccepted: 2 });
		expect(result.files[0].timestampFormats[0]).toEqual({ column: 'created_at', format: 'MM/DD/YYYY H:MM (month-first, as --date-format says)' });

		const body = new FormData();
		body.append('date_format', 'DD/MM/YYYY');
		body.append('file', new File([readFileSync(join(DATES, 'ambiguous', 'tickets.csv'))], 'tickets.csv', { type: 'text/csv' }));
		const upload = await api.request('/api/v1/imports', { method: 'POST', body });
		expect(upload.status).toBe(200);
		const uploaded = (await upload.json()) as PathImportResult;
		expect(uploaded.files[0].timestampFormats[0].format).toBe('DD/MM/YYYY H:MM (day-first, as --date-format says)');
		// 03/04/2026 09:00 day-first, in UTC (the generic default).
		const [{ created_at }] = await db.query(`select created_at from fct_tickets where ticket_id = 'a1'`);
		expect(created_at).toBe('2026-04-03T09:00:00.000Z');
	});
});
