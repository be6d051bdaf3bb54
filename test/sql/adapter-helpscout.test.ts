import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importPath, type PathImportResult } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { failingChecks } from '../helpers/checks';
import { FIXTURES, memoryDb } from '../helpers/db';

// Expected values: test/fixtures/helpscout/README.md.
const EXPORT = join(FIXTURES, 'helpscout');

const counts = (db: Database) =>
	db.query(
		`select (select count(*) from raw_generic_tickets)::integer as t,
		        (select count(*) from raw_vendor_metrics)::integer as m,
		        (select count(*) from import_quarantine)::integer as q`
	);

describe('Help Scout conversations from the Mailbox API', () => {
	let db: Database;
	let result: PathImportResult;
	beforeAll(async () => {
		db = await memoryDb();
		result = await importPath(db, EXPORT);
	});
	afterAll(() => db.close());

	it('is recognised without a time zone (the API is UTC), and says why', () => {
		expect(result.adapter.id).toBe('helpscout');
		expect(result.adapter.reason).toMatch(/^conversations\.json has Help Scout conversation keys mailboxId, primaryCustomer/);
		expect(result.source).toBe('helpscout');
	});

	it('rejects spam at its position in the file, under the status field', () => {
		const [file] = result.files;
		expect([file.rowsRead, file.rowsAccepted, file.rowsRejected]).toEqual([6, 5, 1]);
		expect(file.rejects).toEqual([{ line: 6, column: 'status', reason: '"spam" is no ticket (spam or deleted)' }]);
		expect(file.valueMappings).toContainEqual({ field: 'status', column: 'status', from: 'active', to: 'open', rows: 2, rule: null });
		expect(file.valueMappings).toContainEqual(expect.objectContaining({ field: 'rating', from: 'Not Good', to: '1', rows: 1 }));
	});

	it('takes the first human reply thread as the first response; workflows and AI only acknowledge', async () => {
		const rows = await db.query(
			`select ticket_id, status, channel, category, tags, requester_id, group_name, assignee_id, is_outbound,
			        ack_calendar_minutes, frt_calendar_minutes, agent_reply_count
			 from fct_tickets order by ticket_id`
		);
		expect(rows.map((r) => r.ticket_id)).toEqual(['5001', '5002', '5003', '5004', '5005']);
		expect(rows[0]).toMatchObject({
			status: 'solved',
			channel: 'email',
			category: 'billing',
			tags: ['billing', 'vip renewal'],
			requester_id: '9001',
			group_name: '3001',
			assignee_id: '801',
			is_outbound: false,
			ack_calendar_minutes: 1,
			frt_calendar_minutes: 30,
			agent_reply_count: 2
		});
		expect(rows[1]).toMatchObject({ status: 'open', frt_calendar_minutes: 90, agent_reply_count: 3 });
		expect(rows[2]).toMatchObject({ channel: 'phone', is_outbound: false, frt_calendar_minutes: null });
		expect(rows[3]).toMatchObject({ status: 'pending', is_outbound: true, frt_calendar_minutes: 40, agent_reply_count: 1 });
		expect(rows[4]).toMatchObject({ ack_calendar_minutes: 20 / 60, frt_calendar_minutes: 45, agent_reply_count: 1 });
	});

	it('reads closes and reopens from the threads that closed it, else closedAt', async () => {
		const rows = await db.query(
			`select ticket_id, solved_at, final_solved_at, reopen_count from fct_tickets where ticket_id in ('5001', '5002', '5003') order by ticket_id`
		);
		expect(rows).toEqual([
			{ ticket_id: '5001', solved_at: '2026-03-02T10:00:00.000Z', final_solved_at: '2026-03-02T10:00:00.000Z', reopen_count: 0 },
			{ ticket_id: '5002', solved_at: '2026-03-04T10:00:00.000Z', final_solved_at: '2026-03-05T12:00:00.000Z', reopen_count: 2 },
			{ ticket_id: '5003', solved_at: '2026-03-04T11:05:00.000Z', final_solved_at: '2026-03-04T11:05:00.000Z', reopen_count: 0 }
		]);
	});

	it('reads Great / Okay / Not Good as 5 / 3 / 1, so CSAT is the share of Great', async () => {
		const csat = await db.query(`select ticket_id, csat_answer, is_csat_satisfied, csat_at from fct_tickets where csat_answer is not null order by ticket_id`);
		expect(csat).toEqual([
			{ ticket_id: '5001', csat_answer: '5', is_csat_satisfied: true, csat_at: '2026-03-02T11:00:00.000Z' },
			{ ticket_id: '5002', csat_answer: '1', is_csat_satisfied: false, csat_at: null },
			{ ticket_id: '5003', csat_answer: '3', is_csat_satisfied: false, csat_at: null }
		]);
		const { rows } = await computeKpis(db, parseKpiQuery({ grain: 'month', metrics: 'csat_rate,csat_responses', as_of: '2026-04-01T00:00:00Z' }));
		expect(rows).toEqual([{ period: '2026-03', period_start: '2026-03-01', csat_rate: 1 / 3, csat_responses: 3 }]);
	});

	it('passes the integrity checks and changes nothing when imported again', async () => {
		expect(await failingChecks(db)).toEqual({});
		const before = await counts(db);
		await importPath(db, EXPORT);
		expect(await counts(db)).toEqual(before);
	});
});
