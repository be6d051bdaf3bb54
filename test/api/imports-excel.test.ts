import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/lib/server/db/database';
import { createApi } from '../../src/lib/server/api';
import { LOCAL_ADMIN } from '../../src/lib/server/auth/principal';
import type { PathImportResult } from '../../src/lib/server/ingest/import-path';
import { FIXTURES } from '../helpers/db';
import { ADMIN_ENV } from '../helpers/api';

// The workbook: test/fixtures/excel/README.md (sheets "Tickets" and "April").
const XLSX = join(FIXTURES, 'excel', 'freshdesk', 'tickets_export_2026_04_01.xlsx');

describe('POST /api/v1/imports with an Excel file', () => {
	let dir: string;
	let db: Database;
	let api: ReturnType<typeof createApi>;
	// An admin through the API, with the fixtures as the import root.
	const post = (body: FormData | string) =>
		api.request(
			'/api/v1/imports',
			{
				method: 'POST',
				body,
				...(typeof body === 'string' ? { headers: { 'content-type': 'application/json' } } : {})
			},
			ADMIN_ENV
		);

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'deskpulse-excel-api-test-'));
		process.env.DESKPULSE_IMPORT_ROOT = FIXTURES;
		db = await Database.open(join(dir, 'deskpulse.duckdb'));
		api = createApi({ db: async () => db, assume: LOCAL_ADMIN });
	});
	afterAll(async () => {
		delete process.env.DESKPULSE_IMPORT_ROOT;
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('imports the sheet named by the multipart field "sheet", under the upload\'s name', async () => {
		const body = new FormData();
		body.append('timezone', 'Europe/Berlin');
		body.append('sheet', 'April');
		body.append('file', new File([readFileSync(XLSX)], 'tickets.xlsx'));
		const res = await post(body);
		expect(res.status).toBe(200);
		const result = (await res.json()) as PathImportResult;
		expect(result.adapter.id).toBe('freshdesk-csv');
		expect(result.files[0]).toMatchObject({ file: 'tickets.xlsx', status: 'ok', rowsRead: 2, rowsAccepted: 1, rowsRejected: 1 });
	});

	it('takes "sheet" in a JSON body, and answers 400 naming the sheets when it is absent', async () => {
		const ok = await post(JSON.stringify({ path: 'excel/freshdesk/tickets_export_2026_04_01.xlsx', timezone: 'Europe/Berlin', sheet: 'Tickets' }));
		expect(ok.status).toBe(200);
		expect(((await ok.json()) as PathImportResult).files[0]).toMatchObject({ file: 'tickets_export_2026_04_01.xlsx', rowsRead: 6 });

		const missing = await post(JSON.stringify({ path: XLSX, timezone: 'Europe/Berlin', sheet: 'May' }));
		// Named absolute (inside the root) or relative to the root: the answer names the file alone.
		expect(missing.status).toBe(400);
		expect(await missing.json()).toEqual({ error: { message: 'tickets_export_2026_04_01.xlsx: has no sheet "May": its sheets are "Tickets", "April"' } });
	});
});
