import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importPath, type PathImportResult } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { failingChecks } from '../helpers/checks';
import { FIXTURES, memoryDb } from '../helpers/db';

// Expected values, each worked out by hand: test/fixtures/freshdesk-csv/excel-resave/README.md.
// One Freshdesk export in the two forms teams hand it over: re-saved by Excel as CSV
// (DD/MM/YYYY H:MM, durations past 99 hours, 0:00:00 for none, custom statuses) and
// Freshdesk's own "Excel" export (SpreadsheetML 2003 named .xls). Both used to import 0 rows.
const CSV_FOLDER = join(FIXTURES, 'freshdesk-csv', 'excel-resave');
const XLS_FOLDER = join(CSV_FOLDER, 'xls');
const TZ = 'Europe/London';
const AS_OF = '2026-04-15T00:00:00Z';
const KINDS = ['csv', 'xls'] as const;
type Kind = (typeof KINDS)[number];

const counts = (db: Database) =>
	db.query(
		`select (select count(*) from raw_generic_tickets)::integer as t,
		        (select count(*) from raw_vendor_metrics)::integer as m,
		        (select count(*) from import_adjustments)::integer as a,
		        (select count(*) from import_quarantine)::integer as q`
	);

const tickets = (db: Database) =>
	db.query(
		`select ticket_id, created_at, first_response_at, solved_at, closed_at, status, channel, priority, is_outbound,
		        csat_answer, frt_calendar_minutes, resolution_calendar_minutes
		 from fct_tickets order by ticket_id`
	);

const vendorMetrics = (db: Database) =>
	db.query(`select ticket_id, metric, calendar_minutes, business_minutes, outcome from raw_vendor_metrics order by all`);

const CALENDAR_METRICS =
	'tickets_created,tickets_outbound,tickets_solved,awaiting_first_response,frt_median_min,frt_mean_min,resolution_median_min,csat_rate,csat_responses';

/** The month KPIs in calendar hours, periods in UTC (the default tz). */
const calendarKpis = async (db: Database) =>
	(await computeKpis(db, parseKpiQuery({ grain: 'month', metrics: CALENDAR_METRICS, hours: 'calendar', as_of: AS_OF }))).rows;

/** Every KPI by month in the default hours, as the reports would show them. */
const allKpis = async (db: Database) => (await computeKpis(db, parseKpiQuery({ grain: 'month', as_of: AS_OF }))).rows;

