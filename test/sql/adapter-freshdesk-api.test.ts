import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importPath, type PathImportResult } from '../../src/lib/server/ingest/import-path';
import { freshdeskApi } from '../../src/lib/server/ingest/adapters/freshdesk-api';
import { sampleFiles } from '../../src/lib/server/ingest/adapters/sample';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { failingChecks } from '../helpers/checks';
import { FIXTURES, memoryDb, tempFolder } from '../helpers/db';

// Expected values: test/fixtures/freshdesk-api/README.md.
const EXPORT = join(FIXTURES, 'freshdesk-api');

const counts = (db: Database) =>
	db.query(
		`select (select count(*) from raw_generic_tickets)::integer as t,
		        (select count(*) from raw_vendor_metrics)::integer as m,
		        (select count(*) from import_quarantine)::integer as q`
	);

describe('the Freshdesk API tickets JSON', () => {
	let db: Database;
	let result: PathImportResult;
	beforeAll(async () => {
		db = await memoryDb();
		// API times are UTC: no --timezone needed.
		result = await importPath(db, EXPORT);
	});
	afterAll(() => db.close());

	it('is recognised, with its ratings file, and says why', () => {
		expect(result.adapter.id).toBe('freshdesk-api');
		expect(result.adapter.reason).toContain('"fr_due_by"');
		expect(result.adapter.reason).toContain('ratings from satisfaction_ratings.json');
		expect(result.source).toBe('freshdesk');
		expect(result.files.map((f) => f.file)).toEqual(['tickets.json']);
	});

	it('does not claim another export', () => {
		expect(freshdeskApi.detect(sampleFiles(join(FIXTURES, 'zendesk-csv')))).toBeNull();
		expect(freshdeskApi.detect(sampleFiles(join(FIXTURES, 'freshdesk-csv')))).toBeNull();
	});

	it('keeps a ticket of an unnamed custom status, read by the default rule', () => {
		const [file] = result.files;
		expect([file.rowsRead, file.rowsAccepted, file.rowsRejected]).toEqual([6, 6, 0]);
		expect(file.rejects).toEqual([]);
		// 2005 has status 6 and no ticket fields name it: no resolve or close time, so open.
		expect(file.valueMappings).toContainEqual({ field: 'status', column: 'status', from: '6', to: 'open', rows: 1, rule: 'default rule' });
		expect(file.valueMappings).toContainEqual(expect.objectContaining({ field: 'source', from: '10', to: 'email', rows: 1 }));
		expect(file.valueMappings).toContainEqual(expect.objectContaining({ field: 'status', from: '4', to: 'solved', rows: 2 }));
		expect(file.valueMappings).toContainEqual(expect.objectContaining({ field: 'ratings.default_question', from: '-102', to: '2', rows: 1 }));
		expect(file.extraColumns).toEqual(expect.arrayContaining(['stats', 'custom_fields', 'fr_due_by', 'due_by']));
	});

	it('maps the integer codes and reads stats', async () => {
		const rows = await db.query(
			`select ticket_id, created_at, first_response_at, solved_at, final_solved_at, closed_at, status, priority, channel,
			        category, tags, requester_id, org_id, group_name, assignee_id, is_outbound, reopen_count,
			        frt_calendar_minutes, resolution_calendar_minutes
			 from fct_tickets order by ticket_id`
		);
		expect(rows.map((r) => r.ticket_id)).toEqual(['2001', '2002', '2003', '2004', '2005', '2006']);
		expect(rows[0]).toEqual({
			ticket_id: '2001',
			created_at: '2026-03-02T08:00:00.000Z',
			first_response_at: '2026-03-02T08:30:00.000Z',
			solved_at: '2026-03-02T12:00:00.000Z',
			final_solved_at: '2026-03-02T12:00:00.000Z',
			closed_at: '2026-03-04T12:00:00.000Z',
			status: 'closed',
			priority: 'P3',
			channel: 'email',
			category: 'question',
			tags: ['billing', 'vat'],
			requester_id: '9001',
			org_id: '301',
			group_name: '11',
			assignee_id: '21',
			is_outbound: false,
			reopen_count: 0,
			frt_calendar_minutes: 30,
			resolution_calendar_minutes: 240
		});
		// Reopened once (the API keeps only the last reopen).
		expect(rows[1]).toMatchObject({ status: 'solved', priority: 'P2', channel: 'web', reopen_count: 1, frt_calendar_minutes: 180, resolution_calendar_minutes: 3060 });
		expect(rows[2]).toMatchObject({ status: 'open', priority: 'P4', channel: 'chat', first_response_at: null, org_id: null, tags: ['seats'] });
		expect(rows[3]).toMatchObject({ is_outbound: true, channel: 'email', priority: 'P1' });
		// Closed without stats.resolved_at: solved when closed.
		expect(rows[4]).toMatchObject({ status: 'open', channel: 'phone', priority: 'P4', solved_at: null });
		expect(rows[5]).toMatchObject({ channel: 'phone', solved_at: '2026-03-11T16:00:00.000Z', resolution_calendar_minutes: 120, frt_calendar_minutes: 20 });
	});

	it("judges SLA outcomes against Freshdesk's own due dates", async () => {
		const rows = await db.query(`select ticket_id, metric, outcome from raw_vendor_metrics order by ticket_id, metric`);
		expect(rows).toEqual([
			{ ticket_id: '2001', metric: 'sla_frt', outcome: 'within' },
			{ ticket_id: '2001', metric: 'sla_resolution', outcome: 'within' },
			{ ticket_id: '2002', metric: 'sla_frt', outcome: 'breached' },
			{ ticket_id: '2002', metric: 'sla_resolution', outcome: 'within' },
			{ ticket_id: '2003', metric: 'sla_frt', outcome: 'breached' },
			{ ticket_id: '2004', metric: 'sla_resolution', outcome: 'within' },
			{ ticket_id: '2006', metric: 'sla_frt', outcome: 'within' },
			{ ticket_id: '2006', metric: 'sla_resolution', outcome: 'within' }
		]);
	});

	it('joins the latest satisfaction rating, read on 1-5', async () => {
		const rows = await db.query(`select ticket_id, csat_answer, csat_at from fct_tickets where csat_answer is not null order by ticket_id`);
		expect(rows).toEqual([
			{ ticket_id: '2001', csat_answer: '5', csat_at: '2026-03-04T13:00:00.000Z' },
			{ ticket_id: '2002', csat_answer: '2', csat_at: '2026-03-07T12:00:00.000Z' },
			{ ticket_id: '2006', csat_answer: '4', csat_at: '2026-03-13T10:00:00.000Z' }
		]);
		const { rows: kpis } = await computeKpis(db, parseKpiQuery({ grain: 'month', metrics: 'csat_rate,csat_responses', as_of: '2026-04-01T00:00:00Z' }));
		expect(kpis).toEqual([{ period: '2026-03', period_start: '2026-03-01', csat_rate: 2 / 3, csat_responses: 3 }]);
	});

	it('keeps the unmapped fields as the API wrote them, only when asked (--keep-extra)', async () => {
		const [dropped] = await db.query(`select extra from raw_generic_tickets where ticket_id = '2003'`);
		expect(dropped.extra).toBeNull();
		const kept = await memoryDb();
		await importPath(kept, EXPORT, { keepExtra: true });
		const [row] = await kept.query(`select extra from raw_generic_tickets where ticket_id = '2003'`);
		await kept.close();
		const extra = JSON.parse(String(row.extra));
		expect(extra.custom_fields).toEqual({ cf_plan: 'Pro' });
		expect(extra.fr_due_by).toBe('2026-03-09T10:00:00Z');
		expect(extra.id).toBeUndefined();
	});

	it('passes the integrity checks', async () => {
		expect(await failingChecks(db)).toEqual({});
	});

	it('changes nothing when the same export is imported again', async () => {
		const before = await counts(db);
		await importPath(db, EXPORT);
		expect(await counts(db)).toEqual(before);
	});
});

