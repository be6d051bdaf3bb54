import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/lib/server/db/database';
import { createApi } from '../../src/lib/server/api';
import { LOCAL_ADMIN } from '../../src/lib/server/auth/principal';
import type { Principal } from '../../src/lib/roles';
import type { PathImportResult } from '../../src/lib/server/ingest/import-path';
import { ADMIN_ENV, CLI_ENV } from '../helpers/api';

// Server paths an API caller names stay inside DESKPULSE_IMPORT_ROOT, checked on real paths;
// the CLI (owner secret) may name any path; no answer carries a file's content or an
// absolute server path. The layout (base is a new temporary folder):
//   base/root/q2/tickets.csv           a generic export, 2 tickets
//   base/root/q2/api-keys.txt          a file beside it no reader reads
//   base/root/q2/leak.csv -> base/outside/secret.csv
//   base/root/only-keys/api-keys.txt   a folder of nothing importable
//   base/root/out-file -> base/outside/secret.csv, out-dir -> base/outside, gone -> base/outside/none.csv
//   base/root/pipe.csv                 a FIFO; base/root/notes.txt (not a mapping)
//   base/outside/secret.csv, base/outside/export/tickets.csv
const TICKETS = 'ticket_id,created_at,status\nc1,2026-03-02T09:00:00Z,open\nc2,2026-03-03T09:00:00Z,solved\n';
const SECRET = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';

