import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importPath, type PathImportResult } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { failingChecks } from '../helpers/checks';
import { FIXTURES, memoryDb, tempFolder } from '../helpers/db';

// Expected values: test/fixtures/mapped/README.md.
const EXPORT = join(FIXTURES, 'mapped');
const MAPPING = join(EXPORT, 'mapping.yaml');
// The public UCI ServiceNow sample: test/fixtures/public/README.md.
const SERVICENOW = join(FIXTURES, 'public', 'servicenow-incidents-uci', 'incident_event_log_sample.csv');
const SERVICENOW_MAPPING = join(process.cwd(), 'docs', 'mappings', 'servicenow-incidents.json');

const counts = (db: Database) =>
	db.query(
		`select (select count(*) from raw_generic_tickets)::integer as tickets,
		        (select count(*) from raw_generic_orgs)::integer as orgs,
		        (select count(*) from raw_vendor_metrics)::integer as vendor_metrics,
		        (select count(*) from import_quarantine)::integer as quarantine`
	);

describe('a CSV event log read by a mapping file', () => {
	let db: Database;
	let result: PathImportResult;
	beforeAll(async () => {
		db = await memoryDb();
		result = await importPath(db, EXPORT, { adapter: 'mapped', mappingPath: MAPPING });
	});
	afterAll(() => db.close());

	it('reads the files the mapping names, orgs first, and leaves the rest', () => {
		expect(result.adapter).toMatchObject({ id: 'mapped', reason: '--source mapped given' });
		expect(result.files.map((f) => [f.file, f.entity, f.status])).toEqual([
			['crm_accounts.csv', 'orgs', 'ok'],
			['incident_events.csv', 'tickets', 'ok']
		]);
		expect(result.ignored).toEqual(['mapping.yaml', 'README.md'].sort());
	});

	it('collapses events into incidents: first opened_at, last state, last resolved_at, most reopens', async () => {
		const rows = await db.query(
			`select ticket_id, created_at, status, channel, priority, category, requester_id, org_id, group_name, assignee_id,
			        solved_at, final_solved_at, closed_at, reopen_count, full_resolution_calendar_minutes
			 from fct_tickets order by ticket_id`
		);
		expect(rows.map((r) => r.ticket_id)).toEqual(['INC001', 'INC002', 'INC004']);
		// Europe/Berlin, CET (UTC+1) before 27 March 2016.
		expect(rows[0]).toMatchObject({
			created_at: '2016-03-01T08:00:00.000Z',
			status: 'closed',
			channel: 'phone',
			priority: 'P3',
			requester_id: 'Caller 1',
			org_id: 'Location 1',
			group_name: 'Group 1',
			assignee_id: 'Agent 7',
			solved_at: '2016-03-01T14:30:00.000Z',
			final_solved_at: '2016-03-01T14:30:00.000Z',
			closed_at: '2016-03-06T15:00:00.000Z',
			reopen_count: 0,
			full_resolution_calendar_minutes: 390
		});
		// Events out of file order, sorted by sys_updated_at; reopened once; resolved again
		// after the switch to CEST (UTC+2): 64 local hours less the DST hour.
		expect(rows[1]).toMatchObject({
			created_at: '2016-03-25T16:00:00.000Z',
			status: 'closed',
			channel: 'email',
			priority: 'P2',
			requester_id: 'Caller 2',
			group_name: 'Group 3',
			assignee_id: 'Agent 5',
			solved_at: '2016-03-26T09:00:00.000Z',
			final_solved_at: '2016-03-28T07:00:00.000Z',
			closed_at: '2016-03-29T10:00:00.000Z',
			reopen_count: 1,
			full_resolution_calendar_minutes: 3780
		});
		// The last state "-100" maps to nothing: the last known state (Active) stands; "?" is empty.
		expect(rows[2]).toMatchObject({ status: 'open', channel: 'direct_opening', priority: null, org_id: null, solved_at: null, closed_at: null });
	});

	it('feeds the KPIs: one of two solved incidents reopened, median full resolution of 390 and 3780 minutes', async () => {
		const { rows } = await computeKpis(
			db,
			parseKpiQuery({ grain: 'month', metrics: 'tickets_created,tickets_solved,reopen_rate,full_resolution_median_min', as_of: '2016-04-01T00:00:00Z' })
		);
		expect(rows).toEqual([
			{ period: '2016-03', period_start: '2016-03-01', tickets_created: 3, tickets_solved: 2, reopen_rate: 0.5, full_resolution_median_min: 2085 }
		]);
	});

	it("keeps the last event's made_sla as the vendor's SLA outcome", async () => {
		const rows = await db.query(`select ticket_id, metric, outcome from raw_vendor_metrics order by ticket_id`);
		expect(rows).toEqual([
			{ ticket_id: 'INC001', metric: 'sla_resolution', outcome: 'within' },
			{ ticket_id: 'INC002', metric: 'sla_resolution', outcome: 'breached' },
			{ ticket_id: 'INC004', metric: 'sla_resolution', outcome: 'within' }
		]);
	});

	it('quarantines an incident with an unreadable date at the line of that event, under the source column', async () => {
		const tickets = result.files[1];
		expect([tickets.rowsRead, tickets.rowsAccepted, tickets.rowsRejected]).toEqual([16, 3, 1]);
		expect(tickets.rejects).toEqual([
			{ line: 13, column: 'opened_at', reason: 'expected a date and time, got "31-02-2016 11:00 (expected the format %d-%m-%Y %H:%M)"' }
		]);
		const [q] = await db.query(`select raw_record->>'opened_at' as opened_at, raw_record->>'number' as number from import_quarantine where line = 13`);
		expect(q).toEqual({ opened_at: '31-02-2016 11:00', number: 'INC003' });
	});

	it('reports the values it mapped and the columns it did not read', () => {
		const tickets = result.files[1];
		expect(tickets.valueMappings).toContainEqual(expect.objectContaining({ field: 'incident_state', from: 'Active', to: 'open', rows: 1 }));
		expect(tickets.valueMappings).toContainEqual(expect.objectContaining({ field: 'priority', from: '2 - High', to: 'P2', rows: 1 }));
		expect(tickets.valueMappings).toContainEqual(expect.objectContaining({ field: 'made_sla', from: 'FALSE', to: 'breached', rows: 1 }));
		expect(tickets.extraColumns).toEqual(['active']);
		expect(tickets.support).toContain('no CSAT column: CSAT will be empty');
	});

	it('reads a CRM export as orgs, with segments the tickets join', async () => {
		const orgs = result.files[0];
		expect(orgs.rejects).toEqual([{ line: 4, column: 'ARR (USD)', reason: 'expected a number, got "TBD"' }]);
		expect(orgs.extraColumns).toEqual([]);
		const rows = await db.query(`select org_id, plan, segment, arr, signup_at, extra->>'domain' as domain from raw_generic_orgs order by org_id`);
		expect(rows).toEqual([
			{ org_id: 'Location 1', plan: 'Enterprise', segment: 'high_touch', arr: 120000, signup_at: '2015-06-01T00:00:00.000Z', domain: 'lisbon.example.com' },
			{ org_id: 'Location 2', plan: 'Team', segment: 'blended', arr: 24000.5, signup_at: '2015-09-15T00:00:00.000Z', domain: 'porto.example.com' }
		]);
		const [dim] = await db.query(`select domain from dim_orgs where org_id = 'Location 1'`);
		expect(dim).toEqual({ domain: 'lisbon.example.com' });
		const segments = await db.query(`select ticket_id, segment from fct_tickets where org_id is not null order by ticket_id`);
		expect(segments).toEqual([
			{ ticket_id: 'INC001', segment: 'high_touch' },
			{ ticket_id: 'INC002', segment: 'blended' }
		]);
	});

	it('passes the integrity checks and changes nothing when the same export is imported again', async () => {
		expect(await failingChecks(db)).toEqual({});
		const before = await counts(db);
		const again = await importPath(db, EXPORT, { adapter: 'mapped', mappingPath: MAPPING });
		expect(again.files.map((f) => f.status)).toEqual(['ok', 'ok']);
		expect(await counts(db)).toEqual(before);
	});
});