describe('a Freshdesk export as teams hand it over: re-saved by Excel, and as Freshdesk .xls', () => {
	const dbs = {} as Record<Kind, Database>;
	const results = {} as Record<Kind, PathImportResult>;
	beforeAll(async () => {
		for (const [kind, folder] of [['csv', CSV_FOLDER], ['xls', XLS_FOLDER]] as const) {
			dbs[kind] = await memoryDb();
			results[kind] = await importPath(dbs[kind], folder, { adapter: 'auto', timezone: TZ });
		}
	});
	afterAll(async () => {
		for (const db of Object.values(dbs)) await db.close();
	});

	it.each(KINDS)('.%s is recognised as the Freshdesk ticket export and keeps every ticket', (kind) => {
		expect(results[kind].adapter.id).toBe('freshdesk-csv');
		expect(results[kind].source).toBe('freshdesk');
		expect(results[kind].files.map((f) => f.file)).toEqual([`tickets_export.${kind}`]);
		const [file] = results[kind].files;
		expect(file.status).toBe('ok');
		expect(file.error).toBeNull();
		expect([file.rowsRead, file.rowsAccepted, file.rowsAdjusted, file.rowsRejected]).toEqual([10, 10, 0, 0]);
		expect(file.rejects).toEqual([]);
	});

	it.each(KINDS)('.%s reports the custom statuses with what they were read as, and by which rule', (kind) => {
		const { valueMappings } = results[kind].files[0];
		// 4005: no resolved or closed time, and "Globex" is no word of the customer: open.
		expect(valueMappings).toContainEqual({ field: 'Status', column: 'status', from: 'Waiting on Globex', to: 'open', rows: 1, rule: 'default rule' });
		// 4006: a status no map knows, with a Resolved time: solved.
		expect(valueMappings).toContainEqual({ field: 'Status', column: 'status', from: 'Awaiting Release', to: 'solved', rows: 1, rule: 'default rule' });
		// 4004: built into the Freshdesk adapter.
		expect(valueMappings).toContainEqual({ field: 'Status', column: 'status', from: 'Waiting on Customer', to: 'pending', rows: 1, rule: null });
		expect(valueMappings).toContainEqual({ field: 'Source', column: 'channel', from: 'Outbound Email', to: 'email', rows: 1, rule: null });
		expect(valueMappings).toContainEqual(expect.objectContaining({ field: 'Survey results', from: 'Extremely unhappy', to: '1', rows: 1 }));
		expect(valueMappings.filter((m) => m.rule === 'default rule').map((m) => m.from)).toEqual(['Awaiting Release', 'Waiting on Globex']);
	});

	it('says how it read the dates: day-first in the CSV, settled at line 3; ISO from the .xls date cells', () => {
		// 4001's 03/03/2026 (line 2) reads either way; 4002's 16/03/2026 (line 3) is the first
		// date whose first number is above 12.
		expect(results.csv.files[0].timestampFormats).toEqual([
			{ column: 'Created time', format: 'DD/MM/YYYY H:MM (day-first: 16/03/2026 at line 3)' },
			{ column: 'Resolved time', format: 'DD/MM/YYYY H:MM (day-first, as "Created time" shows)' },
			{ column: 'Closed time', format: 'DD/MM/YYYY H:MM (day-first, as "Created time" shows)' },
			{ column: 'Initial response time', format: 'DD/MM/YYYY H:MM (day-first, as "Created time" shows)' }
		]);
		expect(results.xls.files[0].timestampFormats).toEqual(
			['Created time', 'Resolved time', 'Closed time', 'Initial response time'].map((column) => ({ column, format: 'ISO 8601' }))
		);
	});

	it('reads the local times in Europe/London, GMT before 29 March and BST after', async () => {
		const rows = await tickets(dbs.csv);
		const t = (id: string) => rows.find((r) => r.ticket_id === id);
		expect(rows).toHaveLength(10);
		// GMT: local = UTC. 9:00 -> 9:40 = 40; -> 04/03 11:00 = 26 h = 1560.
		expect(t('4001')).toMatchObject({ created_at: '2026-03-03T09:00:00.000Z', status: 'closed', frt_calendar_minutes: 40, resolution_calendar_minutes: 1560, csat_answer: '5' });
		// 16/03 14:20 -> 17/03 8:50 = 24 h - 5 h 30 = 1110; -> 23/03 10:50 = 168 h - 3 h 30 = 164.5 h = 9870.
		expect(t('4002')).toMatchObject({ created_at: '2026-03-16T14:20:00.000Z', channel: 'web', frt_calendar_minutes: 1110, resolution_calendar_minutes: 9870 });
		// Across the switch: Fri 27/03 16:00 GMT = 16:00Z; Mon 30/03 9:30 BST = 08:30Z:
		// 72 h - 7 h 30 = 64.5 h = 3870 (65.5 h on the wall clock).
		expect(t('4003')).toMatchObject({
			created_at: '2026-03-27T16:00:00.000Z',
			solved_at: '2026-03-30T08:30:00.000Z',
			closed_at: '2026-04-01T08:30:00.000Z',
			priority: 'P1',
			frt_calendar_minutes: 25,
			resolution_calendar_minutes: 3870
		});
		expect(t('4004')).toMatchObject({ status: 'pending', frt_calendar_minutes: 5, solved_at: null });
		expect(t('4005')).toMatchObject({ status: 'open', frt_calendar_minutes: 90, solved_at: null });
		// A custom status with a Resolved time: solved at it. 18/03 10:00 -> 19/03 16:00 = 30 h.
		expect(t('4006')).toMatchObject({ status: 'solved', solved_at: '2026-03-19T16:00:00.000Z', resolution_calendar_minutes: 1800 });
		expect(t('4007')).toMatchObject({ is_outbound: true, channel: 'email', first_response_at: null, csat_answer: '1' });
		// Closed without a Resolved time: solved when closed, 13:00 -> 14:00.
		expect(t('4008')).toMatchObject({ status: 'closed', solved_at: '2026-03-24T14:00:00.000Z', resolution_calendar_minutes: 60 });
		// 01/04 0:40 BST is 31/03 23:40Z; 1:00 BST = 00:00Z: 20; 10:40 BST = 09:40Z: 600.
		expect(t('4009')).toMatchObject({
			created_at: '2026-03-31T23:40:00.000Z',
			first_response_at: '2026-04-01T00:00:00.000Z',
			solved_at: '2026-04-01T09:40:00.000Z',
			frt_calendar_minutes: 20,
			resolution_calendar_minutes: 600
		});
		expect(t('4010')).toMatchObject({ created_at: '2026-04-07T08:00:00.000Z', status: 'open', first_response_at: null });
	});

	it("keeps Freshdesk's durations past 99 hours, and reads 0:00:00 as none", async () => {
		const rows = await dbs.csv.query(
			`select ticket_id, metric, business_minutes from raw_vendor_metrics
			 where metric in ('frt', 'resolution') order by ticket_id, metric`
		);
		expect(rows).toEqual([
			{ ticket_id: '4001', metric: 'frt', business_minutes: 40 },
			{ ticket_id: '4001', metric: 'resolution', business_minutes: 600 }, // 10:00:00
			{ ticket_id: '4002', metric: 'frt', business_minutes: 160 }, // 2:40:00
			{ ticket_id: '4002', metric: 'resolution', business_minutes: 6750 }, // 112:30:00 = 112 x 60 + 30
			{ ticket_id: '4003', metric: 'frt', business_minutes: 25 },
			{ ticket_id: '4003', metric: 'resolution', business_minutes: 90 },
			{ ticket_id: '4004', metric: 'frt', business_minutes: 5 }, // resolution 0:00:00: none
			{ ticket_id: '4005', metric: 'frt', business_minutes: 90 }, // resolution 0:00:00: none
			{ ticket_id: '4006', metric: 'frt', business_minutes: 45 },
			{ ticket_id: '4006', metric: 'resolution', business_minutes: 840 },
			{ ticket_id: '4007', metric: 'resolution', business_minutes: 30 }, // FRT empty
			{ ticket_id: '4008', metric: 'frt', business_minutes: 15 }, // resolution empty
			{ ticket_id: '4009', metric: 'frt', business_minutes: 20 },
			{ ticket_id: '4009', metric: 'resolution', business_minutes: 600 }
			// 4010: both 0:00:00, none.
		]);
	});

	it('computes the month KPIs in calendar hours, periods in UTC', async () => {
		expect(await calendarKpis(dbs.csv)).toEqual([
			{
				period: '2026-03',
				period_start: '2026-03-01',
				// Inbound created in March (UTC): 4001-4006, 4008 and 4009 (31/03 23:40Z) = 8.
				tickets_created: 8,
				// 4007, Outbound Email, left out of every other metric.
				tickets_outbound: 1,
				// First solve in March: 4001, 4002, 4003 (30/03), 4006 (Awaiting Release), 4008 (at close) = 5.
				tickets_solved: 5,
				awaiting_first_response: 0,
				// 5, 15, 20, 25, 40, 45, 90, 1110: (25 + 40) / 2 = 32.5; mean 1350 / 8 = 168.75.
				frt_median_min: 32.5,
				frt_mean_min: 168.75,
				// By first solve: 60, 1560, 1800, 3870, 9870: 1800.
				resolution_median_min: 1800,
				// By solve (no rating time): 5, 2, 4, 3, 4 (4007's 1 is outbound): 4-5 = 3 of 5.
				csat_rate: 0.6,
				csat_responses: 5
			},
			{
				period: '2026-04',
				period_start: '2026-04-01',
				tickets_created: 1, // 4010
				tickets_outbound: 0,
				tickets_solved: 1, // 4009, 01/04 09:40Z
				awaiting_first_response: 1, // 4010
				frt_median_min: null,
				frt_mean_min: null,
				resolution_median_min: 600, // 4009
				csat_rate: 0, // 4009: Very unhappy = 2
				csat_responses: 1
			}
		]);
	});

	it("uses Freshdesk's business-hours first response times as the business flavour, and says so", async () => {
		const business = await computeKpis(dbs.csv, parseKpiQuery({ grain: 'month', metrics: 'frt_median_min,frt_mean_min,resolution_median_min', as_of: AS_OF }));
		expect(business.meta.hours).toBe('business');
		expect(business.meta.notes).toEqual(["business hours of source freshdesk are the vendor's own figures where its export has them, else the built-in Mon-Fri 09:00-17:00 UTC: no schedule was imported for it"]);
		// Freshdesk's 5, 15, 20, 25, 40, 45, 90, 160 (4002: 2:40:00, not the calendar 1110):
		// median 32.5, mean 400 / 8 = 50.
		// Resolution: Freshdesk's 90, 600, 840, 6750 and 4008's 60 in the built-in hours (it has
		// no Freshdesk figure; left out, it would drop from the median): 600.
		expect(business.rows[0]).toMatchObject({ period: '2026-03', frt_median_min: 32.5, frt_mean_min: 50, resolution_median_min: 600 });
	});

	it('gives the same tickets, Freshdesk figures, value maps and KPIs from the .xls', async () => {
		const [csv] = results.csv.files;
		const [xls] = results.xls.files;
		expect(xls.valueMappings).toEqual(csv.valueMappings);
		expect(xls.extraColumns).toEqual(csv.extraColumns);
		expect(await tickets(dbs.xls)).toEqual(await tickets(dbs.csv));
		expect(await vendorMetrics(dbs.xls)).toEqual(await vendorMetrics(dbs.csv));
		expect(await calendarKpis(dbs.xls)).toEqual(await calendarKpis(dbs.csv));
		expect(await allKpis(dbs.xls)).toEqual(await allKpis(dbs.csv));
		expect(await counts(dbs.xls)).toEqual(await counts(dbs.csv));
	});

	it.each(KINDS)('.%s passes the integrity checks', async (kind) => {
		expect(await failingChecks(dbs[kind])).toEqual({});
	});

	it('changes nothing when imported again, in either form', async () => {
		const before = await counts(dbs.csv);
		// 34 Freshdesk figures kept: 5 + 5 + 5 + 2 + 2 + 5 + 3 + 2 + 5 + 0 (README).
		expect(before).toEqual([{ t: 10, m: 34, a: 0, q: 0 }]);
		const kpisBefore = await allKpis(dbs.csv);
		const ticketsBefore = await tickets(dbs.csv);
		const again = await importPath(dbs.csv, CSV_FOLDER, { adapter: 'auto', timezone: TZ });
		expect([again.files[0].rowsRead, again.files[0].rowsAccepted, again.files[0].rowsRejected]).toEqual([10, 10, 0]);
		// The .xls over the CSV's import: the same tickets of the same source, replaced.
		await importPath(dbs.csv, XLS_FOLDER, { adapter: 'auto', timezone: TZ });
		expect(await counts(dbs.csv)).toEqual(before);
		expect(await tickets(dbs.csv)).toEqual(ticketsBefore);
		expect(await allKpis(dbs.csv)).toEqual(kpisBefore);
		expect(await failingChecks(dbs.csv)).toEqual({});
	});
});
