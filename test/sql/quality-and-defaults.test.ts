import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { memoryDb, tempFolder } from '../helpers/db';

const HEADER = 'ticket_id,created_at,status,priority,org_id,outbound,first_response_at,solved_at,csat_score,csat_at\n';

describe('CSAT on three scales', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		// 1-5: 5 and 4 are satisfied, 3 and 1 are not.
		await importGenericPath(
			db,
			tempFolder({
				'tickets.csv':
					HEADER +
					'a1,2026-03-02T10:00:00Z,solved,P3,,false,2026-03-02T10:10:00Z,2026-03-02T11:00:00Z,5,2026-03-03T09:00:00Z\n' +
					'a2,2026-03-02T10:00:00Z,solved,P3,,false,2026-03-02T10:10:00Z,2026-03-02T11:00:00Z,4,\n' +
					'a3,2026-03-02T10:00:00Z,solved,P3,,false,2026-03-02T10:10:00Z,2026-03-02T11:00:00Z,3,\n' +
					'a4,2026-03-02T10:00:00Z,solved,P3,,false,2026-03-02T10:10:00Z,2026-03-02T11:00:00Z,1,\n' +
					'a5,2026-03-02T10:00:00Z,solved,P3,,false,2026-03-02T10:10:00Z,2026-03-02T11:00:00Z,,\n' +
					// An outbound ticket's rating is not a customer's verdict on support.
					'a6,2026-03-02T10:00:00Z,solved,P3,,true,2026-03-02T10:10:00Z,2026-03-02T11:00:00Z,1,\n'
			}),
			{ source: 'five', timezone: 'UTC' }
		);
		// 0-10 (it answers 0 and above 5): only 9-10 are satisfied.
		await importGenericPath(
			db,
			tempFolder({
				'tickets.csv':
					HEADER +
					'b1,2026-03-03T10:00:00Z,solved,P3,,false,,2026-03-03T11:00:00Z,10,\n' +
					'b2,2026-03-03T10:00:00Z,solved,P3,,false,,2026-03-03T11:00:00Z,9,\n' +
					'b3,2026-03-03T10:00:00Z,solved,P3,,false,,2026-03-03T11:00:00Z,8,\n' +
					'b4,2026-03-03T10:00:00Z,solved,P3,,false,,2026-03-03T11:00:00Z,0,\n'
			}),
			{ source: 'ten', timezone: 'UTC' }
		);
		await importGenericPath(
			db,
			tempFolder({
				'tickets.csv':
					HEADER +
					'c1,2026-03-04T10:00:00Z,solved,P3,,false,,2026-03-04T11:00:00Z,good,\n' +
					'c2,2026-03-04T10:00:00Z,solved,P3,,false,,2026-03-04T11:00:00Z,Bad,\n' +
					'c3,2026-03-04T10:00:00Z,solved,P3,,false,,2026-03-04T11:00:00Z,GOOD,\n'
			}),
			{ source: 'goodbad', timezone: 'UTC' }
		);
	});
	afterAll(() => db.close());

	const csat = (params: Record<string, string>) =>
		computeKpis(db, parseKpiQuery({ grain: 'month', metrics: 'csat_rate,csat_responses,csat_response_rate,tickets_solved', as_of: '2026-06-01T00:00:00Z', ...params }));

	it('maps each scale to satisfied or not and pools them', async () => {
		const { rows, samples } = await csat({});
		// satisfied: 2 of 4 (1-5), 2 of 4 (0-10), 2 of 3 (good/bad); solved inbound: 5 + 4 + 3.
		expect(rows).toEqual([
			{ period: '2026-03', period_start: '2026-03-01', csat_rate: 6 / 11, csat_responses: 11, csat_response_rate: 11 / 12, tickets_solved: 12 }
		]);
		expect(samples[0].low_sample).toEqual(['csat_rate', 'csat_response_rate']);
	});

	it('reads the scale per source', async () => {
		const { rows } = await csat({ by: 'source', metrics: 'csat_rate' });
		expect(rows.map((r) => [r.source, r.csat_rate])).toEqual([
			['five', 0.5],
			['goodbad', 2 / 3],
			['ten', 0.5]
		]);
	});

	it('attributes a rating to its own time, else to the solve', async () => {
		const { rows } = await csat({ grain: 'day', from: '2026-03-02', to: '2026-03-04', metrics: 'csat_responses' });
		// a1 was rated on Mar 3; a2-a4 carry no rating time and count on their solve day, Mar 2.
		expect(rows).toEqual([
			{ period: '2026-03-02', period_start: '2026-03-02', csat_responses: 3 },
			{ period: '2026-03-03', period_start: '2026-03-03', csat_responses: 5 }
		]);
	});
});

describe("the catalog's default SLA targets, for a source without policies", () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		await importGenericPath(
			db,
			tempFolder({
				'orgs.csv': 'org_id,plan\nfree1,free\nprem1,premium\nent1,enterprise\n',
				'tickets.csv':
					'ticket_id,created_at,status,priority,org_id\n' +
					'premium-p2,2026-03-02T10:00:00Z,open,P2,prem1\n' +
					'enterprise-p0,2026-03-02T10:00:00Z,open,P0,ent1\n' +
					'free-p4,2026-03-02T10:00:00Z,open,P4,free1\n' +
					'free-p3,2026-03-02T10:00:00Z,open,P3,free1\n' +
					'no-org-p3,2026-03-02T10:00:00Z,open,P3,\n'
			}),
			{ source: 'generic', timezone: 'UTC' }
		);
	});
	afterAll(() => db.close());

	it('applies the stricter of the plan and priority targets in the plan schedule', async () => {
		const rows = await db.query(
			`select ticket_id, schedule_key, frt_target_minutes, resolution_target_minutes from fct_tickets order by ticket_id`
		);
		expect(rows).toEqual([
			// enterprise FRT 60, critical response 15, P0 15; resolution 8 h vs P0 4 h.
			{ ticket_id: 'enterprise-p0', schedule_key: 'builtin:24x7', frt_target_minutes: 15, resolution_target_minutes: 240 },
			// free 48 h vs P3 8 h; free has no resolution target, P3 has 5 business days.
			{ ticket_id: 'free-p3', schedule_key: 'builtin:business', frt_target_minutes: 480, resolution_target_minutes: 2400 },
			{ ticket_id: 'free-p4', schedule_key: 'builtin:business', frt_target_minutes: 1440, resolution_target_minutes: null },
			// no org, no plan: the priority matrix alone, in the default business hours.
			{ ticket_id: 'no-org-p3', schedule_key: 'builtin:business', frt_target_minutes: 480, resolution_target_minutes: 2400 },
			{ ticket_id: 'premium-p2', schedule_key: 'builtin:extended', frt_target_minutes: 240, resolution_target_minutes: 1440 }
		]);
	});

	it('reports calendar hours by default when no schedule was imported', async () => {
		const { meta } = await computeKpis(db, parseKpiQuery({ metrics: 'tickets_created' }));
		expect(meta.hours).toBe('calendar');
	});
});
