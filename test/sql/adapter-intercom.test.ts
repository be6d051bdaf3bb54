import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importPath, type PathImportResult } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { failingChecks } from '../helpers/checks';
import { FIXTURES, memoryDb, tempFolder } from '../helpers/db';

// Expected values: test/fixtures/intercom/README.md.
const EXPORT = join(FIXTURES, 'intercom', 'api');
const PAGE = join(EXPORT, 'conversations.json');

const counts = (db: Database) =>
	db.query(
		`select (select count(*) from raw_generic_tickets)::integer as t,
		        (select count(*) from raw_vendor_metrics)::integer as m,
		        (select count(*) from import_quarantine)::integer as q`
	);

describe('Intercom conversations from the REST API', () => {
	let db: Database;
	let result: PathImportResult;
	beforeAll(async () => {
		db = await memoryDb();
		result = await importPath(db, EXPORT);
	});
	afterAll(() => db.close());

	it('is recognised without a time zone (unix seconds are UTC), and says why', () => {
		expect(result.adapter.id).toBe('intercom');
		expect(result.adapter.reason).toMatch(/^conversations\.json has Intercom conversation keys .*delivered_as/);
		expect(result.source).toBe('intercom');
	});

	it('quarantines a conversation without created_at at its position in the file', () => {
		const [file] = result.files;
		expect([file.rowsRead, file.rowsAccepted, file.rowsRejected]).toEqual([5, 4, 1]);
		expect(file.rejects).toEqual([{ line: 5, column: 'created_at', reason: 'required value is empty' }]);
		expect(file.valueMappings).toContainEqual({ field: 'state', column: 'status', from: 'snoozed', to: 'pending', rows: 1, rule: null });
		expect(file.valueMappings).toContainEqual({ field: 'source.type', column: 'channel', from: 'conversation', to: 'chat', rows: 2, rule: null });
		expect(file.valueMappings).toContainEqual({ field: 'priority', column: 'priority', from: 'priority', to: 'P2', rows: 1, rule: null });
	});

	it('tells bots from teammates: a bot reply acknowledges, only an admin reply responds', async () => {
		const rows = await db.query(
			`select ticket_id, created_at, status, channel, priority, tags, requester_id, org_id, group_name, assignee_id,
			        is_outbound, first_ack_at, first_response_at, ack_calendar_minutes, frt_calendar_minutes, agent_reply_count
			 from fct_tickets order by ticket_id`
		);
		expect(rows.map((r) => r.ticket_id)).toEqual(['1001', '1002', '1003', '1004']);
		expect(rows[0]).toMatchObject({
			created_at: '2026-03-02T09:00:00.000Z',
			status: 'solved',
			channel: 'chat',
			priority: 'P2',
			tags: ['billing', 'vip renewal'],
			requester_id: 'c-1',
			org_id: 'co-1',
			group_name: '5501',
			assignee_id: '7701',
			is_outbound: false,
			first_ack_at: '2026-03-02T09:01:00.000Z',
			first_response_at: '2026-03-02T09:20:00.000Z',
			ack_calendar_minutes: 1,
			frt_calendar_minutes: 20,
			agent_reply_count: 1
		});
		// No parts: the first human reply comes from statistics, and acknowledges too.
		expect(rows[1]).toMatchObject({ first_ack_at: null, first_response_at: '2026-03-03T16:30:00.000Z', ack_calendar_minutes: 90, frt_calendar_minutes: 90 });
		expect(rows[2]).toMatchObject({ is_outbound: true, agent_reply_count: 2 });
		// A bot's assignment part is no reply; a teammate's assignment with a body is.
		expect(rows[3]).toMatchObject({ status: 'pending', priority: null, requester_id: 'c-4', ack_calendar_minutes: 0.5, frt_calendar_minutes: 40 });
	});

	it('reads closes and reopens from statistics, else from close parts', async () => {
		const rows = await db.query(
			`select ticket_id, solved_at, final_solved_at, reopen_count, resolution_calendar_minutes, full_resolution_calendar_minutes
			 from fct_tickets where ticket_id in ('1001', '1002', '1003') order by ticket_id`
		);
		expect(rows).toEqual([
			{ ticket_id: '1001', solved_at: '2026-03-02T10:00:00.000Z', final_solved_at: '2026-03-02T10:00:00.000Z', reopen_count: 0, resolution_calendar_minutes: 60, full_resolution_calendar_minutes: 60 },
			{ ticket_id: '1002', solved_at: '2026-03-04T10:00:00.000Z', final_solved_at: '2026-03-05T12:00:00.000Z', reopen_count: 2, resolution_calendar_minutes: 1140, full_resolution_calendar_minutes: 2700 },
			{ ticket_id: '1003', solved_at: '2026-03-04T12:00:00.000Z', final_solved_at: '2026-03-04T13:15:00.000Z', reopen_count: 1, resolution_calendar_minutes: 60, full_resolution_calendar_minutes: 135 }
		]);
	});

	it("keeps Intercom's statistics as vendor metrics: business seconds, and calendar from its timestamps", async () => {
		const rows = await db.query(`select ticket_id, metric, calendar_minutes, business_minutes from raw_vendor_metrics order by ticket_id, metric`);
		expect(rows).toEqual([
			{ ticket_id: '1001', metric: 'frt', calendar_minutes: 20, business_minutes: 20 },
			{ ticket_id: '1001', metric: 'full_resolution', calendar_minutes: 60, business_minutes: 60 },
			{ ticket_id: '1001', metric: 'resolution', calendar_minutes: 60, business_minutes: 60 },
			{ ticket_id: '1002', metric: 'frt', calendar_minutes: 90, business_minutes: 30 },
			{ ticket_id: '1002', metric: 'full_resolution', calendar_minutes: 2700, business_minutes: 840 },
			{ ticket_id: '1002', metric: 'resolution', calendar_minutes: 1140, business_minutes: 420 },
			{ ticket_id: '1004', metric: 'frt', calendar_minutes: 40, business_minutes: 40 }
		]);
	});

	it('rates CSAT on the 1-5 conversation rating', async () => {
		const csat = await db.query(`select ticket_id, csat_answer, csat_scale, is_csat_satisfied, csat_at from fct_tickets where csat_answer is not null order by ticket_id`);
		expect(csat).toEqual([
			{ ticket_id: '1001', csat_answer: '5', csat_scale: '1-5', is_csat_satisfied: true, csat_at: '2026-03-02T10:05:00.000Z' },
			{ ticket_id: '1002', csat_answer: '2', csat_scale: '1-5', is_csat_satisfied: false, csat_at: '2026-03-04T10:30:00.000Z' }
		]);
		const { rows } = await computeKpis(db, parseKpiQuery({ grain: 'month', metrics: 'csat_rate,csat_responses', as_of: '2026-04-01T00:00:00Z' }));
		expect(rows).toEqual([{ period: '2026-03', period_start: '2026-03-01', csat_rate: 0.5, csat_responses: 2 }]);
	});

	it('reads the same instants whatever --timezone says', async () => {
		const other = await memoryDb();
		await importPath(other, PAGE, { timezone: 'America/New_York' });
		expect(await other.query(`select ticket_id, created_at, first_response_at from fct_tickets order by ticket_id`)).toEqual(
			await db.query(`select ticket_id, created_at, first_response_at from fct_tickets order by ticket_id`)
		);
		await other.close();
	});

	it('reads an array of conversations and NDJSON alike, numbering lines by record', async () => {
		const conversations = JSON.parse(readFileSync(PAGE, 'utf8')).conversations as unknown[];
		const folder = tempFolder({
			'conversations-array.json': JSON.stringify(conversations),
			'conversations.ndjson': conversations.map((c) => JSON.stringify(c)).join('\n') + '\n'
		});
		const other = await memoryDb();
		const imported = await importPath(other, folder, { source: 'intercom' });
		expect(imported.adapter.id).toBe('intercom');
		expect(imported.files.map((f) => [f.file, f.rowsAccepted, f.rejects[0]?.line])).toEqual([
			['conversations-array.json', 4, 5],
			['conversations.ndjson', 4, 5]
		]);
		expect(await other.query(`select count(*)::integer as n from fct_tickets`)).toEqual([{ n: 4 }]);
		await other.close();
	});

	it('passes the integrity checks and changes nothing when imported again', async () => {
		expect(await failingChecks(db)).toEqual({});
		const before = await counts(db);
		await importPath(db, EXPORT);
		expect(await counts(db)).toEqual(before);
	});
});
