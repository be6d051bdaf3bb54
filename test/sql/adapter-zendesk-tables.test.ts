import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importPath, type PathImportResult } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { failingChecks } from '../helpers/checks';
import { FIXTURES, memoryDb } from '../helpers/db';

// Hand-computed expectations for both exports: test/fixtures/zendesk-tables/README.md.
// The public dbt_zendesk seeds the adapter reads: test/fixtures/public/README.md.
const PUBLIC = join(FIXTURES, 'public', 'fivetran-zendesk');
const OWN = join(FIXTURES, 'zendesk-tables');

const counts = (db: Database) =>
	db.query(
		`select (select count(*) from raw_generic_tickets)::integer as tickets,
		        (select count(*) from raw_generic_orgs)::integer as orgs,
		        (select count(*) from raw_generic_schedules)::integer as schedules,
		        (select count(*) from raw_generic_holidays)::integer as holidays,
		        (select count(*) from raw_vendor_metrics)::integer as vendor_metrics,
		        (select count(*) from import_quarantine)::integer as quarantined`
	);

describe('the Fivetran Zendesk tables (public dbt_zendesk seeds)', () => {
	let db: Database;
	let result: PathImportResult;
	beforeAll(async () => {
		db = await memoryDb();
		// No --timezone: the warehouse tables are UTC.
		result = await importPath(db, PUBLIC);
	});
	afterAll(() => db?.close());

	it('is recognised from the seed names, and says why', () => {
		expect(result.adapter.id).toBe('zendesk-tables');
		expect(result.adapter.reason).toContain('ticket_data.csv has the Fivetran Zendesk ticket columns via_channel, requester_id');
		expect(result.source).toBe('zendesk');
	});

	it('imports orgs, schedules and holidays before tickets, each file on its own', () => {
		expect(result.files.map((f) => [f.file, f.entity, f.rowsRead, f.rowsAccepted, f.rowsRejected])).toEqual([
			['organization_data.csv', 'orgs', 10, 10, 0],
			['schedule_data.csv', 'schedules', 5, 5, 0],
			// Two holiday rows, one of them two days long: three closed dates.
			['schedule_holiday_data.csv', 'holidays', 2, 3, 0],
			['ticket_data.csv', 'tickets', 10, 8, 2]
		]);
		// Tickets 1595 and 11013 are deleted: quarantined under the table's own column.
		expect(result.files[3].rejects).toEqual([
			{ line: 2, column: 'status', reason: '"deleted" is no ticket (spam or deleted)' },
			{ line: 7, column: 'status', reason: '"deleted" is no ticket (spam or deleted)' }
		]);
	});

	it('reads solves and reopens from the status history (ticket 11071, by hand from the seeds)', async () => {
		const [row] = await db.query(
			`select created_at, status, priority, requester_id, assignee_id, org_id, group_name, first_response_at,
			        solved_at, final_solved_at, closed_at, reopen_count
			 from fct_tickets where ticket_id = '11071'`
		);
		// open, pending, on-hold, ... open, solved 2020-11-14 11:01:27, closed a day later: never solved -> open.
		expect(row).toEqual({
			created_at: '2020-08-28T18:06:36.000Z',
			status: 'closed',
			priority: 'P1',
			requester_id: '2222',
			assignee_id: '1111',
			org_id: null,
			group_name: '360006965034',
			first_response_at: null,
			solved_at: '2020-11-14T11:01:27.000Z',
			final_solved_at: '2020-11-14T11:01:27.000Z',
			closed_at: '2020-11-15T11:01:27.000Z',
			reopen_count: 0
		});
	});

	it('leaves solve times empty where a ticket has no status history (ticket 16988)', async () => {
		const [row] = await db.query(`select created_at, status, org_id, solved_at from fct_tickets where ticket_id = '16988'`);
		expect(row).toEqual({ created_at: '2020-12-22T00:19:23.000Z', status: 'solved', org_id: '370469077513', solved_at: null });
	});

	it('turns minutes from Sunday into weekdays and local hours, and keeps the holidays', async () => {
		const schedules = await db.query(`select schedule_id, timezone, weekday, open_time, close_time from raw_generic_schedules order by weekday`);
		// 1920-2640 is Monday 08:00-20:00 ... 7680-8400 Friday, in Pacific Time (US & Canada).
		expect(schedules).toEqual(
			[1, 2, 3, 4, 5].map((weekday) => ({ schedule_id: '360000310393', timezone: 'America/Los_Angeles', weekday, open_time: '08:00', close_time: '20:00' }))
		);
		const holidays = await db.query(`select schedule_id, strftime(holiday_on, '%Y-%m-%d') as day, name from raw_generic_holidays order by day`);
		expect(holidays).toEqual([
			{ schedule_id: '360000', day: '2022-12-26', name: 'Test Holiday' },
			{ schedule_id: '360000', day: '2022-12-27', name: 'Test Holiday' },
			{ schedule_id: '360000', day: '2022-12-29', name: 'Test Holiday 2' }
		]);
	});

	it('passes the integrity checks and changes nothing when imported again', async () => {
		expect(await failingChecks(db)).toEqual({});
		const before = await counts(db);
		await importPath(db, PUBLIC);
		expect(await counts(db)).toEqual(before);
	});
});

