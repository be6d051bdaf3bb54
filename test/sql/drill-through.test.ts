import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { DRILLABLE_METRICS, listDrill, parseDrillQuery } from '../../src/lib/server/metrics/drill-through';
import { parseKpiQuery } from '../../src/lib/filters';
import { metricInfo } from '../../src/lib/metric-catalog';
import { FIXTURES, memoryDb, tempFolder } from '../helpers/db';

const AS_OF = '2026-12-31T00:00:00Z';

// The business-hours fixture (test/fixtures/business-hours/README.md), week 2026-W10.
describe('drill-through: the tickets behind a metric cell', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		await importGenericPath(db, join(FIXTURES, 'business-hours'), { source: 'generic', timezone: 'UTC' });
	});
	afterAll(() => db.close());

	const list = (search: string) => {
		const params = new URLSearchParams(`grain=week&period_start=2026-03-02&as_of=${AS_OF}&hours=business&${search}`);
		return listDrill(db, parseDrillQuery('tickets', params, parseKpiQuery(params)));
	};

	it('lists the SLA breaches of a week with the values that decided them', async () => {
		const { meta, rows } = await list('metric=sla_frt_breach_rate&numerator=true&sort=ticket_id&order=asc');
		expect(meta.total).toBe(2);
		expect(rows.map((r) => [r.ticket_id, r.frt_minutes, r.frt_target_minutes, r.is_frt_breached])).toEqual([
			['unanswered', null, 480, true],
			['weekend', 120, 60, true]
		]);
	});

	it('pages and sorts by a per-ticket value', async () => {
		const first = await list('metric=frt_median_min&sort=frt_minutes&order=desc&limit=2');
		expect(first.meta.total).toBe(5);
		expect(first.rows.map((r) => [r.ticket_id, r.frt_minutes])).toEqual([
			['weekend', 120],
			['fri-ny', 60]
		]);
		const past = await list('metric=frt_median_min&limit=2&offset=10');
		expect(past.rows).toEqual([]);
		expect(past.meta.total).toBe(5);
	});

	it('lists exactly the sample each metric of a cell was computed over', async () => {
		const q = parseKpiQuery({ grain: 'week', from: '2026-03-02', to: '2026-03-09', as_of: AS_OF, hours: 'business', metrics: DRILLABLE_METRICS.join(',') });
		const { rows, samples } = await computeKpis(db, q);
		const mismatches: string[] = [];
		for (const metric of DRILLABLE_METRICS) {
			const { meta } = await list(`metric=${metric}&limit=1`);
			const value = rows[0][metric];
			// A count is its own sample; any other metric reports its sample size.
			const expected = metricInfo(metric)?.unit === 'count' ? value : (samples[0].n[metric] ?? 0);
			if (metric === 'sla_credit_exposure') continue; // its __n counts breaching tickets, its sample is every ticket with a target
			if (meta.total !== expected) mismatches.push(`${metric}: ${meta.total} listed, ${expected} in the cell`);
		}
		expect(mismatches).toEqual([]);
	});

	// Tue Mar 3 10:00 EST, mid-week: `unanswered` has waited 540 business minutes for its
	// 480-minute FRT target (breached so far) and 540 of its 2880 resolution minutes (not yet);
	// `incident` (P1: FRT 240, answered in 20, acked in 5, solved in 360) and `lunch` (eu: FRT
	// 60 met exactly, acked in 1, solved in 150 business minutes) meet every target and 10-5-3.
	// Every later ticket of the week does not exist yet.
	it('judges each ticket as of a moment the same way for the rate and for its list', async () => {
		const asOf = '2026-03-03T15:00:00Z';
		const rates = ['sla_frt_breach_rate', 'sla_resolution_breach_rate', 'sla_achievement_rate', 'rule_10_5_3_rate', 'one_touch_rate', 'reopen_rate'];
		const { rows } = await computeKpis(db, parseKpiQuery({ grain: 'week', from: '2026-03-02', to: '2026-03-09', as_of: asOf, hours: 'business', metrics: rates.join(',') }));
		expect(rows[0]).toMatchObject({ sla_frt_breach_rate: 1 / 3, sla_resolution_breach_rate: 0, rule_10_5_3_rate: 2 / 3, one_touch_rate: 1 / 2, reopen_rate: 0 });
		expect(rows[0].sla_achievement_rate).toBeCloseTo(2 / 3, 12);
		const listed = async (metric: string, numerator: boolean) => {
			const params = new URLSearchParams(`grain=week&period_start=2026-03-02&as_of=${asOf}&hours=business&metric=${metric}&numerator=${numerator}&sort=ticket_id&order=asc`);
			return (await listDrill(db, parseDrillQuery('tickets', params, parseKpiQuery(params)))).rows.map((r) => r.ticket_id);
		};
		expect(await listed('sla_frt_breach_rate', true)).toEqual(['unanswered']);
		expect(await listed('sla_resolution_breach_rate', false)).toEqual(['incident', 'lunch', 'unanswered']);
		expect(await listed('sla_achievement_rate', true)).toEqual(['incident', 'lunch']);
		expect(await listed('rule_10_5_3_rate', false)).toEqual(['unanswered']);
		expect(await listed('one_touch_rate', true)).toEqual(['lunch']);
		expect(await listed('reopen_rate', false)).toEqual(['incident', 'lunch']);
	});

	it('names a metric it cannot list tickets for', () => {
		const params = new URLSearchParams('metric=nps_score');
		expect(() => parseDrillQuery('tickets', params, parseKpiQuery(new URLSearchParams()))).toThrow(/no tickets list for "nps_score"/);
		expect(() => parseDrillQuery('tickets', new URLSearchParams('metric=deflection_rate'), parseKpiQuery(new URLSearchParams()))).toThrow(/GET \/api\/v1\/sessions/);
	});
});

