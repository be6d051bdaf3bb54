import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/lib/server/db/database';
import { importPath } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { createApi } from '../../src/lib/server/api';
import { checkErasure, erase, ErasureError, type ErasureResult } from '../../src/lib/server/privacy/erase';
import { eraseFromKeptUploads } from '../../src/lib/server/privacy/kept-uploads';
import type { Principal } from '../../src/lib/roles';
import { failingChecks } from '../helpers/checks';
import { cli } from '../helpers/cli';
import { queueMessage } from '../../src/lib/server/delivery/messages';
import { tempFolder } from '../helpers/db';
import { ANN, peopleFiles, WEEK } from '../helpers/people';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const ADMIN: Principal = { kind: 'user', id: '1', name: 'admin@example.com', role: 'admin' };

/** Every table and view of the database with a row whose text holds `needle` (any column, any case). */
async function tracesOf(db: Database, needle: string): Promise<Record<string, number>> {
	const relations = await db.query<{ name: string }>(
		`select table_name as name from duckdb_tables() where not internal and schema_name = 'main'
		 union all
		 select view_name from duckdb_views() where not internal and schema_name = 'main'`
	);
	const found: Record<string, number> = {};
	for (const { name } of relations) {
		// The whole row as text: every column, JSON and lists included.
		const [{ n }] = await db.query<{ n: number }>(`select count(*)::integer as n from "${name}" as r where cast(r as varchar) ilike $needle`, { needle: `%${needle}%` });
		if (n > 0) found[name] = n;
	}
	return found;
}

const weekly = async (db: Database) => {
	const { rows } = await computeKpis(
		db,
		parseKpiQuery({ grain: 'week', from: WEEK.from, to: WEEK.to, as_of: WEEK.asOf, metrics: 'tickets_created,tickets_solved,self_service_sessions,kb_searches' })
	);
	return rows.map(({ tickets_created, tickets_solved, self_service_sessions, kb_searches }) => ({ tickets_created, tickets_solved, self_service_sessions, kb_searches }));
};

