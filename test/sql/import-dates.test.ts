import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importPath, type PathImportResult } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { failingChecks } from '../helpers/checks';
import { FIXTURES, memoryDb } from '../helpers/db';

// Expected values: test/fixtures/dates/README.md, where each one is worked out by hand.
const DATES = join(FIXTURES, 'dates');

const kpis = (db: Database, metrics: string, tz: string) =>
	computeKpis(db, parseKpiQuery({ grain: 'month', metrics, hours: 'calendar', tz, as_of: '2026-05-01T00:00:00Z' })).then((r) =>
		r.rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => k === 'period' || metrics.split(',').includes(k))))
	);

describe('a Freshdesk export re-saved by Excel (DD/MM/YYYY H:MM, durations past 99 hours)', () => {
	let db: Database;
	let result: PathImportResult;
	beforeAll(async () => {
		db = await memoryDb();
		result = await importPath(db, join(DATES, 'freshdesk-excel'), { adapter: 'auto', timezone: 'Europe/London' });
	});
	afterAll(() => db.close());

	it('is recognised and accepts every ticket, saying how it read the dates', () => {
		expect(result.adapter.id).toBe('freshdesk-csv');
		const [file] = result.files;
		expect(file.error).toBeNull();
		expect([file.rowsRead, file.rowsAccepted, file.rowsRejected]).toEqual([7, 7, 0]);
		// 13/03/2026 (ticket 2002, line 3) is the first date whose first number is above 12.
		expect(file.timestampFormats).toEqual([
			{ column: 'Created time', format: 'DD/MM/YYYY H:MM (day-first: 13/03/2026 at line 3)' },
			{ column: 'Resolved time', format: 'DD/MM/YYYY H:MM (day-first, as "Created time" shows)' },
			{ column: 'Closed time', format: 'DD/MM/YYYY H:MM (day-first, as "Created time" shows)' },
			{ column: 'Initial response time', format: 'DD/MM/YYYY H:MM (day-first, as "Created time" shows)' }
		]);
	});

	it('reads the local times in Europe/London, GMT before 29 March and BST after', async () => {
		const rows = await db.query(
			`select ticket_id, created_at, first_response_at, solved_at, closed_at, status, frt_calendar_minutes, resolution_calendar_minutes
			 from fct_tickets order by ticket_id`
		);
		expect(rows).toEqual([
			// GMT: local = UTC. 09:00 -> 09:45 = 45; 2 Mar 09:00 -> 5 Mar 15:30 = 3 d 6.5 h = 78.5 h = 4710.
			{
				ticket_id: '2001',
				created_at: '2026-03-02T09:00:00.000Z',
				first_response_at: '2026-03-02T09:45:00.000Z',
				solved_at: '2026-03-05T15:30:00.000Z',
				closed_at: '2026-03-07T15:30:00.000Z',
				status: 'closed',
				frt_calendar_minutes: 45,
				resolution_calendar_minutes: 4710
			},
			// Fri 13 16:20 -> Mon 16 08:05 = 72 h - 8 h 15 = 63 h 45 = 3825; -> Fri 20 10:20 = 168 h - 6 h = 9720.
			{
				ticket_id: '2002',
				created_at: '2026-03-13T16:20:00.000Z',
				first_response_at: '2026-03-16T08:05:00.000Z',
				solved_at: '2026-03-20T10:20:00.000Z',
				closed_at: null,
				status: 'solved',
				frt_calendar_minutes: 3825,
				resolution_calendar_minutes: 9720
			},
			// Across the switch: 27 Mar 17:00 GMT = 17:00Z; 30 Mar 09:00 BST = 08:00Z: 63 h = 3780
			// (64 h on the wall clock); 2 Apr 11:30 BST = 10:30Z: 6 d - 6.5 h = 137.5 h = 8250.
			{
				ticket_id: '2003',
				created_at: '2026-03-27T17:00:00.000Z',
				first_response_at: '2026-03-30T08:00:00.000Z',
				solved_at: '2026-04-02T10:30:00.000Z',
				closed_at: '2026-04-04T10:30:00.000Z',
				status: 'closed',
				frt_calendar_minutes: 3780,
				resolution_calendar_minutes: 8250
			},
			// BST: 10:00 = 09:00Z, 10:12 = 09:12Z: 12.
			{
				ticket_id: '2004',
				created_at: '2026-04-14T09:00:00.000Z',
				first_response_at: '2026-04-14T09:12:00.000Z',
				solved_at: null,
				closed_at: null,
				status: 'open',
				frt_calendar_minutes: 12,
				resolution_calendar_minutes: null
			},
			// 08:30 BST = 07:30Z -> 09:00 BST = 08:00Z: 30.
			{
				ticket_id: '2005',
				created_at: '2026-04-01T07:30:00.000Z',
				first_response_at: '2026-04-01T08:00:00.000Z',
				solved_at: null,
				closed_at: null,
				status: 'pending',
				frt_calendar_minutes: 30,
				resolution_calendar_minutes: null
			},
			// 1 Apr 00:30 BST is 31 Mar 23:30Z; 01:10 BST = 00:10Z: 40; 09:10 BST = 08:10Z: 8 h 40 = 520.
			{
				ticket_id: '2006',
				created_at: '2026-03-31T23:30:00.000Z',
				first_response_at: '2026-04-01T00:10:00.000Z',
				solved_at: '2026-04-01T08:10:00.000Z',
				closed_at: null,
				status: 'solved',
				frt_calendar_minutes: 40,
				resolution_calendar_minutes: 520
			},
			// 25 Mar 11:00 GMT -> 14:00: 180; -> 29 Mar 10:00 BST = 09:00Z: 96 h - 2 h = 94 h = 5640 (95 h on the wall clock).
			{
				ticket_id: '2007',
				created_at: '2026-03-25T11:00:00.000Z',
				first_response_at: '2026-03-25T14:00:00.000Z',
				solved_at: '2026-03-29T09:00:00.000Z',
				closed_at: '2026-03-31T09:00:00.000Z',
				status: 'closed',
				frt_calendar_minutes: 180,
				resolution_calendar_minutes: 5640
			}
		]);
	});

	it("keeps Freshdesk's durations past 99 hours and reads 0:00:00 as none", async () => {
		const rows = await db.query(
			`select ticket_id, metric, business_minutes from raw_vendor_metrics
			 where metric in ('frt', 'resolution') order by ticket_id, metric`
		);
		expect(rows).toEqual([
			{ ticket_id: '2001', metric: 'frt', business_minutes: 45 }, // 0:45:00
			{ ticket_id: '2001', metric: 'resolution', business_minutes: 1410 }, // 23:30:00 = 23 x 60 + 30
			{ ticket_id: '2002', metric: 'frt', business_minutes: 945 }, // 15:45:00 = 15 x 60 + 45
			{ ticket_id: '2002', metric: 'resolution', business_minutes: 6260 }, // 104:20:00 = 104 x 60 + 20
			// 2003: First response 0:00:00 is none; 100:30:00 = 100 x 60 + 30.
			{ ticket_id: '2003', metric: 'resolution', business_minutes: 6030 },
			{ ticket_id: '2004', metric: 'frt', business_minutes: 12 }, // 0:12:00; resolution 00:00:00 is none
			{ ticket_id: '2005', metric: 'frt', business_minutes: 30 }, // 0:30 (H:MM); resolution 0:00 is none
			{ ticket_id: '2006', metric: 'frt', business_minutes: 40 }, // 0:40:00
			{ ticket_id: '2006', metric: 'resolution', business_minutes: 520 }, // 8:40:00
			{ ticket_id: '2007', metric: 'frt', business_minutes: 180 }, // 3:00:00
			{ ticket_id: '2007', metric: 'resolution', business_minutes: 3930 } // 65:30:00 = 65 x 60 + 30
		]);
	});

	it('gives the hand-checked FRT and resolution KPIs by month in Europe/London', async () => {
		// Created in March (local): 2001 45, 2002 3825, 2003 3780, 2007 180 -> sorted 45, 180,
		// 3780, 3825: median (180 + 3780) / 2 = 1980, mean 7830 / 4 = 1957.5. April: 2004 12,
		// 2005 30, 2006 40 (00:30 BST on 1 April): median 30, mean 82 / 3.
		expect(await kpis(db, 'tickets_created,frt_median_min,frt_mean_min', 'Europe/London')).toEqual([
			{ period: '2026-03', tickets_created: 4, frt_median_min: 1980, frt_mean_min: 1957.5 },
			{ period: '2026-04', tickets_created: 3, frt_median_min: 30, frt_mean_min: 82 / 3 }
		]);
		// Solved in March: 2001 4710, 2002 9720, 2007 5640: median 5640, mean 20070 / 3 = 6690.
		// April: 2003 8250, 2006 520: median = mean = (8250 + 520) / 2 = 4385.
		expect(await kpis(db, 'tickets_solved,resolution_median_min,resolution_mean_min', 'Europe/London')).toEqual([
			{ period: '2026-03', tickets_solved: 3, resolution_median_min: 5640, resolution_mean_min: 6690 },
			{ period: '2026-04', tickets_solved: 2, resolution_median_min: 4385, resolution_mean_min: 4385 }
		]);
		// Reported in UTC, 2006 (31 Mar 23:30Z) is a March ticket: BST decides the month.
		expect(await kpis(db, 'tickets_created', 'UTC')).toEqual([
			{ period: '2026-03', tickets_created: 5 },
			{ period: '2026-04', tickets_created: 2 }
		]);
	});

	it('passes the integrity checks and changes nothing when imported again', async () => {
		expect(await failingChecks(db)).toEqual({});
		const count = () => db.query(`select (select count(*) from raw_generic_tickets)::integer as t, (select count(*) from raw_vendor_metrics)::integer as m`);
		const before = await count();
		await importPath(db, join(DATES, 'freshdesk-excel'), { timezone: 'Europe/London' });
		expect(await count()).toEqual(before);
	});
});

