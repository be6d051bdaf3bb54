import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importPath, type PathImportResult } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { FIXTURES, memoryDb } from '../helpers/db';

// Expected values: test/fixtures/zendesk-csv/README.md.
const EXPORT = join(FIXTURES, 'zendesk-csv');

describe('the Zendesk ticket CSV export', () => {
	let db: Database;
	let result: PathImportResult;
	beforeAll(async () => {
		db = await memoryDb();
		result = await importPath(db, EXPORT, { timezone: 'America/Los_Angeles' });
	});
	afterAll(() => db.close());

	it('is recognised, and says why', () => {
		expect(result.adapter.id).toBe('zendesk-csv');
		expect(result.adapter.reason).toContain('"satisfaction score"');
		expect(result.source).toBe('zendesk');
	});

	it('refuses local times without a zone, naming the column', async () => {
		const other = await memoryDb();
		await expect(importPath(other, EXPORT)).rejects.toThrow(/column Created at: holds local times without a time zone: pass --timezone/);
		await other.close();
	});

	it('quarantines a bad row under the vendor column name, and keeps the rest', () => {
		const [file] = result.files;
		expect([file.rowsRead, file.rowsAccepted, file.rowsRejected]).toEqual([6, 5, 1]);
		expect(file.rejects).toEqual([{ line: 6, column: 'Created at', reason: 'expected a date and time, got "yesterday"' }]);
		expect(file.valueMappings).toContainEqual({ field: 'Via', column: 'channel', from: 'Mail', to: 'email', rows: 2, rule: null });
		expect(file.valueMappings).toContainEqual({ field: 'Satisfaction Score', from: 'Offered', to: null, rows: 1, rule: null });
		expect(file.extraColumns).toContain('Requester external id');
	});

	it('reads local times in the account zone, durations as Zendesk computed them', async () => {
		const rows = await db.query(
			`select ticket_id, created_at, first_response_at, solved_at, final_solved_at, priority, channel, category, csat_answer,
			        resolution_calendar_minutes, full_resolution_calendar_minutes
			 from fct_tickets order by ticket_id`
		);
		expect(rows.map((r) => r.ticket_id)).toEqual(['101', '102', '103', '104', '106']);
		expect(rows[0]).toMatchObject({
			created_at: '2026-03-02T17:00:00.000Z',
			first_response_at: '2026-03-02T17:30:00.000Z',
			solved_at: '2026-03-02T21:00:00.000Z',
			full_resolution_calendar_minutes: 240,
			category: 'billing',
			csat_answer: 'good'
		});
		// Full resolution equals Solved at - Created at across the DST switch: 5340, not 5400.
		expect(rows[1]).toMatchObject({ resolution_calendar_minutes: 1440, full_resolution_calendar_minutes: 5340, csat_answer: null, category: 'problem' });
		// The sentinel 1900 date is no solve; "-" is no priority.
		expect(rows[2]).toMatchObject({ solved_at: null, final_solved_at: null, priority: null, category: 'how_to' });
		expect(rows[3]).toMatchObject({ priority: 'P1', channel: 'phone', csat_answer: 'bad' });
	});

	it('keeps what Zendesk computed beside it', async () => {
		const rows = await db.query(
			`select metric, calendar_minutes, business_minutes from raw_vendor_metrics where ticket_id = '102' order by metric`
		);
		expect(rows).toContainEqual({ metric: 'full_resolution', calendar_minutes: 5340, business_minutes: 660 });
		expect(rows).toContainEqual({ metric: 'requester_wait', calendar_minutes: 4740, business_minutes: 540 });
	});

	it("uses Zendesk's business durations, labelled, where no schedule was imported", async () => {
		const rows = await db.query(
			`select ticket_id, business_clock, frt_business_minutes, resolution_business_minutes, full_resolution_business_minutes
			 from fct_tickets where ticket_id in ('102', '106') order by ticket_id`
		);
		expect(rows).toEqual([
			{ ticket_id: '102', business_clock: 'vendor', frt_business_minutes: 60, resolution_business_minutes: 120, full_resolution_business_minutes: 660 },
			{ ticket_id: '106', business_clock: 'vendor', frt_business_minutes: 0, resolution_business_minutes: 0, full_resolution_business_minutes: 0 }
		]);
		const { meta } = await computeKpis(db, parseKpiQuery({ metrics: 'frt_median_min', hours: 'business', as_of: '2026-04-01T00:00:00Z' }));
		expect(meta.notes).toContain("business hours of source zendesk are the vendor's own figures where its export has them, else the built-in Mon-Fri 09:00-17:00 UTC: no schedule was imported for it");
	});

	it("reports requester wait from Zendesk's own figures", async () => {
		const { rows } = await computeKpis(db, parseKpiQuery({ grain: 'month', metrics: 'requester_wait_median_min', hours: 'calendar', as_of: '2026-04-01T00:00:00Z' }));
		// Only 101 (240) and 102 (4740) carry requester wait; both finally solved in March.
		expect(rows).toEqual([{ period: '2026-03', period_start: '2026-03-01', requester_wait_median_min: 2490 }]);
	});

	it('rates CSAT on Good/Bad and 1-5 alike, ignoring Offered', async () => {
		const { rows } = await computeKpis(db, parseKpiQuery({ grain: 'month', metrics: 'csat_rate,csat_responses', as_of: '2026-04-01T00:00:00Z' }));
		expect(rows).toEqual([{ period: '2026-03', period_start: '2026-03-01', csat_rate: 2 / 3, csat_responses: 3 }]);
	});

	it('changes nothing when the same export is imported again', async () => {
		const before = await db.query(`select (select count(*) from raw_generic_tickets)::integer as t, (select count(*) from raw_vendor_metrics)::integer as m, (select count(*) from import_quarantine)::integer as q`);
		await importPath(db, EXPORT, { timezone: 'America/Los_Angeles' });
		const after = await db.query(`select (select count(*) from raw_generic_tickets)::integer as t, (select count(*) from raw_vendor_metrics)::integer as m, (select count(*) from import_quarantine)::integer as q`);
		expect(after).toEqual(before);
	});
});
