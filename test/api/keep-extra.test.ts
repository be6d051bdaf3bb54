import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/lib/server/db/database';
import { createApi } from '../../src/lib/server/api';
import type { PathImportResult } from '../../src/lib/server/ingest/import-path';
import type { Principal } from '../../src/lib/roles';
import { tempFolder } from '../helpers/db';
import { cli } from '../helpers/cli';

// Columns deskpulse does not read (here requester_email and requester_name) are listed and
// dropped; an admin may keep them (keep_extra), as the CLI may (--keep-extra).
const TICKETS = [
	'ticket_id,created_at,status,requester_id,requester_email,requester_name',
	'k1,2026-03-02T09:00:00Z,open,u-1,ann@example.com,Ann Archer',
	'k2,2026-03-03T09:00:00Z,open,u-2,,Bob Baker'
].join('\n');
const ORGS = ['org_id,name,plan,domain,phone', 'o1,Acme Corp,enterprise,acme.com,555-0100'].join('\n');

const as = (role: Principal['role']): Principal => ({ kind: 'user', id: '1', name: `${role}@example.com`, role });

describe('keep_extra', () => {
	let dir: string;
	let db: Database;
	let api: ReturnType<typeof createApi>;
	const folder = tempFolder({ 'tickets.csv': TICKETS, 'orgs.csv': ORGS });
	const post = (body: unknown, principal: Principal | null) =>
		api.request('/api/v1/imports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, { principal });
	const extras = () => db.query(`select ticket_id, extra from raw_generic_tickets order by ticket_id`);

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'deskpulse-keep-extra-'));
		db = await Database.open(join(dir, 'deskpulse.duckdb'));
		api = createApi({ db: async () => db });
		// An admin imports by server path inside the import root.
		process.env.DESKPULSE_IMPORT_ROOT = folder;
	});
	afterAll(async () => {
		delete process.env.DESKPULSE_IMPORT_ROOT;
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('drops the unread columns by default, listing them, and keeps the org domain the models read', async () => {
		const res = await post({ path: folder, source: 'generic' }, as('admin'));
		expect(res.status).toBe(200);
		const result = (await res.json()) as PathImportResult;
		const byEntity = Object.fromEntries(result.files.map((f) => [f.entity, [f.extraColumns, f.extraKept]]));
		expect(byEntity).toEqual({ orgs: [['domain', 'phone'], false], tickets: [['requester_email', 'requester_name'], false] });
		expect(await extras()).toEqual([
			{ ticket_id: 'k1', extra: null },
			{ ticket_id: 'k2', extra: null }
		]);
		// The domain is read (stg_generic_orgs): kept; the phone is not.
		const [org] = await db.query(`select extra, (select domain from dim_orgs) as domain from raw_generic_orgs`);
		expect([JSON.parse(org.extra as string), org.domain]).toEqual([{ domain: 'acme.com' }, 'acme.com']);
	});

	it('re-importing the same file changes nothing', async () => {
		const result = (await (await post({ path: folder, source: 'generic' }, as('admin'))).json()) as PathImportResult;
		expect(result.files.map((f) => [f.entity, f.rowsNew, f.rowsChanged])).toEqual([
			['orgs', 0, 0],
			['tickets', 0, 0]
		]);
	});

	it('refuses keep_extra to anyone but an admin (importing at all is an admin\'s), in JSON and in an upload', async () => {
		for (const principal of [null, as('viewer'), as('analyst')]) {
			const res = await post({ path: folder, source: 'generic', keep_extra: true }, principal);
			expect(res.status).toBe(principal ? 403 : 401);
		}
		const body = new FormData();
		body.append('keep_extra', 'true');
		body.append('file', new File([TICKETS], 'tickets.csv', { type: 'text/csv' }));
		const upload = await api.request('/api/v1/imports', { method: 'POST', body }, { principal: as('analyst') });
		expect(upload.status).toBe(403);
		expect(await extras()).toEqual([
			{ ticket_id: 'k1', extra: null },
			{ ticket_id: 'k2', extra: null }
		]);
	});

	it("keeps them for an admin, as each row's extra", async () => {
		const res = await post({ path: folder, source: 'generic', keep_extra: true }, as('admin'));
		expect(res.status).toBe(200);
		const result = (await res.json()) as PathImportResult;
		expect(result.files.map((f) => [f.entity, f.extraKept, f.rowsChanged])).toEqual([
			['orgs', true, 1],
			['tickets', true, 2]
		]);
		expect((await extras()).map((r) => JSON.parse(r.extra as string))).toEqual([
			{ requester_email: 'ann@example.com', requester_name: 'Ann Archer' },
			{ requester_email: null, requester_name: 'Bob Baker' }
		]);
	});
});

describe('deskpulse import --keep-extra', () => {
	it('says which columns it dropped, or kept', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'deskpulse-keep-extra-cli-'));
		try {
			const folder = tempFolder({ 'tickets.csv': TICKETS });
			const dropped = await cli(['import', folder, '--db', join(dir, 'a.duckdb')]);
			expect(dropped.status).toBe(0);
			expect(dropped.stdout).toContain('  fields not read, not kept (--keep-extra keeps them): requester_email, requester_name\n');
			const kept = await cli(['import', folder, '--keep-extra', '--db', join(dir, 'a.duckdb')]);
			expect(kept.stdout).toContain('  fields not read, kept in "extra" (--keep-extra): requester_email, requester_name\n');
			expect(kept.stdout).toContain('  0 new, 2 changed, 0 as they were\n');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