describe('other shapes of the API export', () => {
	it('reads newline-delimited tickets', async () => {
		const db = await memoryDb();
		const result = await importPath(db, join(EXPORT, 'ndjson'));
		expect(result.adapter.id).toBe('freshdesk-api');
		expect(result.files.map((f) => [f.rowsRead, f.rowsAccepted])).toEqual([[2, 2]]);
		expect((await db.query(`select ticket_id from fct_tickets order by ticket_id`)).map((r) => r.ticket_id)).toEqual(['2001', '2002']);
		await db.close();
	});

	it('reads concatenated pages, numbering records across them', async () => {
		const db = await memoryDb();
		const result = await importPath(db, join(EXPORT, 'pages'));
		expect(result.files.map((f) => [f.rowsRead, f.rowsAccepted])).toEqual([[5, 5]]);
		const rows = await db.query(`select ticket_id, reopen_count from fct_tickets order by ticket_id`);
		expect(rows.map((r) => r.ticket_id)).toEqual(['2001', '2002', '2003', '2004', '2006']);
		await db.close();
	});

	it('reads UTC even when a --timezone is given, and names a bad time by field and record', async () => {
		const db = await memoryDb();
		const ticket = (id: number, created: string) =>
			JSON.stringify({ id, created_at: created, status: 2, priority: 1, source: 1, fr_due_by: null, fr_escalated: false, responder_id: null, is_escalated: false, stats: null });
		const result = await importPath(db, tempFolder({ 'tickets.json': `[${ticket(1, '2026-03-02T08:00:00Z')},${ticket(2, 'soon')}]` }), {
			timezone: 'America/New_York'
		});
		expect(result.files[0].rejects).toEqual([{ line: 2, column: 'created_at', reason: 'expected a date and time, got "soon"' }]);
		const rows = await db.query(`select ticket_id, created_at from fct_tickets`);
		expect(rows).toEqual([{ ticket_id: '1', created_at: '2026-03-02T08:00:00.000Z' }]);
		// Without stats (no include=stats) the reopen count is unknown, not 0.
		expect(await db.query(`select reopens from raw_generic_tickets`)).toEqual([{ reopens: null }]);
		await db.close();
	});
});