describe('drill-through: the sessions and searches behind a self-service cell', () => {
	let db: Database;
	const AS_OF_SS = '2026-03-20T00:00:00Z';
	beforeAll(async () => {
		db = await memoryDb();
		await importGenericPath(
			db,
			tempFolder({
				'orgs.csv': 'org_id,segment\no1,scaled\no2,blended\n',
				'tickets.csv': 'ticket_id,created_at,status,requester_id,org_id\nt1,2026-03-03T12:00:00Z,open,u1,o1\n',
				// s1: ticket from u1 2 h later (not deflected); s2: deflected; s3: bot handed off;
				// s4: bot contained and deflected; s5: voted helpful; s6: voted not helpful.
				'self_service.csv':
					'session_id,started_at,kind,requester_id,org_id,handed_off,helpful\n' +
					's1,2026-03-03T10:00:00Z,search,u1,o1,false,\n' +
					's2,2026-03-03T10:00:00Z,kb,u2,o1,false,\n' +
					's3,2026-03-04T10:00:00Z,bot,u3,o2,true,\n' +
					's4,2026-03-04T10:00:00Z,bot,u4,o2,false,\n' +
					's5,2026-03-05T10:00:00Z,kb,u5,o2,false,true\n' +
					's6,2026-03-05T10:00:00Z,kb,u6,o2,false,false\n',
				'kb_searches.csv':
					'search_id,searched_at,requester_id,org_id,query,results_count,clicked_article_id\n' +
					'q1,2026-03-03T10:00:00Z,u1,o1,Cancel  subscription,0,\n' +
					'q2,2026-03-03T11:00:00Z,u2,o1,export csv,4,kb-217\n' +
					'q3,2026-03-04T11:00:00Z,u3,o2,cancel subscription,0,\n'
			}),
			{ source: 'generic', timezone: 'UTC' }
		);
	});
	afterAll(() => db.close());

	const list = (kind: 'sessions' | 'searches', search: string) => {
		const params = new URLSearchParams(`grain=week&period_start=2026-03-02&as_of=${AS_OF_SS}&${search}`);
		return listDrill(db, parseDrillQuery(kind, params, parseKpiQuery(params)));
	};

	it('lists exactly what each self-service metric of the week was computed over', async () => {
		const q = parseKpiQuery({
			grain: 'week',
			from: '2026-03-02',
			to: '2026-03-09',
			as_of: AS_OF_SS,
			metrics: 'self_service_sessions,sessions_deflected,deflection_rate,bot_containment_rate,article_helpful_rate,kb_searches,search_result_rate,search_click_rate'
		});
		const { rows, samples } = await computeKpis(db, q);
		const [row] = rows;
		const n = samples[0].n;
		expect(row).toMatchObject({ self_service_sessions: 6, sessions_deflected: 4, kb_searches: 3 });
		expect((await list('sessions', 'metric=self_service_sessions')).meta.total).toBe(row.self_service_sessions);
		expect((await list('sessions', 'metric=sessions_deflected')).meta.total).toBe(row.sessions_deflected);
		expect((await list('sessions', 'metric=deflection_rate&numerator=true')).meta.total).toBe(row.sessions_deflected);
		expect((await list('sessions', 'metric=bot_containment_rate')).meta.total).toBe(n.bot_containment_rate);
		expect((await list('sessions', 'metric=bot_containment_rate&numerator=true')).rows.map((r) => r.session_id)).toEqual(['s4']);
		expect((await list('sessions', 'metric=article_helpful_rate')).meta.total).toBe(n.article_helpful_rate);
		expect((await list('searches', 'metric=kb_searches')).meta.total).toBe(row.kb_searches);
		const withResults = await list('searches', 'metric=search_result_rate&numerator=true');
		expect(withResults.meta.total).toBe((row.search_result_rate as number) * n.search_result_rate);
		expect(withResults.rows.map((r) => r.search_id)).toEqual(['q2']);
	});

	it('lists one normalized query, the way KB gaps drill into it', async () => {
		const { rows } = await list('searches', 'query=CANCEL subscription&order=asc');
		expect(rows.map((r) => [r.search_id, r.query_normalized])).toEqual([
			['q1', 'cancel subscription'],
			['q3', 'cancel subscription']
		]);
	});

	it('refuses ticket dimensions for sessions', () => {
		const params = new URLSearchParams('priority=P1');
		expect(() => parseDrillQuery('sessions', params, parseKpiQuery(params))).toThrow(/sessions can be filtered by segment, plan, org, source only/);
	});
});