describe('a generic tickets.csv written month-first with AM/PM', () => {
	it('reads MM/DD/YYYY h:mm AM/PM in the zone given, noon and midnight included', async () => {
		const db = await memoryDb();
		const result = await importPath(db, join(DATES, 'month-first'), { timezone: 'America/New_York' });
		const [file] = result.files;
		expect([file.rowsRead, file.rowsAccepted, file.rowsRejected]).toEqual([4, 4, 0]);
		// 3/13/2026 (m3, line 4): a second number above 12.
		expect(file.timestampFormats).toEqual([
			{ column: 'created_at', format: 'MM/DD/YYYY h:mm AM/PM (month-first: 3/13/2026 at line 4)' },
			{ column: 'first_response_at', format: 'MM/DD/YYYY h:mm AM/PM (month-first, as "created_at" shows)' },
			{ column: 'solved_at', format: 'MM/DD/YYYY h:mm AM/PM (month-first, as "created_at" shows)' }
		]);
		const rows = await db.query(
			`select ticket_id, created_at, first_response_at, solved_at, frt_calendar_minutes, resolution_calendar_minutes
			 from fct_tickets order by ticket_id`
		);
		expect(rows).toEqual([
			// EST (UTC-5) before Sun 8 March: 9:15 AM = 14:15Z; 11:45 AM = 16:45Z: 150;
			// 3 Mar 4:30 PM = 21:30Z: 24 h + 7 h 15 = 31 h 15 = 1875.
			{
				ticket_id: 'm1',
				created_at: '2026-03-02T14:15:00.000Z',
				first_response_at: '2026-03-02T16:45:00.000Z',
				solved_at: '2026-03-03T21:30:00.000Z',
				frt_calendar_minutes: 150,
				resolution_calendar_minutes: 1875
			},
			// 11:50 PM EST = 7 Mar 04:50Z; 12:10 AM (just after midnight) = 05:10Z: 20;
			// 9 Mar 12:30 PM (noon) EDT (UTC-4) = 16:30Z: 2 d 11 h 40 = 59 h 40 = 3580 (60 h 40 on the wall clock).
			{
				ticket_id: 'm2',
				created_at: '2026-03-07T04:50:00.000Z',
				first_response_at: '2026-03-07T05:10:00.000Z',
				solved_at: '2026-03-09T16:30:00.000Z',
				frt_calendar_minutes: 20,
				resolution_calendar_minutes: 3580
			},
			// EDT: 8:05 AM = 12:05Z; 12:00 PM = 16:00Z: 3 h 55 = 235.
			{
				ticket_id: 'm3',
				created_at: '2026-03-13T12:05:00.000Z',
				first_response_at: '2026-03-13T16:00:00.000Z',
				solved_at: null,
				frt_calendar_minutes: 235,
				resolution_calendar_minutes: null
			},
			// 1:00 PM EDT = 17:00Z; 1:45 PM = 17:45Z: 45.
			{
				ticket_id: 'm4',
				created_at: '2026-03-20T17:00:00.000Z',
				first_response_at: '2026-03-20T17:45:00.000Z',
				solved_at: null,
				frt_calendar_minutes: 45,
				resolution_calendar_minutes: null
			}
		]);
		// FRT 150, 20, 235, 45 -> sorted 20, 45, 150, 235: median (45 + 150) / 2 = 97.5, mean 450 / 4 = 112.5.
		expect(await kpis(db, 'frt_median_min,frt_mean_min', 'America/New_York')).toEqual([
			{ period: '2026-03', frt_median_min: 97.5, frt_mean_min: 112.5 }
		]);
		await db.close();
	});
});

