import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/lib/server/db/database';
import { createApi } from '../../src/lib/server/api';
import { claimOwnership, findRunningServer, ownerFile } from '../../src/lib/server/db/owner';

// The CLI finds the server that holds its database by the secret in the owner file beside
// it (0600), which the server checks; /health says only that the server is up, and which
// version: no database path, no process id.
describe('the owner check and the health answer', () => {
	let dir: string;
	let db: Database;
	let api: ReturnType<typeof createApi>;
	let server: Server;
	let url = '';
	const check = (secret?: string) => api.request('/api/v1/owner-check', secret === undefined ? {} : { headers: { 'x-deskpulse-owner': secret } });

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'deskpulse-owner-'));
		db = await Database.open(join(dir, 'deskpulse.duckdb'));
		api = createApi({ db: async () => db });
		// The API over real HTTP, as the built server serves it, for findRunningServer.
		server = createServer(async (req, res) => {
			const answer = await api.request(req.url ?? '/', { method: req.method, headers: req.headers as Record<string, string> });
			res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' }).end(await answer.text());
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await new Promise<void>((r) => server.close(() => r()));
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('answers health with ok and the version only', async () => {
		const version = (JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
		const res = await api.request('/api/v1/health');
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true, version });
	});

	it('says no to every secret before the server claimed a database', async () => {
		expect((await check('0'.repeat(64))).status).toBe(401);
		expect((await check()).status).toBe(401);
	});

	it('writes the owner file readable by its owner only, with a 64-digit secret and no database path', async () => {
		claimOwnership(db.path, url);
		const file = ownerFile(db.path);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		const record = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
		expect(Object.keys(record).sort()).toEqual(['pid', 'secret', 'started_at', 'url']);
		expect(record).toMatchObject({ pid: process.pid, url });
		expect(record.secret).toMatch(/^[0-9a-f]{64}$/);
	});

	it('answers 200 to the right secret and 401 to a wrong, a short or a missing one', async () => {
		const secret = (JSON.parse(readFileSync(ownerFile(db.path), 'utf8')) as { secret: string }).secret;
		const right = await check(secret);
		expect(right.status).toBe(200);
		expect(await right.json()).toEqual({ ok: true });
		const wrong = secret.slice(0, 63) + (secret.endsWith('0') ? '1' : '0');
		for (const other of [wrong, secret.slice(0, 32), '', undefined]) {
			const res = await check(other);
			expect(res.status, String(other)).toBe(401);
			expect(await res.text()).not.toContain(secret);
		}
	});

	it('lets the CLI find the server by its secret, and not by a stale or forged record', async () => {
		const file = ownerFile(db.path);
		const record = JSON.parse(readFileSync(file, 'utf8')) as { secret: string; pid: number };
		expect(await findRunningServer(db.path)).toEqual({ url, ownerSecret: record.secret });
		// Another secret (a record of an earlier server, whose port this one now holds).
		writeFileSync(file, JSON.stringify({ ...record, secret: 'ab'.repeat(32) }));
		expect(await findRunningServer(db.path)).toBeNull();
		// A record whose process is gone.
		writeFileSync(file, JSON.stringify({ ...record, pid: 2 ** 22 + 1 }));
		expect(await findRunningServer(db.path)).toBeNull();
		writeFileSync(file, JSON.stringify(record));
		expect(await findRunningServer(db.path)).toEqual({ url, ownerSecret: record.secret });
	});
});