describe('the ServiceNow incident event log with docs/mappings/servicenow-incidents.json', () => {
	let db: Database;
	let result: PathImportResult;
	beforeAll(async () => {
		db = await memoryDb();
		result = await importPath(db, SERVICENOW, { adapter: 'mapped', mappingPath: SERVICENOW_MAPPING, source: 'servicenow' });
	});
	afterAll(() => db?.close());

	it('collapses 5,998 events into 890 incidents', async () => {
		const [file] = result.files;
		expect([file.status, file.rowsRead, file.rowsAccepted, file.rowsRejected]).toEqual(['ok', 5998, 890, 0]);
		const [row] = await db.query(`select count(*)::integer as n, count(distinct ticket_id)::integer as ids from fct_tickets where source = 'servicenow'`);
		expect(row).toEqual({ n: 890, ids: 890 });
		expect(file.valueMappings).toContainEqual(expect.objectContaining({ field: 'priority', from: '1 - Critical', to: 'P1', rows: 15 }));
	});

	it('matches incidents checked by hand against the CSV', async () => {
		const rows = await db.query(
			`select ticket_id, created_at, status, channel, priority, category, requester_id, org_id, group_name, assignee_id,
			        solved_at, final_solved_at, closed_at, reopen_count
			 from fct_tickets where ticket_id in ('INC0000045', 'INC0000164', 'INC0001155') order by ticket_id`
		);
		// INC0000045, lines 2-5: resolved twice (08:53, 11:29); resolved_at says 11:29; never assigned.
		expect(rows[0]).toMatchObject({
			created_at: '2016-02-29T01:16:00.000Z',
			status: 'closed',
			channel: 'phone',
			priority: 'P3',
			category: 'category_55',
			requester_id: 'Caller 2403',
			org_id: 'Location 143',
			group_name: 'Group 56',
			assignee_id: null,
			solved_at: '2016-02-29T11:29:00.000Z',
			closed_at: '2016-03-05T12:00:00.000Z',
			reopen_count: 0
		});
		// INC0000164, lines 438-444: the category and group changed on the way; the last event's stand.
		expect(rows[1]).toMatchObject({
			created_at: '2016-02-29T10:18:00.000Z',
			category: 'category_53',
			group_name: 'Group 70',
			solved_at: '2016-03-03T14:34:00.000Z',
			closed_at: '2016-03-08T15:00:00.000Z'
		});
		// INC0001155, lines 4653-4658: reopened once, and its last event missed the SLA.
		expect(rows[2]).toMatchObject({
			created_at: '2016-03-02T11:07:00.000Z',
			status: 'closed',
			assignee_id: 'Resolver 139',
			solved_at: '2016-04-25T09:43:00.000Z',
			final_solved_at: '2016-04-25T09:43:00.000Z',
			closed_at: '2016-04-30T10:07:00.000Z',
			reopen_count: 1
		});
		const sla = await db.query(
			`select ticket_id, outcome from raw_vendor_metrics where metric = 'sla_resolution' and ticket_id in ('INC0000045', 'INC0001155') order by ticket_id`
		);
		expect(sla).toEqual([
			{ ticket_id: 'INC0000045', outcome: 'within' },
			{ ticket_id: 'INC0001155', outcome: 'breached' }
		]);
	});

	it("keeps made_sla of each incident's last event", async () => {
		const rows = await db.query(`select outcome, count(*)::integer as n from raw_vendor_metrics group by all order by outcome`);
		expect(rows).toEqual([
			{ outcome: 'breached', n: 395 },
			{ outcome: 'within', n: 495 }
		]);
	});

	it('passes the integrity checks and changes nothing when imported again', async () => {
		expect(await failingChecks(db)).toEqual({});
		const before = await counts(db);
		await importPath(db, SERVICENOW, { adapter: 'mapped', mappingPath: SERVICENOW_MAPPING, source: 'servicenow' });
		expect(await counts(db)).toEqual(before);
	});
});

