import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/lib/server/db/database';
import { createApi } from '../../src/lib/server/api';
import { CLI_ADMIN } from '../../src/lib/server/auth/principal';

// The CLI asks the server for NDJSON: progress lines while the import runs, then its result,
// so a long forwarded import shows where it is and never waits on one silent response. It
// comes as the CLI (its owner secret resolved by hooks.server.ts).
describe('POST /api/v1/imports streamed as NDJSON', () => {
	let dir: string;
	let db: Database;
	let api: ReturnType<typeof createApi>;
	const post = (body: unknown, accept = 'application/x-ndjson') =>
		api.request('/api/v1/imports', { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) });
	const lines = async (res: Response) =>
		(await res.text())
			.split('\n')
			.filter((l) => l.trim())
			.map((l) => JSON.parse(l) as { progress?: { phase: string }; result?: { files: Array<{ rowsAccepted: number; support: string[] }> }; error?: { status: number; message: string } });

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'deskpulse-stream-'));
		db = await Database.open(join(dir, 'deskpulse.duckdb'));
		api = createApi({ db: async () => db, assume: CLI_ADMIN });
	});
	afterAll(async () => {
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('streams progress lines, then the result', async () => {
		const folder = mkdtempSync(join(dir, 'export-'));
		writeFileSync(join(folder, 'tickets.csv'), 'ticket_id,created_at,status\nt1,2026-03-02T09:00:00Z,open\nt2,2026-03-02T10:00:00Z,open\n');
		const res = await post({ path: folder, source: 'generic' });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('application/x-ndjson');
		const got = await lines(res);
		const phases = got.filter((l) => l.progress).map((l) => l.progress!.phase);
		expect(phases).toContain('reading');
		expect(phases).toContain('modelling');
		expect(got.at(-1)!.result!.files[0].rowsAccepted).toBe(2);
	});

	it('streams a refused export as an error line with its status', async () => {
		const res = await post({ path: join(dir, 'no-such-folder'), source: 'generic' });
		const got = await lines(res);
		expect(got.at(-1)!.error!.status).toBe(400);
		expect(got.at(-1)!.error!.message).toContain('no-such-folder');
	});

	it('reads the files in the encoding the request declares', async () => {
		const folder = mkdtempSync(join(dir, 'export-'));
		// UTF-16 without a byte-order mark: its bytes (NULs between the letters) are valid UTF-8,
		// so only the declaration tells how to read it.
		writeFileSync(join(folder, 'tickets.csv'), Buffer.from('ticket_id,created_at,status,subject\nt9,2026-03-02T09:00:00Z,open,Müller € refund\n', 'utf16le'));
		const res = await post({ path: folder, source: 'generic', label: 'declared', encoding: 'utf-16le' }, 'application/json');
		expect(res.status).toBe(200);
		const rows = await db.query<{ subject: string }>(`select subject from raw_generic_tickets where source = 'declared'`);
		expect(rows).toEqual([{ subject: 'Müller € refund' }]);
	});

	it('refuses an encoding it does not know, naming the ones it does', async () => {
		const res = await post({ path: dir, source: 'generic', encoding: 'ebcdic' }, 'application/json');
		expect(res.status).toBe(400);
		expect((await res.json()).error.message).toBe('encoding must be utf-8, utf-16le, utf-16be, windows-1252 or latin-1, got "ebcdic"');
	});
});