describe('Freshdesk API tickets with the account ticket fields', () => {
	let db: Database;
	let result: PathImportResult;
	beforeAll(async () => {
		db = await memoryDb();
		result = await importPath(db, join(EXPORT, 'with-fields'));
	});
	afterAll(() => db.close());

	it('names a custom status from the status field and reads it by its name', async () => {
		expect(result.adapter.reason).toContain('status names from ticket_fields.json');
		const [file] = result.files;
		expect([file.rowsRead, file.rowsAccepted, file.rowsRejected]).toEqual([6, 6, 0]);
		// 6 is "Waiting on Customer" in this account: the built-in map reads that as pending.
		expect(file.valueMappings).toContainEqual({ field: 'status', column: 'status', from: '6 (Waiting on Customer)', to: 'pending', rows: 1, rule: null });
		const [t] = await db.query(`select status from fct_tickets where ticket_id = '2005'`);
		expect(t.status).toBe('pending');
	});

	it('lets the user map a custom status by its id, over the account name', async () => {
		const other = await memoryDb();
		const r = await importPath(other, join(EXPORT, 'with-fields'), { overrides: [{ field: 'status', from: '6', to: 'on_hold' }] });
		expect(r.files[0].valueMappings).toContainEqual({ field: 'status', column: 'status', from: '6 (Waiting on Customer)', to: 'on_hold', rows: 1, rule: 'your map' });
		const [t] = await other.query(`select status from fct_tickets where ticket_id = '2005'`);
		expect(t.status).toBe('on_hold');
		await other.close();
	});
});