describe('POST /api/v1/imports by server path', () => {
	let base: string;
	let root: string;
	let db: Database;
	let api: ReturnType<typeof createApi>;
	const post = (body: unknown, env: { principal?: Principal | null } = ADMIN_ENV, headers: Record<string, string> = {}) =>
		api.request('/api/v1/imports', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }, env);
	/** The answer's text, checked to hold neither the secret nor the temporary folder's path. */
	const clean = async (res: Response) => {
		const text = await res.text();
		expect(text).not.toContain(SECRET);
		expect(text).not.toContain(base);
		expect(text).not.toContain(realpathSync(base));
		return text;
	};

	beforeAll(async () => {
		base = mkdtempSync(join(tmpdir(), 'deskpulse-confined-'));
		root = join(base, 'root');
		const outside = join(base, 'outside');
		mkdirSync(join(root, 'q2'), { recursive: true });
		mkdirSync(join(root, 'only-keys'));
		mkdirSync(join(outside, 'export'), { recursive: true });
		writeFileSync(join(outside, 'secret.csv'), `key\n${SECRET}\n`);
		writeFileSync(join(outside, 'export', 'tickets.csv'), TICKETS.replace(/c(\d)/g, 'x$1'));
		writeFileSync(join(root, 'q2', 'tickets.csv'), TICKETS);
		writeFileSync(join(root, 'q2', 'api-keys.txt'), `key=${SECRET}\n`);
		writeFileSync(join(root, 'only-keys', 'api-keys.txt'), `key=${SECRET}\n`);
		writeFileSync(join(root, 'notes.txt'), `key=${SECRET}\n`);
		symlinkSync(join(outside, 'secret.csv'), join(root, 'q2', 'leak.csv'));
		symlinkSync(join(outside, 'secret.csv'), join(root, 'out-file'));
		symlinkSync(outside, join(root, 'out-dir'));
		symlinkSync(join(outside, 'none.csv'), join(root, 'gone'));
		execFileSync('mkfifo', [join(root, 'pipe.csv')]);
		db = await Database.open(join(base, 'db', 'deskpulse.duckdb'));
		api = createApi({ db: async () => db, assume: LOCAL_ADMIN });
	});
	afterAll(async () => {
		await db.close();
		rmSync(base, { recursive: true, force: true });
	});
	afterEach(() => {
		delete process.env.DESKPULSE_IMPORT_ROOT;
	});

	it('is off without DESKPULSE_IMPORT_ROOT, saying how to turn it on', async () => {
		const res = await post({ path: join(root, 'q2'), source: 'generic' });
		expect(res.status).toBe(403);
		expect(await clean(res)).toContain('set DESKPULSE_IMPORT_ROOT to the folder exports are put in');
	});

	it('needs an admin: no caller gets 401, a viewer or analyst 403', async () => {
		process.env.DESKPULSE_IMPORT_ROOT = root;
		expect((await post({ path: 'q2' }, { principal: null })).status).toBe(401);
		for (const role of ['viewer', 'analyst'] as const) {
			const res = await post({ path: 'q2' }, { principal: { kind: 'token', id: 't1', name: 'ci', role } });
			expect(res.status).toBe(403);
			// Importing at all is an admin's (uploads too): refused before the path is looked at.
			expect(await res.json()).toEqual({ error: { message: `this needs the admin role; you have ${role}` } });
		}
		// A wrong owner secret is no CLI: a viewer with one is still refused.
		expect((await post({ path: 'q2' }, { principal: { kind: 'token', id: 't1', name: 'ci', role: 'viewer' } }, { 'x-deskpulse-owner': 'f'.repeat(64) })).status).toBe(403);
		expect(await db.query(`select count(*)::int as n from import_runs`)).toEqual([{ n: 0 }]);
	});

	it('imports a folder named relative to the root; a link out and a file no reader reads are listed by name only', async () => {
		process.env.DESKPULSE_IMPORT_ROOT = root;
		const res = await post({ path: 'q2', source: 'generic', label: 'confined' });
		expect(res.status).toBe(200);
		const result = JSON.parse(await clean(res)) as PathImportResult;
		expect(result.files.map((f) => [f.file, f.path, f.status, f.rowsAccepted])).toEqual([['tickets.csv', 'q2/tickets.csv', 'ok', 2]]);
		expect(result.ignored).toEqual(['api-keys.txt', 'leak.csv (a link that leads out of the import root, or nowhere)']);
		// The run history names the file inside the root, not where the root is.
		const runs = await api.request('/api/v1/imports');
		const listed = JSON.parse(await clean(runs)) as { runs: Array<{ run_id: number; file_name: string; file_path: string }> };
		expect(listed.runs.map((r) => [r.file_name, r.file_path])).toEqual([['tickets.csv', 'q2/tickets.csv']]);
		const one = JSON.parse(await clean(await api.request(`/api/v1/imports/${listed.runs[0].run_id}`))) as { run: { file_path: string } };
		expect(one.run.file_path).toBe('q2/tickets.csv');
	});

	it('takes an absolute path inside the root, and streams progress without the root', async () => {
		process.env.DESKPULSE_IMPORT_ROOT = root;
		const res = await post({ path: join(root, 'q2', 'tickets.csv'), source: 'generic', dry_run: true }, ADMIN_ENV, { accept: 'application/x-ndjson' });
		const lines = (await clean(res)).trim().split('\n').map((l) => JSON.parse(l) as { progress?: { file: string }; result?: PathImportResult });
		expect(lines.filter((l) => l.progress).map((l) => l.progress!.file)).toContain('q2/tickets.csv');
		expect(lines.at(-1)!.result!.files.map((f) => [f.path, f.rowsAccepted])).toEqual([['q2/tickets.csv', 2]]);
	});

	it('refuses .., an absolute path outside and links that lead out, alike whether the target exists', async () => {
		process.env.DESKPULSE_IMPORT_ROOT = root;
		const refusal = async (path: string) => {
			const res = await post({ path, source: 'generic' });
			expect(res.status, path).toBe(403);
			return ((await res.json()) as { error: { message: string } }).error.message;
		};
		expect(await refusal('../outside/secret.csv')).toBe('"../outside/secret.csv" is outside the import root: name a file or folder inside DESKPULSE_IMPORT_ROOT, relative to it');
		expect(await refusal('q2/../../outside')).toContain('is outside the import root');
		// An absolute path is not repeated: the answer never carries one.
		expect(await refusal(join(base, 'outside', 'secret.csv'))).toBe('the path given is outside the import root: name a file or folder inside DESKPULSE_IMPORT_ROOT, relative to it');
		expect(await refusal(join(base, 'outside', 'no-such.csv'))).toBe('the path given is outside the import root: name a file or folder inside DESKPULSE_IMPORT_ROOT, relative to it');
		expect(await refusal(join(root, 'q2', 'no-such.csv'))).toBe(`"q2/no-such.csv${'" is no file or folder inside the import root (a link that leads out of it is not followed)'}`);
		const leadsOut = '" is no file or folder inside the import root (a link that leads out of it is not followed)';
		// A link to a file that exists, to a folder, through a folder link, to nothing, and no such entry at all.
		expect(await refusal('out-file')).toBe(`"out-file${leadsOut}`);
		expect(await refusal('out-dir')).toBe(`"out-dir${leadsOut}`);
		expect(await refusal('out-dir/secret.csv')).toBe(`"out-dir/secret.csv${leadsOut}`);
		expect(await refusal('gone')).toBe(`"gone${leadsOut}`);
		expect(await refusal('no-such-folder')).toBe(`"no-such-folder${leadsOut}`);
	});

	it('refuses a FIFO at once, never opening it, as the path and as the mapping', async () => {
		process.env.DESKPULSE_IMPORT_ROOT = root;
		const started = Date.now();
		const res = await post({ path: 'pipe.csv', source: 'generic' });
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({ error: { message: '"pipe.csv" is not a regular file (a device, pipe or socket cannot be imported)' } });
		const mapped = await post({ path: 'q2', source: 'mapped', mapping: 'pipe.csv' });
		expect(mapped.status).toBe(400);
		expect(Date.now() - started).toBeLessThan(3000);
	});

	it('confines the mapping file too, and never echoes a file that is no mapping', async () => {
		process.env.DESKPULSE_IMPORT_ROOT = root;
		for (const mapping of ['../outside/secret.csv', 'out-file', join(base, 'outside', 'secret.csv')]) {
			const res = await post({ path: 'q2', source: 'mapped', mapping });
			expect(res.status, mapping).toBe(403);
			await clean(res);
		}
		const folder = await post({ path: 'q2', source: 'mapped', mapping: 'q2' });
		expect(folder.status).toBe(400);
		expect(await folder.json()).toEqual({ error: { message: '"q2" is a folder: name the mapping file itself' } });
		const notJson = await post({ path: 'q2', source: 'mapped', mapping: 'notes.txt' });
		expect(notJson.status).toBe(400);
		expect(await clean(notJson)).toContain('notes.txt: is not valid JSON: Unexpected token');
	});

	it('names unrecognised files without their first line', async () => {
		process.env.DESKPULSE_IMPORT_ROOT = root;
		const res = await post({ path: 'only-keys' });
		expect(res.status).toBe(400);
		expect(await clean(res)).toContain('"only-keys: no known export format recognised in api-keys.txt: name one with --source');
	});

	it('refuses a character device: outside the root for an admin, not a regular file for the CLI', async () => {
		process.env.DESKPULSE_IMPORT_ROOT = root;
		expect((await post({ path: '/dev/zero', source: 'generic' })).status).toBe(403);
		const cli = await post({ path: '/dev/null', source: 'generic' }, CLI_ENV);
		expect(cli.status).toBe(400);
		expect(await cli.json()).toEqual({ error: { message: '"/dev/null" is not a regular file (a device, pipe or socket cannot be imported)' } });
	});

	it('lets the CLI (the owner secret) import outside the root, and lists that run by file name only', async () => {
		process.env.DESKPULSE_IMPORT_ROOT = root;
		const res = await post({ path: join(base, 'outside', 'export'), source: 'generic', label: 'cli' }, CLI_ENV);
		expect(res.status).toBe(200);
		const result = (await res.json()) as PathImportResult;
		expect(result.files.map((f) => [f.file, f.rowsAccepted])).toEqual([['tickets.csv', 2]]);
		const listed = JSON.parse(await clean(await api.request('/api/v1/imports'))) as { runs: Array<{ source: string; file_path: string }> };
		expect(listed.runs.filter((r) => r.source === 'cli').map((r) => r.file_path)).toEqual(['tickets.csv']);
	});

	it('keeps an audit entry of each server-path import and refusal, without absolute paths', async () => {
		const rows = await db.query<{ actor: string | null; action: string; subject: string | null; detail: string | null }>(
			`select actor, action, subject, detail from audit_log order by audit_id`
		);
		expect(JSON.stringify(rows)).not.toContain(base);
		expect(rows.filter((r) => r.action === 'import-path').map((r) => [r.actor, r.subject])).toEqual([
			['local', 'q2'],
			['local', 'q2/tickets.csv'],
			['local', 'q2'],
			['local', 'only-keys'],
			['cli', 'export']
		]);
		expect(rows.filter((r) => r.action === 'import-path-refused').length).toBeGreaterThan(10);
	});

	it('shows an upload by its own names, not the folder it was kept in', async () => {
		const body = new FormData();
		body.append('file', new File([TICKETS.replace(/c(\d)/g, 'u$1')], 'tickets.csv'));
		body.append('label', 'uploaded');
		const res = await api.request('/api/v1/imports', { method: 'POST', body });
		expect(res.status).toBe(200);
		const result = JSON.parse(await clean(res)) as PathImportResult;
		expect(result.files.map((f) => [f.file, f.path])).toEqual([['tickets.csv', 'tickets.csv']]);
		const listed = JSON.parse(await clean(await api.request('/api/v1/imports'))) as { runs: Array<{ source: string; file_path: string }> };
		expect(listed.runs.find((r) => r.source === 'uploaded')!.file_path).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{8}\/tickets\.csv$/);
	});
});