describe('Zendesk tables with comments, roles and satisfaction history (own fixture)', () => {
	let db: Database;
	let result: PathImportResult;
	beforeAll(async () => {
		db = await memoryDb();
		result = await importPath(db, OWN);
	});
	afterAll(() => db.close());

	it('accepts the plain table names', () => {
		expect(result.adapter.id).toBe('zendesk-tables');
		expect(result.files.map((f) => f.file)).toEqual(['organization.csv', 'schedule.csv', 'schedule_holiday.csv', 'ticket.csv']);
		expect(result.files[3].rejects).toEqual([{ line: 5, column: 'created_at', reason: 'expected a date and time, got "yesterday"' }]);
		expect(result.files[2].rejects).toEqual([{ line: 4, column: 'start_date', reason: 'expected a date YYYY-MM-DD, got "01/01/2026"' }]);
		expect(result.files[3].valueMappings).toContainEqual(expect.objectContaining({ field: 'via_channel', from: 'voice', to: 'phone', rows: 1 }));
	});

	it('takes the first public reply of an agent or admin, not notes, end users, unknown authors or the opening comment', async () => {
		const rows = await db.query(
			`select ticket_id, first_response_at, agent_reply_count, frt_calendar_minutes, frt_business_minutes, status, is_outbound
			 from fct_tickets order by ticket_id`
		);
		expect(rows).toEqual([
			// After a private note at 17:10, the agent's public reply at 17:45:30; the admin's at 18:30 is the second.
			{ ticket_id: '201', first_response_at: '2026-03-02T17:45:30.000Z', agent_reply_count: 2, frt_calendar_minutes: 45.5, frt_business_minutes: 45.5, status: 'closed', is_outbound: false },
			// Opened by an agent (21:00:01, no reply); replied Monday 10:00 EDT across the DST switch:
			// Fri 16-17 (60) + Fri 20-24 (240) + Sat 00-02 (120) + Sun 10-14 (240) + Mon 09-10 (60) = 720.
			{ ticket_id: '202', first_response_at: '2026-03-09T14:00:00.000Z', agent_reply_count: 1, frt_calendar_minutes: 3900, frt_business_minutes: 720, status: 'on_hold', is_outbound: false },
			// A public comment by a user missing from the user table and an agent's note: no reply.
			{ ticket_id: '203', first_response_at: null, agent_reply_count: 0, frt_calendar_minutes: null, frt_business_minutes: null, status: 'new', is_outbound: false },
			{ ticket_id: '205', first_response_at: null, agent_reply_count: 0, frt_calendar_minutes: null, frt_business_minutes: null, status: 'solved', is_outbound: true }
		]);
	});

	it('reads solves, reopens and the rating from the field history', async () => {
		const [row] = await db.query(
			`select solved_at, final_solved_at, closed_at, reopen_count, csat_answer, csat_at, tags, group_name, org_id, segment
			 from fct_tickets where ticket_id = '201'`
		);
		expect(row).toEqual({
			solved_at: '2026-03-02T19:00:00.000Z',
			final_solved_at: '2026-03-04T16:00:00.000Z',
			closed_at: '2026-03-08T16:00:00.000Z',
			reopen_count: 1,
			csat_answer: 'good',
			csat_at: '2026-03-05T09:00:00.000Z',
			tags: ['billing', 'vip'],
			group_name: 'Tier 1',
			org_id: '4001',
			// The organization tag high-touch names a segment.
			segment: 'high_touch'
		});
		const { rows } = await computeKpis(db, parseKpiQuery({ grain: 'month', metrics: 'csat_rate,csat_responses', as_of: '2026-04-01T00:00:00Z' }));
		expect(rows).toEqual([{ period: '2026-03', period_start: '2026-03-01', csat_rate: 1, csat_responses: 1 }]);
	});

	it('splits an interval across midnight, maps Sunday to 7 and skips deleted rows', async () => {
		const rows = await db.query(`select weekday, open_time, close_time from raw_generic_schedules where weekday >= 5 order by weekday, open_time`);
		expect(rows).toEqual([
			{ weekday: 5, open_time: '09:00', close_time: '17:00' },
			{ weekday: 5, open_time: '20:00', close_time: '24:00' },
			{ weekday: 6, open_time: '00:00', close_time: '02:00' },
			{ weekday: 7, open_time: '10:00', close_time: '14:00' }
		]);
		const [{ n }] = await db.query<{ n: number }>(`select count(*)::integer as n from raw_generic_holidays`);
		expect(n).toBe(2);
	});

	it('reads the tables as UTC whatever --timezone says', async () => {
		const other = await memoryDb();
		await importPath(other, OWN, { timezone: 'Asia/Tokyo' });
		const [row] = await other.query(`select created_at, first_response_at, solved_at from fct_tickets where ticket_id = '201'`);
		expect(row).toEqual({ created_at: '2026-03-02T17:00:00.000Z', first_response_at: '2026-03-02T17:45:30.000Z', solved_at: '2026-03-02T19:00:00.000Z' });
		await other.close();
	});

	it('passes the integrity checks and changes nothing when imported again', async () => {
		expect(await failingChecks(db)).toEqual({});
		const before = await counts(db);
		await importPath(db, OWN);
		expect(await counts(db)).toEqual(before);
	});
});
