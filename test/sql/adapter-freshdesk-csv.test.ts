import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importPath, type PathImportResult } from '../../src/lib/server/ingest/import-path';
import { freshdeskCsv } from '../../src/lib/server/ingest/adapters/freshdesk-csv';
import { sampleFiles } from '../../src/lib/server/ingest/adapters/sample';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { failingChecks } from '../helpers/checks';
import { FIXTURES, memoryDb } from '../helpers/db';

// Expected values: test/fixtures/freshdesk-csv/README.md.
const EXPORT = join(FIXTURES, 'freshdesk-csv');
const FRESHSERVICE = join(EXPORT, 'freshservice');

const counts = (db: Database) =>
	db.query(
		`select (select count(*) from raw_generic_tickets)::integer as t,
		        (select count(*) from raw_vendor_metrics)::integer as m,
		        (select count(*) from import_quarantine)::integer as q`
	);

describe('the Freshdesk ticket CSV export', () => {
	let db: Database;
	let result: PathImportResult;
	beforeAll(async () => {
		db = await memoryDb();
		result = await importPath(db, EXPORT, { timezone: 'Europe/Berlin' });
	});
	afterAll(() => db.close());

	it('is recognised, and says why', () => {
		expect(result.adapter.id).toBe('freshdesk-csv');
		expect(result.adapter.reason).toContain(`Freshdesk's ticket export columns`);
		expect(result.adapter.reason).toContain('"first response time (in hrs)"');
		expect(result.source).toBe('freshdesk');
	});

	it('does not claim another vendor export', () => {
		expect(freshdeskCsv.detect(sampleFiles(join(FIXTURES, 'zendesk-csv')))).toBeNull();
		expect(freshdeskCsv.detect(sampleFiles(join(FIXTURES, 'generic-small')))).toBeNull();
	});

	it('refuses local times without a zone, naming the column', async () => {
		const other = await memoryDb();
		await expect(importPath(other, EXPORT)).rejects.toThrow(/column Created time: holds local times without a time zone: pass --timezone/);
		await other.close();
	});

	it('keeps a ticket with an unknown custom status, read by the default rule and reported', () => {
		const [file] = result.files;
		expect([file.rowsRead, file.rowsAccepted, file.rowsRejected]).toEqual([6, 6, 0]);
		// "Awaiting Parts" (ticket 1005: no resolved or closed time, no word of the customer) is open.
		expect(file.valueMappings).toContainEqual({ field: 'Status', column: 'status', from: 'Awaiting Parts', to: 'open', rows: 1, rule: 'default rule' });
		expect(file.valueMappings).toContainEqual({ field: 'Status', column: 'status', from: 'Waiting on Third Party', to: 'pending', rows: 1, rule: null });
		expect(file.valueMappings).toContainEqual({ field: 'Source', column: 'channel', from: 'Outbound Email', to: 'email', rows: 1, rule: null });
		expect(file.valueMappings).toContainEqual({ field: 'Source', column: 'channel', from: 'Portal', to: 'web', rows: 1, rule: null });
		expect(file.valueMappings).toContainEqual(expect.objectContaining({ field: 'Survey results', from: 'Extremely happy', to: '5', rows: 1 }));
		expect(file.extraColumns).toEqual(expect.arrayContaining(['Description', 'Due by Time', 'Last update time', 'Customer interactions']));
	});

	it('reads local times in the account zone, across the DST switch', async () => {
		const rows = await db.query(
			`select ticket_id, created_at, first_response_at, solved_at, final_solved_at, closed_at, status, priority, channel,
			        category, tags, requester_id, org_id, is_outbound, agent_reply_count, csat_answer,
			        frt_calendar_minutes, resolution_calendar_minutes, full_resolution_calendar_minutes
			 from fct_tickets order by ticket_id`
		);
		expect(rows.map((r) => r.ticket_id)).toEqual(['1001', '1002', '1003', '1004', '1005', '1006']);
		expect(rows[0]).toMatchObject({
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
			requester_id: '5001',
			org_id: 'Acme',
			agent_reply_count: 2,
			csat_answer: '5',
			frt_calendar_minutes: 30,
			resolution_calendar_minutes: 240
		});
		// Fri 16:00 CET -> Mon 10:00 CEST: 66 local hours less the DST hour.
		expect(rows[1]).toMatchObject({
			created_at: '2026-03-27T15:00:00.000Z',
			solved_at: '2026-03-30T08:00:00.000Z',
			frt_calendar_minutes: 75,
			resolution_calendar_minutes: 3900,
			full_resolution_calendar_minutes: 3900,
			channel: 'web',
			priority: 'P2',
			tags: ['export', 'bug'],
			csat_answer: '2'
		});
		expect(rows[2]).toMatchObject({ status: 'pending', channel: 'chat', priority: 'P4', requester_id: 'cy@initech.example', category: null, solved_at: null });
		expect(rows[3]).toMatchObject({ is_outbound: true, channel: 'email', priority: 'P1', first_response_at: null, resolution_calendar_minutes: 60, csat_answer: null });
		expect(rows[4]).toMatchObject({ status: 'open', channel: 'phone', priority: 'P4' });
		expect(rows[5]).toMatchObject({ created_at: '2026-03-30T06:00:00.000Z', channel: 'social', category: 'feature_request', csat_answer: '4' });
	});

	it('computes FRT from the timestamps when the business-hours column is empty, inventing no vendor value', async () => {
		const [ticket] = await db.query(`select frt_calendar_minutes from fct_tickets where ticket_id = '1003'`);
		expect(ticket.frt_calendar_minutes).toBe(5);
		const vendor = await db.query(`select metric, business_minutes, outcome from raw_vendor_metrics where ticket_id = '1003' order by metric`);
		expect(vendor).toEqual([{ metric: 'sla_frt', business_minutes: null, outcome: 'within' }]);
	});

	it("keeps Freshdesk's business hours and SLA statuses beside deskpulse's", async () => {
		const rows = await db.query(
			`select metric, calendar_minutes, business_minutes, outcome from raw_vendor_metrics where ticket_id = '1002' order by metric`
		);
		expect(rows).toEqual([
			{ metric: 'frt', calendar_minutes: null, business_minutes: 75, outcome: null },
			{ metric: 'full_resolution', calendar_minutes: null, business_minutes: 180, outcome: null },
			{ metric: 'resolution', calendar_minutes: null, business_minutes: 180, outcome: null },
			{ metric: 'sla_frt', calendar_minutes: null, business_minutes: null, outcome: 'within' },
			{ metric: 'sla_resolution', calendar_minutes: null, business_minutes: null, outcome: 'breached' }
		]);
		// No schedule imported: the business durations shown are Freshdesk's, and say so.
		const [t] = await db.query(`select business_clock, resolution_business_minutes from fct_tickets where ticket_id = '1002'`);
		expect(t).toEqual({ business_clock: 'vendor', resolution_business_minutes: 180 });
	});

	it('rates CSAT from the survey text on 1-5, leaving outbound tickets out', async () => {
		const { rows } = await computeKpis(db, parseKpiQuery({ grain: 'month', metrics: 'csat_rate,csat_responses', as_of: '2026-04-01T00:00:00Z' }));
		expect(rows).toEqual([{ period: '2026-03', period_start: '2026-03-01', csat_rate: 2 / 3, csat_responses: 3 }]);
	});

	it('passes the integrity checks', async () => {
		expect(await failingChecks(db)).toEqual({});
	});

	it('changes nothing when the same export is imported again', async () => {
		const before = await counts(db);
		await importPath(db, EXPORT, { timezone: 'Europe/Berlin' });
		expect(await counts(db)).toEqual(before);
	});
});