describe('deskpulse erase --requester', () => {
	let dir: string;
	let db: Database;
	let upload: string;
	let result: ErasureResult;
	let before: Awaited<ReturnType<typeof weekly>>;
	let tracesBefore: Record<string, number>;
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'deskpulse-erase-'));
		db = await Database.open(join(dir, 'deskpulse.duckdb'));
		// Everything kept: the unread columns (Ann's email and name in `extra`), and a kept upload.
		const files = peopleFiles();
		await importPath(db, tempFolder(files), { adapter: 'generic', source: 'acme', timezone: 'UTC', keepExtra: true });
		upload = join(dir, 'uploads', '20260310T090000Z-0a1b2c3d');
		mkdirSync(upload, { recursive: true });
		for (const [name, text] of Object.entries(files)) writeFileSync(join(upload, name), text.replaceAll('\n', '\r\n'));
		writeFileSync(join(upload, 'conversations.json'), JSON.stringify([{ id: 1, customer: { email: 'ann@example.com' } }]));
		writeFileSync(join(upload, 'other.json'), JSON.stringify([{ id: 2, customer: { email: 'bob@example.com' } }]));
		writeFileSync(join(upload, 'export.xlsx'), 'PK\u0003\u0004 a workbook');
		before = await weekly(db);
		tracesBefore = await tracesOf(db, ANN.id);
		result = await erase(db, checkErasure({ requester: ANN.id }), ADMIN);
	});
	afterAll(async () => {
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('had Ann everywhere before (the search below can find her)', () => {
		expect(before).toEqual([{ tickets_created: 4, tickets_solved: 3, self_service_sessions: 2, kb_searches: 2 }]);
		expect(tracesBefore).toMatchObject({
			raw_generic_tickets: 2,
			raw_generic_self_service: 1,
			raw_generic_kb_searches: 1,
			import_quarantine: 1,
			fct_tickets: 2,
			fct_self_service: 1,
			fct_kb_searches: 1
		});
	});

	it('erasure leaves no trace of the requester in any table', async () => {
		expect(await tracesOf(db, ANN.id)).toEqual({});
		expect(await tracesOf(db, ANN.name)).toEqual({});
		// Bob is still there, his name in his ticket's kept extra: the erasure was Ann's alone.
		expect(await tracesOf(db, 'Bob Baker')).toEqual({ raw_generic_tickets: 1 });
		expect(await tracesOf(db, 'u-bob')).toMatchObject({ raw_generic_tickets: 1, raw_generic_self_service: 1, raw_generic_kb_searches: 1, fct_tickets: 1 });
	});

	it('says what it removed from each table', () => {
		// t1 and t3 with their vendor metrics (none: the generic format has none), s1, q1, the
		// rejected t5, no org row and no adjusted value.
		expect(result.tables).toEqual({
			delivery_messages: 0,
			raw_vendor_metrics: 0,
			raw_generic_tickets: 2,
			raw_generic_self_service: 1,
			raw_generic_kb_searches: 1,
			raw_generic_orgs: 0,
			import_quarantine: 1,
			import_adjustments: 0
		});
	});

	it('recomputes the KPIs without her: two tickets created, one solved, one session, one search', async () => {
		expect(await weekly(db)).toEqual([{ tickets_created: 2, tickets_solved: 1, self_service_sessions: 1, kb_searches: 1 }]);
		expect(await failingChecks(db)).toEqual({});
	});

	it('rewrites the kept CSV files without her rows, byte for byte otherwise, and deletes files that name her', () => {
		const files = peopleFiles();
		const without = (name: string, ids: string[]) =>
			files[name]
				.split('\n')
				.filter((line) => !ids.some((id) => line.startsWith(`${id},`)))
				.join('\r\n');
		expect(readFileSync(join(upload, 'tickets.csv'), 'utf8')).toBe(without('tickets.csv', ['t1', 't3', 't5']));
		expect(readFileSync(join(upload, 'self_service.csv'), 'utf8')).toBe(without('self_service.csv', ['s1']));
		expect(readFileSync(join(upload, 'kb_searches.csv'), 'utf8')).toBe(without('kb_searches.csv', ['q1']));
		expect(readFileSync(join(upload, 'orgs.csv'), 'utf8')).toBe(files['orgs.csv'].replaceAll('\n', '\r\n'));
		expect([existsSync(join(upload, 'conversations.json')), existsSync(join(upload, 'other.json')), existsSync(join(upload, 'export.xlsx'))]).toEqual([false, true, false]);
		expect(result.uploads).toEqual({
			rewritten: ['20260310T090000Z-0a1b2c3d/kb_searches.csv', '20260310T090000Z-0a1b2c3d/self_service.csv', '20260310T090000Z-0a1b2c3d/tickets.csv'],
			deleted: ['20260310T090000Z-0a1b2c3d/conversations.json', '20260310T090000Z-0a1b2c3d/export.xlsx'],
			rowsRemoved: 5
		});
	});

	it('records the erasure and audits it with a hash of the id, never the id', async () => {
		const [row] = await db.query(`select erased_by, kind, id_sha256, source, counts from erasures`);
		expect(row).toEqual({
			erased_by: 'admin@example.com',
			kind: 'requester',
			id_sha256: sha256(ANN.id),
			source: null,
			counts: JSON.stringify({
				...result.tables,
				'kept uploads: rows removed': 5,
				'kept uploads: files rewritten': 3,
				'kept uploads: files deleted': 2
			})
		});
		const [audit] = await db.query(`select actor, action, subject from audit_log`);
		expect(audit).toEqual({ actor: 'admin@example.com', action: 'erase', subject: `requester sha256:${sha256(ANN.id)}` });
	});

	it('erasing again finds nothing left', async () => {
		const again = await erase(db, checkErasure({ requester: ANN.id }), ADMIN);
		expect(Object.values(again.tables).every((n) => n === 0)).toBe(true);
		expect(again.uploads).toEqual({ rewritten: [], deleted: [], rowsRemoved: 0 });
	});
});

