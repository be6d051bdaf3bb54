import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { FIXTURES, memoryDb } from '../helpers/db';

// Every expected value is worked out by hand in test/fixtures/business-hours/README.md.
describe('business-hours durations and SLA outcomes', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		const result = await importGenericPath(db, join(FIXTURES, 'business-hours'), { source: 'generic', timezone: 'UTC' });
		expect(result.files.map((f) => [f.file, f.rowsRejected, f.status])).toEqual([
			['orgs.csv', 0, 'ok'],
			['sla_policies.csv', 0, 'ok'],
			['schedules.csv', 0, 'ok'],
			['holidays.csv', 0, 'ok'],
			['tickets.csv', 0, 'ok']
		]);
	});
	afterAll(() => db.close());

	async function ticket(id: string) {
		const [row] = await db.query(
			`select schedule_key, frt_target_minutes, resolution_target_minutes,
			        ack_business_minutes, ack_calendar_minutes,
			        frt_business_minutes, frt_calendar_minutes,
			        resolution_business_minutes, resolution_calendar_minutes,
			        full_resolution_business_minutes, full_resolution_calendar_minutes
			 from fct_tickets where ticket_id = $id`,
			{ id }
		);
		return row;
	}

	it.each([
		['fri-ny', 'Friday 16:30 to Monday 09:30 New York, across the US DST switch', 60, 3840],
		['fri-late', 'the same instants in a schedule that opens at 09:30', 30, 3840],
		['fri-berlin', 'Friday 16:00 to Monday 10:00 Berlin, across the EU DST switch', 120, 3900],
		['lunch', '11:30 to 13:30 across a 12:00-13:00 lunch break', 60, 120],
		['holiday', 'Wednesday 16:00 to Friday 10:00 across Thanksgiving', 120, 2520],
		['weekend', 'a Saturday on a 24/7 schedule', 120, 120]
	])('measures %s (%s) as %d business minutes', async (id, _case, business, calendar) => {
		const t = await ticket(id);
		expect(t.frt_business_minutes).toBeCloseTo(business, 9);
		expect(t.frt_calendar_minutes).toBe(calendar);
	});

	it('measures resolutions and reopens in the same schedules', async () => {
		expect(await ticket('fri-ny')).toMatchObject({ schedule_key: 'generic:ny', resolution_business_minutes: 150 });
		expect(await ticket('lunch')).toMatchObject({
			schedule_key: 'generic:berlin',
			ack_business_minutes: 1,
			ack_calendar_minutes: 1,
			resolution_business_minutes: 150,
			resolution_calendar_minutes: 210
		});
		expect(await ticket('weekend')).toMatchObject({
			schedule_key: 'generic:always',
			resolution_business_minutes: 180,
			full_resolution_business_minutes: 4500,
			full_resolution_calendar_minutes: 4500
		});
	});

	it('takes the stricter of a plan row and a plan-and-priority row', async () => {
		expect(await ticket('incident')).toMatchObject({ frt_target_minutes: 240, resolution_target_minutes: 2880 });
		expect(await ticket('unanswered')).toMatchObject({ frt_target_minutes: 480, resolution_target_minutes: 2880 });
		expect(await ticket('fri-late')).toMatchObject({ frt_target_minutes: 480, resolution_target_minutes: null });
	});

	const week10 = async (params: Record<string, string>) => {
		const { rows, samples } = await computeKpis(db, parseKpiQuery({ grain: 'week', from: '2026-03-02', to: '2026-03-09', ...params }));
		expect(rows).toHaveLength(1);
		return { row: rows[0], sample: samples[0] };
	};

	it('counts an unanswered ticket as breached only once its business time has passed the target', async () => {
		const before = await week10({ as_of: '2026-03-02T21:00:00Z', metrics: 'tickets_created,sla_frt_breach_rate' });
		expect(before.row).toMatchObject({ tickets_created: 2, sla_frt_breach_rate: 0 });

		const after = await week10({ as_of: '2026-03-03T15:00:00Z', metrics: 'tickets_created,sla_frt_breach_rate,sla_resolution_breach_rate,frt_median_min' });
		// unanswered has used 540 of 480 business minutes; incident (20 of 240) and lunch (60 of 60) are within.
		expect(after.row).toMatchObject({ tickets_created: 3, sla_frt_breach_rate: expect.closeTo(1 / 3, 12), sla_resolution_breach_rate: 0, frt_median_min: 40 });
		expect(after.sample.n).toMatchObject({ sla_frt_breach_rate: 3, frt_median_min: 2 });
	});

	it('computes the created-week KPIs of week 10 in both hours flavours', async () => {
		const asOf = '2026-12-31T00:00:00Z';
		const { row } = await week10({ as_of: asOf, hours: 'business' });
		expect(row).toMatchObject({
			tickets_created: 6,
			tickets_outbound: 1,
			awaiting_first_response: 1,
			frt_median_min: 60,
			ack_median_min: 5,
			sla_frt_breach_rate: expect.closeTo(2 / 6, 12),
			sla_resolution_breach_rate: expect.closeTo(1 / 5, 12),
			sla_achievement_rate: expect.closeTo(4 / 6, 12),
			sla_credit_exposure: 2000,
			rule_10_5_3_rate: 0.5,
			escalation_rate_t2: expect.closeTo(2 / 6, 12),
			escalation_rate_t3: expect.closeTo(1 / 6, 12),
			mtta_min: 5,
			mttr_min: 360,
			tickets_solved: 3,
			resolution_median_min: 180,
			reopen_rate: expect.closeTo(1 / 3, 12),
			one_touch_rate: expect.closeTo(1 / 3, 12),
			full_resolution_median_min: 255,
			backlog_open: 3
		});
		const calendar = await week10({ as_of: asOf, hours: 'calendar', metrics: 'frt_median_min,ack_median_min' });
		expect(calendar.row).toMatchObject({ frt_median_min: 120, ack_median_min: 5 });
	});

	it('defaults to business hours when the data has its own schedule', async () => {
		const { meta } = await computeKpis(db, parseKpiQuery({ metrics: 'tickets_created' }));
		expect(meta.hours).toBe('business');
	});

	it('groups and filters by dimensions with bound values', async () => {
		const { rows } = await computeKpis(
			db,
			parseKpiQuery({ grain: 'month', from: '2026-03-01', to: '2026-04-01', by: 'plan', metrics: 'tickets_created,frt_median_min', hours: 'business', as_of: '2026-12-31T00:00:00Z' })
		);
		expect(rows).toEqual([
			{ period: '2026-03', period_start: '2026-03-01', plan: 'enterprise', tickets_created: 1, frt_median_min: 120 },
			{ period: '2026-03', period_start: '2026-03-01', plan: 'eu', tickets_created: 2, frt_median_min: 90 },
			{ period: '2026-03', period_start: '2026-03-01', plan: 'late', tickets_created: 1, frt_median_min: 30 },
			{ period: '2026-03', period_start: '2026-03-01', plan: 'standard', tickets_created: 3, frt_median_min: 40 }
		]);
		const filtered = await computeKpis(
			db,
			parseKpiQuery(new URLSearchParams('grain=month&from=2026-03-01&to=2026-04-01&where=plan=eu,late&metrics=tickets_created&as_of=2026-12-31T00:00:00Z'))
		);
		expect(filtered.rows).toEqual([{ period: '2026-03', period_start: '2026-03-01', tickets_created: 3 }]);
	});
});
