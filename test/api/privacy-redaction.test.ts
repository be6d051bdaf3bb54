import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { createApi } from '../../src/lib/server/api';
import { LOCAL_ADMIN } from '../../src/lib/server/auth/principal';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import type { Principal } from '../../src/lib/roles';
import { memoryDb, tempFolder } from '../helpers/db';
import { peopleFiles, WEEK } from '../helpers/people';

// DESKPULSE_REDACT=email,name,subject over test/helpers/people.ts: every surface that shows a
// ticket, a session, a search, a rejected row or the review, for every role.
const sha8 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);
const FOX = `agent-${sha8('acme:Fox Mulder')}`;
const WALTER = `agent-${sha8('acme:Walter Skinner')}`;
const ANN = `requester-${sha8('acme:ann@example.com')}`;
const BOB = `requester-${sha8('acme:u-bob')}`;
const DANA = `csm-${sha8('acme:Dana Scully')}`;
/** What none of the answers may hold: addresses, requester, agent and CSM names, subjects. */
const PERSONAL = ['ann@example.com', 'bob@example.com', 'Ann Archer', 'Bob Baker', 'Fox Mulder', 'Walter Skinner', 'Dana Scully', 'Refund for', 'Login broken', 'Call me back'];
const RANGE = `from=${WEEK.from}&to=${WEEK.to}&as_of=${WEEK.asOf}`;
const ADMIN: Principal = { kind: 'local', id: 'local', name: 'local', role: 'admin' };

function expectNothingPersonal(text: string) {
	for (const p of PERSONAL) expect(text, `shows "${p}"`).not.toContain(p);
}