describe('a generic tickets.csv with Excel serial dates', () => {
	it('reads days since 1899-12-30 as local time in the zone given', async () => {
		const db = await memoryDb();
		const result = await importPath(db, join(DATES, 'excel-serial'), { timezone: 'Europe/Berlin' });
		const [file] = result.files;
		expect([file.rowsRead, file.rowsAccepted, file.rowsRejected]).toEqual([2, 2, 0]);
		expect(file.timestampFormats).toEqual([
			{ column: 'created_at', format: 'Excel serial numbers (days since 1899-12-30)' },
			{ column: 'first_response_at', format: 'Excel serial numbers (days since 1899-12-30)' },
			{ column: 'solved_at', format: 'Excel serial numbers (days since 1899-12-30)' }
		]);
		const rows = await db.query(
			`select ticket_id, created_at, first_response_at, solved_at, frt_calendar_minutes, resolution_calendar_minutes
			 from fct_tickets order by ticket_id`
		);
		expect(rows).toEqual([
			// 46083 = 2 Mar 2026; .375 d = 9 h: 09:00 CET = 08:00Z; .40625 d = 9.75 h = 09:45 CET:
			// 45; 46084.5 = 3 Mar 12:00 CET = 11:00Z: 27 h = 1620.
			{
				ticket_id: 'x1',
				created_at: '2026-03-02T08:00:00.000Z',
				first_response_at: '2026-03-02T08:45:00.000Z',
				solved_at: '2026-03-03T11:00:00.000Z',
				frt_calendar_minutes: 45,
				resolution_calendar_minutes: 1620
			},
			// 46113 = 46083 + 30 = 1 Apr 2026; .7083333333 d = 17 h (to the second): 17:00 CEST =
			// 15:00Z; 46114.3541666667 = 2 Apr 08:30 CEST = 06:30Z: 15 h 30 = 930.
			{
				ticket_id: 'x2',
				created_at: '2026-04-01T15:00:00.000Z',
				first_response_at: '2026-04-02T06:30:00.000Z',
				solved_at: null,
				frt_calendar_minutes: 930,
				resolution_calendar_minutes: null
			}
		]);
		await db.close();
	});
});