describe("Freshservice's capitalisation of the same export", () => {
	it('is read by the same adapter', async () => {
		const db = await memoryDb();
		const result = await importPath(db, FRESHSERVICE, { timezone: 'Asia/Kolkata' });
		expect(result.adapter.id).toBe('freshdesk-csv');
		expect(result.adapter.reason).toContain(`Freshservice's ticket export columns`);
		expect(result.files[0].extraColumns).toEqual(expect.arrayContaining(['Impact', 'Sub-Category', 'Item']));
		const rows = await db.query(
			`select ticket_id, created_at, first_response_at, solved_at, status, priority, channel, category, requester_id, csat_answer,
			        frt_calendar_minutes, resolution_calendar_minutes
			 from fct_tickets order by ticket_id`
		);
		expect(rows).toEqual([
			{
				ticket_id: 'INC-101',
				created_at: '2026-04-06T04:30:00.000Z',
				first_response_at: '2026-04-06T05:15:00.000Z',
				solved_at: '2026-04-06T10:00:00.000Z',
				status: 'closed',
				priority: 'P2',
				channel: 'email',
				category: 'hardware',
				requester_id: 'tom@corp.example',
				csat_answer: '3',
				frt_calendar_minutes: 45,
				resolution_calendar_minutes: 330
			},
			{
				ticket_id: 'SR-102',
				created_at: '2026-04-07T03:30:00.000Z',
				first_response_at: null,
				solved_at: null,
				status: 'open',
				priority: 'P4',
				channel: 'web',
				category: 'hardware',
				requester_id: 'sara@corp.example',
				csat_answer: null,
				frt_calendar_minutes: null,
				resolution_calendar_minutes: null
			}
		]);
		const vendor = await db.query(`select metric, business_minutes, outcome from raw_vendor_metrics where ticket_id = 'INC-101' order by metric`);
		expect(vendor).toContainEqual({ metric: 'frt', business_minutes: 45, outcome: null });
		expect(vendor).toContainEqual({ metric: 'resolution', business_minutes: 330, outcome: null });
		await db.close();
	});
});
