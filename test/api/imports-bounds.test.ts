import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/lib/server/db/database';
import { createApi } from '../../src/lib/server/api';
import { CLI_ADMIN, LOCAL_ADMIN } from '../../src/lib/server/auth/principal';
import type { PathImportResult } from '../../src/lib/server/ingest/import-path';

// Work a request can ask for stays bounded: no read that never ends or blocks, no body
// buffered whole, and one bad entry of a folder does not stop the rest. These requests come
// from the CLI (the owner secret), which may name any path: the bounds hold for it too.
describe('POST /api/v1/imports within bounds', () => {
	let dir: string;
	let db: Database;
	let api: ReturnType<typeof createApi>;
	const post = (body: unknown) =>
		api.request('/api/v1/imports', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: typeof body === 'string' ? body : JSON.stringify(body)
		});

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'deskpulse-bounds-'));
		db = await Database.open(join(dir, 'deskpulse.duckdb'));
		api = createApi({ db: async () => db, assume: CLI_ADMIN });
	});
	afterAll(async () => {
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('refuses a device, a pipe or a looping link as the path, at once', async () => {
		const fifo = join(dir, 'pipe.csv');
		execFileSync('mkfifo', [fifo]);
		const loop = join(dir, 'loop.csv');
		symlinkSync(loop, loop);
		for (const [path, message] of [
			['/dev/zero', 'is not a regular file'],
			[fifo, 'is not a regular file'],
			[loop, 'is a symbolic link that loops']
		]) {
			const res = await post({ path, source: 'generic' });
			expect(res.status, path).toBe(400);
			expect(await res.text()).toContain(message);
		}
	});

	it('imports the rest of a folder, naming what it passed over', async () => {
		const folder = join(dir, 'export');
		mkdirSync(folder);
		writeFileSync(join(folder, 'tickets.csv'), 'ticket_id,created_at,status\nb1,2026-03-02T09:00:00Z,open\n');
		symlinkSync(join(folder, 'orgs.csv'), join(folder, 'orgs.csv'));
		symlinkSync('/dev/zero', join(folder, 'zero.csv'));
		execFileSync('mkfifo', [join(folder, 'fifo.csv')]);
		const res = await post({ path: folder, source: 'generic', label: 'bounds' });
		expect(res.status).toBe(200);
		const result = (await res.json()) as PathImportResult;
		expect(result.files.map((f) => [f.file, f.status, f.rowsAccepted])).toEqual([['tickets.csv', 'ok', 1]]);
		expect(result.ignored).toEqual(['fifo.csv (not a regular file)', 'orgs.csv (a symbolic link that loops)', 'zero.csv (not a regular file)']);
	});

	it('refuses a JSON body over 1 MB without reading it whole', async () => {
		const res = await post({ path: join(dir, 'x'), padding: 'x'.repeat(1024 * 1024) });
		expect(res.status).toBe(413);
		expect(await res.text()).toContain('a JSON body is at most 1 MB');
	});
});

describe('numeric query parameters at their edges', () => {
	it('answer 400 with the range, never 500', async () => {
		const db = await Database.open(':memory:');
		const api = createApi({ db: async () => db, assume: LOCAL_ADMIN });
		try {
			for (const [url, message] of [
				['/api/v1/imports?limit=-5', 'limit must be a whole number from 1 to 1000, got "-5"'],
				['/api/v1/imports?limit=1e309', 'limit must be a whole number from 1 to 1000, got "1e309"'],
				['/api/v1/tickets?metric=tickets_created&grain=week&period_start=2026-03-02&offset=99999999999999999999', 'offset must be a whole number from 0 to 2000000000']
			]) {
				const res = await api.request(url);
				expect(res.status, url).toBe(400);
				expect(((await res.json()) as { error: { message: string } }).error.message, url).toContain(message);
			}
		} finally {
			await db.close();
		}
	});
});