describe('a file whose dates read both day-first and month-first', () => {
	const AMBIGUOUS = join(DATES, 'ambiguous');

	it('fails, naming its columns and asking for --date-format', async () => {
		const db = await memoryDb();
		const result = await importPath(db, AMBIGUOUS, {});
		const [file] = result.files;
		expect(file.status).toBe('failed');
		expect(file.error).toBe(
			'tickets.csv: columns "created_at", "first_response_at" have dates like 03/04/2026 that read both day-first and month-first: pass --date-format DD/MM/YYYY or MM/DD/YYYY'
		);
		const [{ n }] = await db.query(`select count(*)::integer as n from raw_generic_tickets`);
		expect(n).toBe(0);
		await db.close();
	});

	it('is read day-first with --date-format DD/MM/YYYY, month-first with MM/DD/YYYY', async () => {
		const db = await memoryDb();
		const dayFirst = await importPath(db, AMBIGUOUS, { dateFormat: 'day-first' });
		expect(dayFirst.files[0]).toMatchObject({ status: 'ok', rowsAccepted: 2, rowsRejected: 0 });
		expect(dayFirst.files[0].timestampFormats[0]).toEqual({ column: 'created_at', format: 'DD/MM/YYYY H:MM (day-first, as --date-format says)' });
		// UTC (the generic default): 03/04 = 3 April; a2 5 Apr 14:00 -> 6 Apr 10:00 = 20 h = 1200.
		expect(await db.query(`select ticket_id, created_at, frt_calendar_minutes from fct_tickets order by ticket_id`)).toEqual([
			{ ticket_id: 'a1', created_at: '2026-04-03T09:00:00.000Z', frt_calendar_minutes: 30 },
			{ ticket_id: 'a2', created_at: '2026-04-05T14:00:00.000Z', frt_calendar_minutes: 1200 }
		]);

		// Month-first, 03/04 and 05/04 are 4 March and 4 May (re-imported: the same tickets replaced).
		await importPath(db, AMBIGUOUS, { dateFormat: 'month-first' });
		expect(await db.query(`select ticket_id, created_at from fct_tickets order by ticket_id`)).toEqual([
			{ ticket_id: 'a1', created_at: '2026-03-04T09:00:00.000Z' },
			{ ticket_id: 'a2', created_at: '2026-05-04T14:00:00.000Z' }
		]);
		await db.close();
	});
});