describe('deskpulse erase --org', () => {
	it("removes an org's row, tickets, sessions and searches, limited to a source", async () => {
		const dir = mkdtempSync(join(tmpdir(), 'deskpulse-erase-org-'));
		const db = await Database.open(join(dir, 'deskpulse.duckdb'));
		try {
			const folder = tempFolder(peopleFiles());
			await importPath(db, folder, { adapter: 'generic', source: 'acme', timezone: 'UTC' });
			await importPath(db, folder, { adapter: 'generic', source: 'other', timezone: 'UTC' });
			const result = await erase(db, checkErasure({ org: 'o1', source: 'acme' }), ADMIN);
			// o1 has t1-t3 (t5 was rejected), s1, s2, q1, q2 and its own row.
			expect(result.tables).toMatchObject({ raw_generic_tickets: 3, raw_generic_self_service: 2, raw_generic_kb_searches: 2, raw_generic_orgs: 1, import_quarantine: 1 });
			expect(await db.query(`select source, count(*)::integer as n from fct_tickets where org_id = 'o1' group by all`)).toEqual([{ source: 'other', n: 3 }]);
		} finally {
			await db.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it("scrubs the org's name from the messages deskpulse sent (a churn signal in a digest), as written and HTML-escaped", async () => {
		const db = await Database.open(':memory:');
		try {
			await importPath(db, tempFolder(peopleFiles()), { adapter: 'generic', source: 'acme', timezone: 'UTC' });
			const stored = {
				subject: 'deskpulse: Weekly review, 2026-W11',
				html: '<li>churn signal: Acme Corp (enterprise) filed 4 P0/P1 tickets</li><li>Globex is fine</li>',
				text: '- churn signal: Acme Corp (enterprise) filed 4 P0/P1 tickets',
				chat: { title: 'Weekly review', lines: ['Flag, churn signal: Acme Corp (enterprise)'], link: null },
				attach: [],
				file_stem: 'deskpulse-review-2026-W11',
				message_key: 'digest-1-2026-03-16T0800Z'
			};
			await queueMessage(db, { kind: 'digest', sourceId: 1, period: '2026-03-16T08:00Z', stored, recipients: ['team@example.com'] }, new Date('2026-03-16T08:00:00Z'));
			expect(await tracesOf(db, 'Acme Corp')).toMatchObject({ delivery_messages: 1 });
			const result = await erase(db, checkErasure({ org: 'o1' }), ADMIN);
			expect(result.tables.delivery_messages).toBe(1);
			expect(await tracesOf(db, 'Acme Corp')).toEqual({});
			const [{ body }] = await db.query<{ body: string }>('select body from delivery_messages');
			expect(JSON.parse(body).html).toBe('<li>churn signal: [erased org] (enterprise) filed 4 P0/P1 tickets</li><li>Globex is fine</li>');
		} finally {
			await db.close();
		}
	});

	it('refuses a request without exactly one id, in words that say what to give', () => {
		expect(() => checkErasure({})).toThrow(new ErasureError('name exactly one of requester or org: the id whose data to erase'));
		expect(() => checkErasure({ requester: 'a', org: 'b' })).toThrow(ErasureError);
		expect(() => checkErasure({ requester: '  ' })).toThrow("requester must be the requester's id as imported (requester_id or org_id), not empty");
		expect(() => checkErasure({ org: 'o1', source: 'no spaces' })).toThrow('source must be a source label');
	});
});

describe('POST /api/v1/erasures and the CLI', () => {
	let dir: string;
	let path: string;
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'deskpulse-erase-api-'));
		path = join(dir, 'deskpulse.duckdb');
		const db = await Database.open(path);
		await importPath(db, tempFolder(peopleFiles()), { adapter: 'generic', source: 'acme', timezone: 'UTC' });
		await db.close();
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('needs an admin, and answers the counts', async () => {
		const db = await Database.open(path);
		try {
			const api = createApi({ db: async () => db });
			const post = (principal: Principal | null, body: unknown = { requester: 'u-bob' }) =>
				api.request('/api/v1/erasures', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, { principal });
			expect((await post(null)).status).toBe(401);
			expect((await post({ ...ADMIN, role: 'analyst' })).status).toBe(403);
			const bad = await post(ADMIN, { requester: 'u-bob', org: 'o1' });
			expect([bad.status, ((await bad.json()) as { error: { message: string } }).error.message]).toEqual([400, 'name exactly one of requester or org: the id whose data to erase']);
			const res = await post(ADMIN);
			expect(res.status).toBe(200);
			const body = (await res.json()) as ErasureResult;
			expect([body.kind, body.idSha256, body.tables.raw_generic_tickets, body.tables.raw_generic_self_service, body.tables.raw_generic_kb_searches]).toEqual([
				'requester',
				sha256('u-bob'),
				1,
				1,
				1
			]);
		} finally {
			await db.close();
		}
	});

	it('prints what it removed per table when run on the file', async () => {
		const { status, stdout } = await cli(['erase', '--requester', 'u-cat', '--db', path]);
		expect(status).toBe(0);
		expect(stdout).toContain(`requester sha256:${sha256('u-cat')} (every source)\n`);
		expect(stdout).toContain('  raw_generic_tickets                1 row removed\n');
		expect(stdout).toContain('  raw_generic_orgs                   0 rows removed\n');
		expect(stdout).toContain('  kept uploads: 0 rows removed from 0 files, 0 deleted\n');
		const usage = await cli(['erase', '--db', path]);
		expect(usage.status).toBe(2);
		expect(usage.stderr).toContain('give exactly one of --requester or --org');
	});
});

describe('kept uploads', () => {
	it('splits records as the strict reader does: quoted line breaks and doubled quotes, CR line ends, semicolons', async () => {
		const root = mkdtempSync(join(tmpdir(), 'deskpulse-erase-uploads-'));
		try {
			const folder = join(root, '20260310T090000Z-00000000');
			mkdirSync(folder);
			const quoted = 'ticket_id,subject,requester_id\n' + 'a1,"two\nlines, ""quoted""",ann@example.com\n' + 'a2,"ann@example.com in a subject",u-bob\n' + 'a3,plain,ANN@example.com\n';
			writeFileSync(join(folder, 'tickets.csv'), quoted);
			writeFileSync(join(folder, 'sessions.csv'), 'session_id;requester_id\rs1;u-bob\rs2;ann@example.com\r');
			const result = await eraseFromKeptUploads(root, 'requester', 'ann@example.com');
			// a2 only mentions her in its subject, which is no requester column: it stays.
			expect(readFileSync(join(folder, 'tickets.csv'), 'utf8')).toBe('ticket_id,subject,requester_id\na2,"ann@example.com in a subject",u-bob\n');
			expect(readFileSync(join(folder, 'sessions.csv'), 'utf8')).toBe('session_id;requester_id\rs1;u-bob\r');
			expect(result.rowsRemoved).toBe(3);
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	});
});
