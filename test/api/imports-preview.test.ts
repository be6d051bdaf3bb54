import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { prunePreviews } from '../../src/lib/server/ingest/previews';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/lib/server/db/database';
import { createApi } from '../../src/lib/server/api';
import { LOCAL_ADMIN } from '../../src/lib/server/auth/principal';
import type { PathImportResult } from '../../src/lib/server/ingest/import-path';

// Three tickets: a custom status the built-in map does not know, a solve stamped two minutes
// before creation (kept, moved to the creation time), and a plain one.
const TICKETS = [
	'ticket_id,created_at,status,solved_at',
	'p1,2026-03-02T09:00:00Z,Waiting on Acme,',
	'p2,2026-03-02T10:00:00Z,solved,2026-03-02T09:58:00Z',
	'p3,2026-03-03T10:00:00Z,open,'
].join('\n');

const count = async (db: Database, table: string) => (await db.query<{ n: number }>(`select count(*)::integer as n from ${table}`))[0].n;

describe('POST /api/v1/imports: preview, value maps and confirm', () => {
	let dir: string;
	let db: Database;
	let api: ReturnType<typeof createApi>;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'deskpulse-preview-test-'));
		db = await Database.open(join(dir, 'deskpulse.duckdb'));
		api = createApi({ db: async () => db, assume: LOCAL_ADMIN });
	});
	afterAll(async () => {
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	let upload = '';

	it('previews an upload with dry_run: the whole summary, nothing written', async () => {
		const body = new FormData();
		body.append('dry_run', 'true');
		body.append('file', new File([TICKETS], 'tickets.csv', { type: 'text/csv' }));
		const res = await api.request('/api/v1/imports', { method: 'POST', body });
		expect(res.status).toBe(200);
		const result = (await res.json()) as PathImportResult & { upload: string };
		expect(result.dryRun).toBe(true);
		expect(result.upload).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{8}$/);
		upload = result.upload;
		const [file] = result.files;
		expect(file).toMatchObject({ runId: 0, rowsRead: 3, rowsAccepted: 3, rowsAdjusted: 1, rowsRejected: 0 });
		expect(file.adjustmentReasons).toEqual([{ reason: 'solved_at is before created_at by at most 5 min (rounding): moved to created_at', rows: 1 }]);
		// "Waiting on Acme" waits on the team, not the customer: open by the default rule.
		expect(file.valueMappings).toEqual([{ field: 'status', from: 'Waiting on Acme', to: 'open', rule: 'default rule', rows: 1 }]);
		expect(await count(db, 'raw_generic_tickets')).toBe(0);
		expect(await count(db, 'import_runs')).toBe(0);
		expect(await count(db, 'import_adjustments')).toBe(0);
		expect(existsSync(join(dir, 'uploads', upload, '.preview'))).toBe(true);
	});

	it('imports the previewed upload with the maps the user set, by name of the kept folder', async () => {
		const res = await api.request('/api/v1/imports', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ upload, map: 'status=Waiting on Acme=on_hold' })
		});
		expect(res.status).toBe(200);
		const result = (await res.json()) as PathImportResult;
		expect(result.dryRun).toBe(false);
		const [file] = result.files;
		expect(file.runId).toBeGreaterThan(0);
		// Confirmed: the upload's files are imported, so they are removed.
		expect(existsSync(join(dir, 'uploads', upload))).toBe(false);
		expect(file.valueMappings).toEqual([{ field: 'status', from: 'Waiting on Acme', to: 'on_hold', rule: 'your map', rows: 1 }]);
		expect(await db.query(`select ticket_id, status, solved_at from raw_generic_tickets order by 1`)).toEqual([
			{ ticket_id: 'p1', status: 'on_hold', solved_at: null },
			{ ticket_id: 'p2', status: 'solved', solved_at: '2026-03-02T10:00:00.000Z' },
			{ ticket_id: 'p3', status: 'open', solved_at: null }
		]);

		// The run says what it kept with adjustments, and serves them as CSV.
		const detail = (await (await api.request(`/api/v1/imports/${file.runId}`)).json()) as Record<string, unknown>;
		expect(detail.run).toMatchObject({ rows_read: 3, rows_accepted: 3, rows_rejected: 0, rows_adjusted: 1 });
		expect(detail.adjustment_reasons).toEqual([{ reason: 'solved_at is before created_at by at most 5 min (rounding): moved to created_at', rows: 1 }]);
		expect(detail.adjustments).toEqual([
			{ line: 3, column_name: 'solved_at', value: '2026-03-02T09:58:00Z', adjusted_to: '2026-03-02 10:00:00 UTC', rule: 'is before created_at by at most 5 min (rounding): moved to created_at' }
		]);
		const csv = await (await api.request(`/api/v1/imports/${file.runId}/adjustments.csv`)).text();
		expect(csv.trimEnd().split('\r\n')).toEqual([
			'line,column,value,adjusted_to,rule',
			'3,solved_at,2026-03-02T09:58:00Z,2026-03-02 10:00:00 UTC,is before created_at by at most 5 min (rounding): moved to created_at'
		]);
	});

	it('previews again from a new upload', async () => {
		const body = new FormData();
		body.append('dry_run', 'true');
		body.append('file', new File([TICKETS], 'tickets.csv', { type: 'text/csv' }));
		const res = await api.request('/api/v1/imports', { method: 'POST', body });
		upload = ((await res.json()) as { upload: string }).upload;
		expect(existsSync(join(dir, 'uploads', upload, '.preview'))).toBe(true);
	});

	it('takes maps as {field, from, to} too, a value holding ; or = as it is', async () => {
		const res = await api.request('/api/v1/imports', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ upload, dry_run: true, map: [{ field: 'status', from: 'Waiting on Acme', to: 'pending' }, { field: 'priority', from: 'a;b=c', to: 'P2' }] })
		});
		expect(res.status).toBe(200);
		const result = (await res.json()) as PathImportResult;
		expect(result.files[0].valueMappings).toEqual([{ field: 'status', from: 'Waiting on Acme', to: 'pending', rule: 'your map', rows: 1 }]);
	});

	it('refuses a map it cannot read, and an upload name that is not a kept folder', async () => {
		const bad = async (body: unknown) =>
			api.request('/api/v1/imports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		const map = await bad({ upload, map: 'status=Waiting on Acme=later' });
		expect(map.status).toBe(400);
		expect(await map.text()).toContain('status can be mapped to new, open, pending, on_hold, solved, closed, not \\"later\\"');
		expect((await bad({ upload, map: [{ field: 'priority', from: 'x', to: 'soon' }] })).status).toBe(400);
		expect((await bad({ upload: '../../etc' })).status).toBe(400);
		expect((await bad({ upload: '20260101T000000Z-00000000' })).status).toBe(404);
	});
});

describe('previews nobody confirmed', () => {
	it('are removed after a day; imported uploads and fresh previews stay', () => {
		const root = mkdtempSync(join(tmpdir(), 'deskpulse-previews-'));
		const folder = (name: string, markAgeHours: number | null) => {
			mkdirSync(join(root, name));
			writeFileSync(join(root, name, 'tickets.csv'), 'x');
			if (markAgeHours === null) return;
			writeFileSync(join(root, name, '.preview'), '');
			const at = (Date.now() - markAgeHours * 3600_000) / 1000;
			utimesSync(join(root, name, '.preview'), at, at);
		};
		folder('imported', null);
		folder('fresh', 2);
		folder('stale', 25);
		prunePreviews(root);
		expect(existsSync(join(root, 'imported'))).toBe(true);
		expect(existsSync(join(root, 'fresh'))).toBe(true);
		expect(existsSync(join(root, 'stale'))).toBe(false);
		rmSync(root, { recursive: true, force: true });
	});
});