describe('DESKPULSE_REDACT=email,name,subject', () => {
	let db: Database;
	let api: ReturnType<typeof createApi>;
	let ticketsRun: number;
	const before = process.env.DESKPULSE_REDACT;
	beforeAll(async () => {
		process.env.DESKPULSE_REDACT = 'email,name,subject';
		db = await memoryDb();
		const result = await importGenericPath(db, tempFolder(peopleFiles()), { source: 'acme', timezone: 'UTC' });
		ticketsRun = result.files.find((f) => f.entity === 'tickets')!.runId;
		api = createApi({ db: async () => db });
	});
	afterAll(async () => {
		if (before === undefined) delete process.env.DESKPULSE_REDACT;
		else process.env.DESKPULSE_REDACT = before;
		await db.close();
	});
	const text = async (path: string, principal: Principal | null = LOCAL_ADMIN) => {
		const res = await api.request(path, {}, { principal });
		expect(res.status, path).toBe(200);
		return res.text();
	};

	it('masks subjects and shows agents as pseudonyms in the ticket list and its CSV', async () => {
		const body = await text(`/api/v1/tickets?${RANGE}&sort=ticket_id&order=asc`);
		expectNothingPersonal(body);
		const { rows } = JSON.parse(body) as { rows: Array<Record<string, unknown>> };
		expect(rows.map((r) => [r.ticket_id, r.subject, r.assignee_id, r.org_name])).toEqual([
			['t1', '[redacted]', FOX, 'Acme Corp'],
			['t2', '[redacted]', FOX, 'Acme Corp'],
			['t3', '[redacted]', WALTER, 'Acme Corp'],
			['t4', '[redacted]', WALTER, 'Globex']
		]);
		const csv = await text(`/api/v1/tickets?${RANGE}&sort=ticket_id&order=asc&format=csv`);
		expectNothingPersonal(csv);
		const [header, t1] = csv.split('\r\n');
		const cells = Object.fromEntries(header.split(',').map((column, i) => [column, t1.split(',')[i]]));
		expect([cells.ticket_id, cells.subject, cells.assignee_id]).toEqual(['t1', '[redacted]', FOX]);
	});

	it('groups and filters KPIs by the pseudonym, as it would by the agent', async () => {
		const grouped = JSON.parse(await text(`/api/v1/kpis?grain=week&by=assignee&metrics=tickets_created&${RANGE}`)) as { rows: Array<Record<string, unknown>> };
		expect(grouped.rows.map((r) => [r.assignee, r.tickets_created]).sort()).toEqual([
			[FOX, 2],
			[WALTER, 2]
		].sort());
		const filtered = JSON.parse(await text(`/api/v1/kpis?grain=week&metrics=tickets_created&where=assignee=${FOX}&${RANGE}`)) as { rows: Array<Record<string, unknown>> };
		expect(filtered.rows.map((r) => r.tickets_created)).toEqual([2]);
		const drilled = JSON.parse(await text(`/api/v1/tickets?${RANGE}&where=assignee=${WALTER}&sort=ticket_id&order=asc`)) as { rows: Array<Record<string, unknown>> };
		expect(drilled.rows.map((r) => r.ticket_id)).toEqual(['t3', 't4']);
	});

	it('shows requesters as pseudonyms and masks addresses in search queries (sessions, searches)', async () => {
		const sessions = await text(`/api/v1/sessions?${RANGE}&order=asc`);
		expectNothingPersonal(sessions);
		expect((JSON.parse(sessions) as { rows: Array<Record<string, unknown>> }).rows.map((r) => [r.session_id, r.requester_id])).toEqual([
			['s1', ANN],
			['s2', BOB]
		]);
		const searches = await text(`/api/v1/searches?${RANGE}&order=asc`);
		expectNothingPersonal(searches);
		expect((JSON.parse(searches) as { rows: Array<Record<string, unknown>> }).rows.map((r) => [r.search_id, r.requester_id, r.query_text])).toEqual([
			['q1', ANN, 'refund [redacted]'],
			['q2', BOB, 'reset password']
		]);
		expectNothingPersonal(await text(`/api/v1/searches?${RANGE}&format=csv`));
		expectNothingPersonal(await text(`/api/v1/sessions?${RANGE}&format=csv`));
	});

	it("masks the KB gap table's queries and a query group's lists", async () => {
		const gaps = await text(`/api/v1/kb-gaps?${RANGE}`);
		expectNothingPersonal(gaps);
		// Only the failed search is a gap (Bob's found results and was clicked).
		expect((JSON.parse(gaps) as { rows: Array<{ query: string; variants: string[] }> }).rows.map((r) => [r.query, r.variants])).toEqual([['refund [redacted]', ['refund [redacted]']]]);
		expectNothingPersonal(await text(`/api/v1/kb-gaps?${RANGE}&format=csv`));
		// Bob searched "reset password" at 09:05 and filed t2 at 10:00: the group lists both.
		const group = JSON.parse(await text(`/api/v1/kb-gaps/query?key=password+reset&${RANGE}`)) as {
			searches: { rows: Array<Record<string, unknown>> };
			tickets: { rows: Array<Record<string, unknown>> };
		};
		expect(group.searches.rows.map((r) => [r.search_id, r.requester_id])).toEqual([['q2', BOB]]);
		expect(group.tickets.rows.map((r) => [r.ticket_id, r.subject])).toEqual([['t2', '[redacted]']]);
		for (const list of ['searches', 'tickets', 'variants']) expectNothingPersonal(await text(`/api/v1/kb-gaps/query?key=password+reset&${RANGE}&list=${list}&format=csv`));
	});

	it("keeps a rejected row's record to admins (imports are theirs), and redacts it then", async () => {
		const analyst: Principal = { kind: 'token', id: '2', name: 'token analyst', role: 'analyst' };
		expect((await api.request(`/api/v1/imports/${ticketsRun}`, {}, { principal: analyst })).status).toBe(403);
		const admin = await text(`/api/v1/imports/${ticketsRun}`, ADMIN);
		expectNothingPersonal(admin);
		const [reject] = (JSON.parse(admin) as { rejects: Array<{ raw_record: string }> }).rejects;
		expect(JSON.parse(reject.raw_record)).toEqual({
			ticket_id: 't5',
			created_at: 'not a time',
			status: 'open',
			channel: 'email',
			priority: 'P3',
			subject: '[redacted]',
			requester_id: ANN,
			org_id: 'o1',
			assignee_id: FOX,
			first_response_at: null,
			solved_at: null,
			requester_email: '[redacted]',
			requester_name: '[redacted]'
		});
	});

	it('redacts the record fields of rejects.csv', async () => {
		const csv = await text(`/api/v1/imports/${ticketsRun}/rejects.csv`, ADMIN);
		expectNothingPersonal(csv);
		expect(csv.split('\r\n')[1]).toBe(`6,created_at,"expected a date and time, got ""not a time""",t5,not a time,open,email,P3,[redacted],${ANN},o1,${FOX},,,[redacted],[redacted]`);
	});

	it("shows the churn signal's CSM as a pseudonym in the review, JSON, Markdown and HTML", async () => {
		const query = `week=${WEEK.week}&as_of=${WEEK.asOf}`;
		for (const format of ['json', 'md', 'html']) {
			const body = await text(`/api/v1/review?${query}&format=${format}`);
			expectNothingPersonal(body);
			expect(body, format).toContain(`CSM ${DANA}`);
			expect(body, format).toContain('Acme Corp');
		}
		const flags = await text(`/api/v1/flags?${query}&format=csv`);
		expectNothingPersonal(flags);
		expect(flags).toContain(`CSM ${DANA}`);
	});
});

describe('without DESKPULSE_REDACT', () => {
	it('shows the same lists as they were imported', async () => {
		const before = process.env.DESKPULSE_REDACT;
		delete process.env.DESKPULSE_REDACT;
		const db = await memoryDb();
		try {
			await importGenericPath(db, tempFolder(peopleFiles()), { source: 'acme', timezone: 'UTC' });
			const api = createApi({ db: async () => db, assume: LOCAL_ADMIN });
			const res = await api.request(`/api/v1/tickets?${RANGE}&sort=ticket_id&order=asc&limit=1`);
			const { rows } = (await res.json()) as { rows: Array<Record<string, unknown>> };
			expect([rows[0].subject, rows[0].assignee_id]).toEqual(['Refund for ann@example.com', 'Fox Mulder']);
		} finally {
			await db.close();
			if (before !== undefined) process.env.DESKPULSE_REDACT = before;
		}
	});
});
