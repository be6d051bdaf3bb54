import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/lib/server/db/database';
import { FIXTURES } from '../helpers/db';
import { createApi } from '../../src/lib/server/api';
import { LOCAL_ADMIN } from '../../src/lib/server/auth/principal';
import { safeFileName } from '../../src/lib/server/ingest/upload';
import type { PathImportResult } from '../../src/lib/server/ingest/import-path';

const HEADER = 'ticket_id,created_at,status,channel,priority,subject';
// Line 4 (the header is line 1) has a creation time that is no time: it is quarantined.
const TICKETS = [
	HEADER,
	'u1,2026-03-02T09:00:00Z,solved,email,P3,Cannot export invoices',
	'u2,2026-03-03T10:00:00Z,open,chat,P2,SSO login loops',
	'u3,yesterday,open,web,P3,=HYPERLINK("x")',
	'u4,2026-03-05T10:00:00Z,pending,email,P4,Renewal quote'
].join('\n');

function form(parts: Array<[string, string | File]>): FormData {
	const body = new FormData();
	for (const [name, value] of parts) body.append(name, value);
	return body;
}

describe('POST /api/v1/imports with an upload', () => {
	let dir: string;
	let uploads: string;
	let db: Database;
	let api: ReturnType<typeof createApi>;
	const post = (body: FormData) => api.request('/api/v1/imports', { method: 'POST', body });
	const folders = () => (existsSync(uploads) ? readdirSync(uploads) : []);

	beforeAll(async () => {
		// A database file, so uploads land beside it as they do on a server.
		dir = mkdtempSync(join(tmpdir(), 'deskpulse-upload-test-'));
		uploads = join(dir, 'uploads');
		db = await Database.open(join(dir, 'deskpulse.duckdb'));
		api = createApi({ db: async () => db, assume: LOCAL_ADMIN });
	});
	afterEach(() => vi.unstubAllEnvs());
	afterAll(async () => {
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	let runId = 0;

	it('streams a generic tickets.csv to its own folder and imports it', async () => {
		// Kept on request, to compare the stored bytes (the next test sees them removed by default).
		vi.stubEnv('DESKPULSE_KEEP_UPLOADS', '1');
		const res = await post(form([['source', 'auto'], ['label', 'upload-test'], ['file', new File([TICKETS], 'tickets.csv', { type: 'text/csv' })]]));
		expect(res.status).toBe(200);
		const result = (await res.json()) as PathImportResult;
		expect(result.adapter.id).toBe('generic');
		expect(result.source).toBe('upload-test');
		expect(result.timezone).toBe('UTC');
		expect(result.files).toHaveLength(1);
		const [file] = result.files;
		expect(file).toMatchObject({ file: 'tickets.csv', status: 'ok', rowsRead: 4, rowsAccepted: 3, rowsRejected: 1 });
		expect(file.rejects).toEqual([{ line: 4, column: 'created_at', reason: expect.stringContaining('yesterday') }]);
		runId = file.runId;

		// The file is kept, under uploads/<timestamp>-<random>/, byte for byte.
		const [folder] = folders();
		expect(folder).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{8}$/);
		expect(readFileSync(join(uploads, folder, 'tickets.csv'), 'utf8')).toBe(TICKETS);
		// The answer names the file in the upload, never the server's folder; the run, by the
		// upload's folder name.
		expect(file.path).toBe('tickets.csv');

		const run = (await (await api.request(`/api/v1/imports/${runId}`)).json()) as { run: Record<string, unknown> };
		expect(run.run).toMatchObject({ source: 'upload-test', rows_read: 4, rows_accepted: 3, rows_rejected: 1, status: 'ok', file_path: `${folder}/tickets.csv` });
	});

	it('removes an imported upload unless DESKPULSE_KEEP_UPLOADS=1 asks to keep it', async () => {
		const before = folders();
		const res = await post(form([['label', 'upload-gone'], ['file', new File([TICKETS], 'tickets.csv', { type: 'text/csv' })]]));
		expect(res.status).toBe(200);
		expect(folders()).toEqual(before);
	});

	it('serves every quarantined row of a run as CSV, with the record and formula-escaped cells', async () => {
		const res = await api.request(`/api/v1/imports/${runId}/rejects.csv`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('text/csv');
		expect(res.headers.get('content-disposition')).toBe(`attachment; filename="deskpulse-run-${runId}-rejects-tickets.csv.csv"`);
		const lines = (await res.text()).trimEnd().split('\r\n');
		expect(lines).toHaveLength(2);
		const [head, row] = lines;
		expect(head.split(',').slice(0, 3)).toEqual(['line', 'column', 'reason']);
		expect(head.split(',').slice(3).sort()).toEqual(HEADER.split(',').sort());
		expect(row).toMatch(/^4,created_at,/);
		expect(row).toContain('yesterday');
		// The subject would run as a formula in a spreadsheet: it is written as text.
		expect(row).toContain(`"'=HYPERLINK(""x"")"`);
		expect((await api.request('/api/v1/imports/99999/rejects.csv')).status).toBe(404);
		expect((await api.request('/api/v1/imports/abc/rejects.csv')).status).toBe(400);
	});

	it('refuses an upload over DESKPULSE_UPLOAD_MAX_MB with a 413 and keeps nothing of it', async () => {
		vi.stubEnv('DESKPULSE_UPLOAD_MAX_MB', '0.05');
		const before = folders();
		const runsBefore = ((await (await api.request('/api/v1/imports')).json()) as { runs: unknown[] }).runs.length;
		const big = HEADER + '\n' + Array.from({ length: 3000 }, (_, i) => `b${i},2026-03-02T09:00:00Z,open,email,P3,Subject ${i}`).join('\n');
		expect(big.length).toBeGreaterThan(0.05 * 1024 * 1024);
		const res = await post(form([['file', new File([big], 'tickets.csv')]]));
		expect(res.status).toBe(413);
		expect(((await res.json()) as { error: { message: string } }).error.message).toContain('DESKPULSE_UPLOAD_MAX_MB');
		expect(folders()).toEqual(before);
		const runs = (await (await api.request('/api/v1/imports')).json()) as { runs: unknown[] };
		expect(runs.runs).toHaveLength(runsBefore);
	});

	it('answers a part it does not know, a missing file or a bad field with a 400 and keeps nothing', async () => {
		const before = folders();
		const cases: Array<[FormData, string]> = [
			[form([['upload', new File([TICKETS], 'tickets.csv')]]), 'unexpected file part "upload"'],
			[form([['label', 'x']]), 'no "file" part'],
			[form([['file', 'tickets.csv']]), 'must be a file'],
			[form([['colour', 'blue'], ['file', new File([TICKETS], 'tickets.csv')]]), 'unexpected part "colour"'],
			[form([['source', 'excel'], ['file', new File([TICKETS], 'tickets.csv')]]), 'source must be one of'],
			[form([['label', 'no spaces'], ['file', new File([TICKETS], 'tickets.csv')]]), 'label takes'],
			[form([['file', new File([TICKETS], 'tickets.csv')], ['file', new File([TICKETS], 'tickets.csv')]]), 'two files are named'],
			// Read but not recognised: the import's own 400, and the folder goes too.
			[form([['file', new File(['a,b\n1,2\n'], 'notes.csv')]]), 'no known export format']
		];
		for (const [body, message] of cases) {
			const res = await post(body);
			expect(res.status, message).toBe(400);
			const text = ((await res.json()) as { error: { message: string } }).error.message;
			expect(text).toContain(message);
			expect(text).not.toContain(dir);
		}
		expect(folders()).toEqual(before);
		const notMultipart = await api.request('/api/v1/imports', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } });
		expect(notMultipart.status).toBe(400);
	});

	it('keeps only the last segment of a file name, without leading dots', async () => {
		expect(safeFileName('../../etc/tickets.csv')).toBe('tickets.csv');
		expect(safeFileName('C:\\exports\\..\\.tickets.csv')).toBe('tickets.csv');
		expect(safeFileName('...')).toBeNull();
		expect(safeFileName('a\u0000b.csv')).toBe('a_b.csv');
		const res = await post(form([['label', 'upload-test'], ['file', new File([TICKETS], '../nested/.tickets.csv')]]));
		expect(res.status).toBe(200);
		const result = (await res.json()) as PathImportResult;
		expect(result.files[0].file).toBe('tickets.csv');
		// Same file, same label: the re-import changes nothing but is recorded.
		expect(result.files[0]).toMatchObject({ rowsAccepted: 3, rowsRejected: 1 });
	});

	it("names the form's field, not the command line's option, when an upload needs a setting", async () => {
		// A Zendesk CSV export's times carry no offset: the account's zone must be given.
		const zendesk = readFileSync(join(FIXTURES, 'zendesk-csv', 'export_2026_03_16_abc123.csv'));
		const res = await post(form([['source', 'auto'], ['file', new File([zendesk], 'export_2026_03_16_abc123.csv', { type: 'text/csv' })]]));
		expect(res.status).toBe(400);
		const message = ((await res.json()) as { error: { message: string } }).error.message;
		expect(message).toContain('choose, in the field "Time zone of times without an offset", the account\'s zone');
		expect(message).not.toContain('--timezone');
	});
});