describe('mapping files', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
	});
	afterAll(() => db.close());

	const events = 'key,changed,minutes,agent,rating,tier,direction\nT-1,2026-01-05 10:00,5,,,T1,in\nT-1,2026-01-05 09:00,,,,,\nT-1,2026-01-05 11:00,20,ann,3,T2,out\nT-1,2026-01-05 12:00,,bob,,,\n';
	const mapping = (columns: object, extra: object = {}) =>
		JSON.stringify({
			version: 1,
			files: [{ match: 'log.csv', entity: 'tickets', timezone: 'UTC', events: { order_by: [{ from: 'changed', type: 'timestamp' }] }, columns, ...extra }]
		});
	const base = { ticket_id: 'key', created_at: { from: 'changed', aggregate: 'min' }, status: { const: 'open' } };

	it('is required with --source mapped, and never detected', async () => {
		const dir = tempFolder({ 'log.csv': events });
		await expect(importPath(db, dir, { adapter: 'mapped' })).rejects.toThrow(/--source mapped needs --mapping FILE/);
		await expect(importPath(db, dir)).rejects.toThrow(/no known export format recognised.*--source mapped --mapping FILE/);
	});

	it('names the mapping file and the key of a column the export does not have', async () => {
		const dir = tempFolder({ 'log.csv': events, 'bad.json': mapping({ ...base, assignee_id: 'owner' }) });
		await expect(importPath(db, dir, { adapter: 'mapped', mappingPath: join(dir, 'bad.json') })).rejects.toThrow(
			/bad\.json: files\[0\]\.columns\.assignee_id: no column "owner" in log\.csv \(its columns: key, changed, minutes/
		);
	});

	it('refuses unknown keys and columns, aggregates that do not fit, unknown directives and zoneless dates', async () => {
		const cases: Array<[string, RegExp]> = [
			[JSON.stringify({ version: 1, files: [], colums: {} }), /m\.json: colums: unknown key \(expected version, description, files\)/],
			[mapping({ ...base, statuss: 'x' }), /files\[0\]\.columns\.statuss: is not a column of the generic tickets format/],
			[mapping({ ...base, outbound: { from: 'direction', aggregate: 'sum' } }), /files\[0\]\.columns\.outbound\.aggregate: sum does not fit a bool column/],
			[mapping({ ...base, assignee_id: { from: 'agent', aggregate: 'newest' } }), /aggregate: must be one of first, last/],
			[mapping(base, { timezone: undefined }), /files\[0\]\.events\.order_by\[0\]: is read as ISO 8601 times that may lack an offset: say which zone/],
			[mapping({ ...base, created_at: { from: 'changed', format: '%d/%q' } }), /created_at\.format: "%q" is not a strptime directive/]
		];
		for (const [text, error] of cases) {
			const dir = tempFolder({ 'log.csv': events, 'm.json': text });
			await expect(importPath(db, dir, { adapter: 'mapped', mappingPath: join(dir, 'm.json') })).rejects.toThrow(error);
		}
	});

	it('fails the file, naming the mapping key, when a value map targets a status deskpulse does not know', async () => {
		const dir = tempFolder({ 'log.csv': events, 'm.json': mapping({ ...base, status: { from: 'tier', values: { T1: 'working' } } }) });
		const r = await importPath(db, dir, { adapter: 'mapped', mappingPath: join(dir, 'm.json'), source: 'vocab' });
		expect(r.files[0].status).toBe('failed');
		expect(r.files[0].error).toMatch(/m\.json: files\[0\]\.columns\.status\.values: "T1" maps to "working", which is not a status deskpulse reads/);
	});

	it('collapses with every kind of aggregate', async () => {
		const dir = tempFolder({
			'log.csv': events,
			'm.json': mapping({
				...base,
				first_response_at: { from: 'changed', aggregate: 'max' },
				assignee_id: { from: 'agent', aggregate: 'first_non_null' },
				tags: { from: 'agent', aggregate: 'last' },
				tier: { from: 'tier', aggregate: 'max' },
				csat_score: { from: 'rating', aggregate: 'last_non_null' },
				agent_replies: { from: 'agent', aggregate: 'count_distinct_non_null' },
				reopens: { from: 'rating', aggregate: 'count_non_null' },
				handle_time_min: { from: 'minutes', aggregate: 'sum' },
				outbound: { from: 'direction', aggregate: 'any_true', values: { out: true, in: false } }
			})
		});
		const r = await importPath(db, dir, { adapter: 'mapped', mappingPath: join(dir, 'm.json'), source: 'sheet' });
		expect(r.files[0].rowsAccepted).toBe(1);
		const [row] = await db.query(
			`select created_at, first_response_at, assignee_id, tags, tier, csat_score, agent_replies, reopens, handle_time_min, outbound
			 from raw_generic_tickets where source = 'sheet'`
		);
		expect(row).toEqual({
			created_at: '2026-01-05T09:00:00.000Z',
			first_response_at: '2026-01-05T12:00:00.000Z',
			assignee_id: 'ann',
			tags: 'bob',
			tier: 'T2',
			csat_score: '3',
			agent_replies: 2,
			reopens: 1,
			handle_time_min: 25,
			outbound: true
		});
	});

	it('reads a one-row-per-ticket spreadsheet with constants and defaults', async () => {
		const dir = tempFolder({
			'Cases.csv': 'Case Number,Opened,State,Origin\n00001001,05/01/2026 09:30 AM,Working,Web\n00001002,06/01/2026 02:15 PM,Closed,Carrier pigeon\n',
			'cases.yaml': [
				'version: 1',
				'files:',
				'  - entity: tickets',
				'    timezone: America/New_York',
				'    columns:',
				'      ticket_id: Case Number',
				'      created_at: { from: Opened, format: "%d/%m/%Y %I:%M %p" }',
				'      status: { from: State, values: { Working: open, Closed: closed } }',
				'      channel: { from: Origin, values: { Web: web, Email: email }, default: other }',
				'      tags: { const: salesforce }'
			].join('\n')
		});
		const r = await importPath(db, dir, { adapter: 'mapped', mappingPath: join(dir, 'cases.yaml'), source: 'sf' });
		expect(r.files[0]).toMatchObject({ rowsRead: 2, rowsAccepted: 2, rowsRejected: 0 });
		const rows = await db.query(`select ticket_id, created_at, status, channel, tags from raw_generic_tickets where source = 'sf' order by ticket_id`);
		expect(rows).toEqual([
			{ ticket_id: '00001001', created_at: '2026-01-05T14:30:00.000Z', status: 'open', channel: 'web', tags: 'salesforce' },
			{ ticket_id: '00001002', created_at: '2026-01-06T19:15:00.000Z', status: 'closed', channel: 'other', tags: 'salesforce' }
		]);
	});
});
