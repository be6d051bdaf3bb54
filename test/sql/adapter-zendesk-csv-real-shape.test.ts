import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importPath, type PathImportResult } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { failingChecks } from '../helpers/checks';
import { FIXTURES, memoryDb } from '../helpers/db';

// Expected values: test/fixtures/zendesk-csv/real-shape/README.md. An export in the column
// set real accounts choose: no calendar first reply column, minute-rounded durations that
// disagree with "Solved at" by a minute, Via: OutBound, a custom status.
const EXPORT = join(FIXTURES, 'zendesk-csv', 'real-shape');
const AS_OF = '2023-07-01T00:00:00Z';

const counts = (db: Database) =>
	db.query(
		`select (select count(*) from raw_generic_tickets)::integer as t,
		        (select count(*) from raw_vendor_metrics)::integer as m,
		        (select count(*) from import_adjustments)::integer as a,
		        (select count(*) from import_quarantine)::integer as q`
	);

describe('a Zendesk CSV export as real accounts write it', () => {
	let db: Database;
	let result: PathImportResult;
	beforeAll(async () => {
		db = await memoryDb();
		result = await importPath(db, EXPORT, { adapter: 'auto', timezone: 'Asia/Kolkata' });
	});
	afterAll(() => db.close());

	it('keeps every ticket, and says which it adjusted and why', () => {
		expect(result.adapter.id).toBe('zendesk-csv');
		const [file] = result.files;
		expect([file.rowsRead, file.rowsAccepted, file.rowsAdjusted, file.rowsRejected]).toEqual([8, 8, 3, 0]);
		expect(file.adjustmentReasons).toEqual([
			{ reason: 'First resolution time in minutes is after Solved at, the last solve: moved back to it', rows: 2 },
			{ reason: 'Solved at is before Created at by at most 5 min (rounding): moved to Created at', rows: 1 }
		]);
		expect(file.adjustments).toEqual([
			// 10:00 IST + 151 min = 12:31 IST = 07:01Z, a minute after Solved at 12:30 IST.
			{ line: 2, column: 'First resolution time in minutes', value: '2023-04-03T07:01:00.000000Z', adjustedTo: '2023-04-03 07:00:00 UTC', rule: 'is after Solved at, the last solve: moved back to it' },
			// 14:00:27 + 120 min = 16:00:27, 27 s after Solved at 16:00:00.
			{ line: 5, column: 'First resolution time in minutes', value: '2023-04-10T10:30:27.000000Z', adjustedTo: '2023-04-10 10:30:00 UTC', rule: 'is after Solved at, the last solve: moved back to it' },
			// Solved at 07:58 IST, two minutes before Created at 08:00 IST.
			{ line: 9, column: 'Solved at', value: '2023-06-01 07:58:00', adjustedTo: '2023-06-01 02:30:00 UTC', rule: 'is before Created at by at most 5 min (rounding): moved to Created at' }
		]);
		expect(file.valueMappings).toContainEqual({ field: 'Via', column: 'channel', from: 'OutBound', to: 'outbound', rows: 1, rule: 'default rule' });
		expect(file.valueMappings).toContainEqual({ field: 'Status', column: 'status', from: 'Awaiting Vendor', to: 'open', rows: 1, rule: 'default rule' });
		expect(file.support).toContain("no first reply time stamp: FRT in calendar hours will be empty; FRT in business hours is the vendor's own figure (6 tickets)");
	});

	it('counts Via: OutBound as outbound, and reopens from the Reopens column', async () => {
		const { rows, meta } = await computeKpis(
			db,
			parseKpiQuery({ grain: 'quarter', metrics: 'tickets_created,tickets_outbound,tickets_solved,reopen_rate,csat_rate,csat_responses', as_of: AS_OF })
		);
		// 7 inbound, 5002 outbound; solved inbound: 5001, 5003, 5004, 5006, 5008. Only 5003 has
		// Reopens >= 1; 5006's first (59) and full (60) resolution differ by rounding alone.
		// CSAT: 5001 Good, 5003 Bad.
		expect(rows).toEqual([
			{ period: '2023-Q2', period_start: '2023-04-01', tickets_created: 7, tickets_outbound: 1, tickets_solved: 5, reopen_rate: 0.2, csat_rate: 0.5, csat_responses: 2 }
		]);
		expect(meta.hours).toBe('business');
	});

	it("uses Zendesk's business-hours first reply time where it is the only one, labelled as Zendesk's", async () => {
		const q = { grain: 'quarter', metrics: 'frt_median_min,awaiting_first_response,resolution_median_min', as_of: AS_OF };
		const business = await computeKpis(db, parseKpiQuery(q));
		// FRT (business, Zendesk's): 5, 15, 20, 30, 45, 60 -> median (20 + 30) / 2 = 25; 5008
		// has none. Resolution (business, Zendesk's): 0, 59, 120, 150, 480 -> 120.
		expect(business.rows[0]).toMatchObject({ frt_median_min: 25, awaiting_first_response: 1, resolution_median_min: 120 });
		expect(business.meta.notes).toEqual(["business hours of source zendesk are the vendor's own figures where its export has them, else the built-in Mon-Fri 09:00-17:00 UTC: no schedule was imported for it"]);
		// Calendar: no reply instant in the export, so no calendar FRT; resolution from the
		// (adjusted) solve times: 0, 59, 119.55 (16:00:00 - 14:00:27), 150, 1440 -> 119.55.
		const calendar = await computeKpis(db, parseKpiQuery({ ...q, hours: 'calendar' }));
		expect(calendar.rows[0]).toMatchObject({ frt_median_min: null, resolution_median_min: 119.55 });
	});

	it('passes the integrity checks, and changes nothing when imported again', async () => {
		expect(await failingChecks(db)).toEqual({});
		const before = await counts(db);
		// Zendesk's own durations kept per ticket (a metric with a calendar or business value):
		// 4 + 3 + 4 + 4 + 1 + 4 + 2 + 3 = 25 (README).
		expect(before).toEqual([{ t: 8, m: 25, a: 3, q: 0 }]);
		const again = await importPath(db, EXPORT, { timezone: 'Asia/Kolkata' });
		expect(again.files[0].rowsAdjusted).toBe(3);
		expect(await counts(db)).toEqual(before);
	});

	it('previews with --dry-run the same summary, writing nothing', async () => {
		const empty = await memoryDb();
		const preview = await importPath(empty, EXPORT, { timezone: 'Asia/Kolkata', dryRun: true });
		expect(preview.dryRun).toBe(true);
		expect(preview.modelRefresh).toBe('none');
		const { runId, path, ...summary } = preview.files[0];
		const { runId: _r, path: _p, ...imported } = result.files[0];
		expect(runId).toBe(0);
		expect(summary).toEqual(imported);
		expect(await counts(empty)).toEqual([{ t: 0, m: 0, a: 0, q: 0 }]);
		expect(await empty.query('select count(*)::integer as n from import_runs')).toEqual([{ n: 0 }]);
		await empty.close();
	});
});
