import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importPath, type PathImportResult } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { failingChecks } from '../helpers/checks';
import { FIXTURES, memoryDb } from '../helpers/db';

// Expected values: test/fixtures/intercom/fivetran/README.md.
const EXPORT = join(FIXTURES, 'intercom', 'fivetran');
// The public dbt_intercom seeds the adapter reads: test/fixtures/public/README.md.
const PUBLIC = join(FIXTURES, 'public', 'fivetran-intercom');

const counts = (db: Database) =>
	db.query(
		`select (select count(*) from raw_generic_tickets)::integer as t,
		        (select count(*) from raw_generic_orgs)::integer as o,
		        (select count(*) from raw_vendor_metrics)::integer as m,
		        (select count(*) from import_quarantine)::integer as q`
	);

describe("Intercom tables in Fivetran's shape", () => {
	let db: Database;
	let result: PathImportResult;
	beforeAll(async () => {
		db = await memoryDb();
		result = await importPath(db, EXPORT);
	});
	afterAll(() => db.close());

	it('is recognised without a time zone (Fivetran lands UTC), orgs first, and says why', () => {
		expect(result.adapter.id).toBe('intercom-tables');
		expect(result.adapter.reason).toMatch(/^conversation_history\.csv has Fivetran's Intercom columns source_delivered_as, .*; with conversation_part_history\.csv/);
		expect(result.files.map((f) => [f.file, f.entity])).toEqual([
			['company_history.csv', 'orgs'],
			['conversation_history.csv', 'tickets']
		]);
	});

	it('keeps the current history row per conversation and quarantines a bad one at its line', () => {
		const tickets = result.files[1];
		expect([tickets.rowsRead, tickets.rowsAccepted, tickets.rowsRejected]).toEqual([5, 4, 1]);
		expect(tickets.rejects).toEqual([{ line: 14, column: 'created_at', reason: 'required value is empty' }]);
		expect(tickets.valueMappings).toContainEqual(expect.objectContaining({ field: 'state', from: 'closed', to: 'solved', rows: 3 }));
		expect(tickets.extraColumns).toContain('sla_status');
	});

	it('computes ack and first response from parts by author type, once per part version', async () => {
		const rows = await db.query(
			`select ticket_id, status, channel, priority, tags, requester_id, org_id, plan, segment, group_name, assignee_id, is_outbound,
			        ack_calendar_minutes, frt_calendar_minutes, agent_reply_count
			 from fct_tickets order by ticket_id`
		);
		expect(rows.map((r) => r.ticket_id)).toEqual(['2001', '2002', '2003', '2004']);
		expect(rows[0]).toMatchObject({ status: 'solved', channel: 'chat', priority: 'P3', tags: [], requester_id: 'c-1', org_id: 'co-1', plan: 'pro', assignee_id: '7701', ack_calendar_minutes: 1, frt_calendar_minutes: 20, agent_reply_count: 1 });
		expect(rows[1]).toMatchObject({ priority: 'P2', tags: ['billing'], frt_calendar_minutes: 90, agent_reply_count: 2 });
		expect(rows[2]).toMatchObject({ group_name: 'Customer support', assignee_id: null, requester_id: 'c-3', frt_calendar_minutes: null });
		expect(rows[3]).toMatchObject({ is_outbound: true, requester_id: 'c-4', org_id: 'co-2', plan: 'enterprise', segment: 'high_touch' });
	});

	it('reads closes and reopens from close parts, else from the state history', async () => {
		const rows = await db.query(
			`select ticket_id, solved_at, final_solved_at, reopen_count from fct_tickets where ticket_id in ('2001', '2002', '2003') order by ticket_id`
		);
		expect(rows).toEqual([
			{ ticket_id: '2001', solved_at: '2026-03-02T10:00:00.000Z', final_solved_at: '2026-03-02T10:00:00.000Z', reopen_count: 0 },
			{ ticket_id: '2002', solved_at: '2026-03-04T10:00:00.000Z', final_solved_at: '2026-03-05T12:00:00.000Z', reopen_count: 1 },
			{ ticket_id: '2003', solved_at: '2026-03-05T10:00:00.000Z', final_solved_at: '2026-03-05T15:00:00.000Z', reopen_count: 1 }
		]);
	});

	it('maps company_history to orgs: the current version, ARR = 12 x monthly_spend, 0 unknown', async () => {
		const orgs = await db.query(`select org_id, name, plan, arr, signup_at from raw_generic_orgs order by org_id`);
		expect(orgs).toEqual([
			{ org_id: 'co-1', name: 'Acme', plan: 'Pro', arr: 18000, signup_at: '2025-06-01T00:00:00.000Z' },
			{ org_id: 'co-2', name: 'Globex', plan: 'Enterprise', arr: 144000, signup_at: '2026-02-15T08:00:00.000Z' },
			{ org_id: 'co-3', name: 'Initech', plan: null, arr: null, signup_at: '2026-01-10T08:00:00.000Z' }
		]);
	});

	it('rates CSAT on conversation_rating_value', async () => {
		const { rows } = await computeKpis(db, parseKpiQuery({ grain: 'month', metrics: 'csat_rate,csat_responses', as_of: '2026-04-01T00:00:00Z' }));
		expect(rows).toEqual([{ period: '2026-03', period_start: '2026-03-01', csat_rate: 0.5, csat_responses: 2 }]);
	});

	it('passes the integrity checks and changes nothing when imported again', async () => {
		expect(await failingChecks(db)).toEqual({});
		const before = await counts(db);
		await importPath(db, EXPORT);
		expect(await counts(db)).toEqual(before);
	});
});

describe('the public fivetran-intercom dataset (dbt_intercom seeds)', () => {
	let db: Database;
	let result: PathImportResult;
	beforeAll(async () => {
		db = await memoryDb();
		result = await importPath(db, PUBLIC);
	});
	afterAll(() => db?.close());

	it('imports in place with --source auto', () => {
		expect(result.adapter.id).toBe('intercom-tables');
		expect(result.adapter.reason).toContain('conversation_history_data.csv');
		expect(result.files.map((f) => [f.file, f.rowsRead, f.rowsAccepted, f.rowsRejected])).toEqual([
			['company_history_data.csv', 9, 9, 0],
			['conversation_history_data.csv', 2, 2, 0]
		]);
	});

	it('keeps the active history row and dates the solve from the state history (hand-checked)', async () => {
		const rows = await db.query(
			`select ticket_id, created_at, status, channel, priority, assignee_id, requester_id, solved_at, final_solved_at, reopen_count,
			        round(resolution_calendar_minutes, 2) as resolution_minutes, first_response_at
			 from fct_tickets order by ticket_id`
		);
		expect(rows).toEqual([
			{
				ticket_id: '156643300001311',
				created_at: '2020-10-28T23:59:37.000Z',
				status: 'solved',
				channel: 'chat',
				priority: 'P3',
				assignee_id: '4077639',
				requester_id: '5f7295ca37f0d717d37dfddb',
				solved_at: '2020-11-02T14:17:59.000Z',
				final_solved_at: '2020-11-02T14:17:59.000Z',
				reopen_count: 0,
				resolution_minutes: 6618.37,
				first_response_at: null
			},
			{
				ticket_id: '156643300001372',
				created_at: '2020-11-04T03:12:03.000Z',
				status: 'solved',
				channel: 'chat',
				priority: 'P3',
				assignee_id: '4077639',
				requester_id: '5f7295ca37f0d717d37dfddb',
				solved_at: '2020-11-06T13:55:01.000Z',
				final_solved_at: '2020-11-06T13:55:01.000Z',
				reopen_count: 0,
				resolution_minutes: 3522.97,
				first_response_at: null
			}
		]);
	});

	it('reads companies as orgs without inventing ARR', async () => {
		const [org] = await db.query(`select org_id, plan, arr, signup_at from raw_generic_orgs where org_id = '5f8efd11391867b82cd45b18'`);
		expect(org).toEqual({ org_id: '5f8efd11391867b82cd45b18', plan: null, arr: null, signup_at: '2020-10-20T15:06:57.000Z' });
		expect(await db.query(`select count(*)::integer as n from raw_generic_orgs where arr is not null`)).toEqual([{ n: 0 }]);
	});

	it('passes the integrity checks and changes nothing when imported again', async () => {
		expect(await failingChecks(db)).toEqual({});
		const before = await counts(db);
		await importPath(db, PUBLIC);
		expect(await counts(db)).toEqual(before);
	});
});
