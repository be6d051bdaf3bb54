import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { computeSurvival, parseSurvivalPoints } from '../../src/lib/server/metrics/survival';
import { parseKpiQuery } from '../../src/lib/filters';
import { memoryDb, tempFolder } from '../helpers/db';

// One cohort (2026-W10), calendar hours, as of Thu 2026-03-05 12:00 UTC:
//   s1 solved after 60 min; s2 open, 120 min old (censored); s3 solved after 180 min;
//   s4 solved after 240 min; s5 open, 600 min old (censored).
// Kaplan-Meier: at 60 5 at risk, 1 solved: S = 4/5; at 180 3 at risk: S = 4/5 x 2/3 = 8/15;
// at 240 2 at risk: S = 8/15 x 1/2 = 4/15. Resolved share = 1 - S.
// (A median over solved tickets alone would say everything resolves within 4 h.)
describe('resolution survival (Kaplan-Meier)', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		await importGenericPath(
			db,
			tempFolder({
				'orgs.csv': 'org_id,segment\na,scaled\nb,high_touch\n',
				'tickets.csv':
					'ticket_id,created_at,status,org_id,solved_at\n' +
					's1,2026-03-05T09:00:00Z,solved,a,2026-03-05T10:00:00Z\n' +
					's2,2026-03-05T10:00:00Z,open,a,\n' +
					's3,2026-03-05T06:00:00Z,solved,a,2026-03-05T09:00:00Z\n' +
					's4,2026-03-05T00:00:00Z,solved,b,2026-03-05T04:00:00Z\n' +
					's5,2026-03-05T02:00:00Z,open,b,\n' +
					// solved after as_of: open (censored at 11 h) in a report as of noon
					's6,2026-03-05T01:00:00Z,solved,b,2026-03-06T01:00:00Z\n'
			}),
			{ source: 'generic', timezone: 'UTC' }
		);
	});
	afterAll(() => db.close());

	const survival = (params: Record<string, string>) => {
		const q = parseKpiQuery({ grain: 'week', hours: 'calendar', as_of: '2026-03-05T12:00:00Z', ...params });
		return computeSurvival(db, { ...q, points: parseSurvivalPoints(params.points ?? '0.5,1,2,3,4,24') });
	};

	it('censors open tickets at as_of instead of dropping them', async () => {
		const { rows } = await survival({});
		// s6 is open at noon too: 6 tickets, 3 open; at risk: 60 -> 6, 180 -> 4, 240 -> 3.
		// S(1h) = 5/6; S(3h) = 5/6 x 3/4 = 5/8; S(4h) = 5/8 x 2/3 = 5/12.
		expect(rows.map((r) => [r.within_hours, r.tickets, r.still_open, r.resolved_share])).toEqual([
			[0.5, 6, 3, 0],
			[1, 6, 3, expect.closeTo(1 / 6, 12)],
			[2, 6, 3, expect.closeTo(1 / 6, 12)],
			[3, 6, 3, expect.closeTo(3 / 8, 12)],
			[4, 6, 3, expect.closeTo(7 / 12, 12)],
			[24, 6, 3, expect.closeTo(7 / 12, 12)]
		]);
	});

	it('draws one curve per group', async () => {
		const { rows } = await survival({ by: 'segment', points: '1,4' });
		// high_touch: s4 (240), s5 (open 600), s6 (open 660): S(4h) = 2/3.
		// scaled: s1 (60), s2 (open 120), s3 (180): S(1h) = 2/3; s2 leaves the risk set at 120,
		// so at 180 s3 is the only one at risk and S(4h) = 2/3 x 0/1 = 0: all resolved.
		expect(rows.map((r) => [r.segment, r.within_hours, r.resolved_share])).toEqual([
			['high_touch', 1, 0],
			['high_touch', 4, expect.closeTo(1 / 3, 12)],
			['scaled', 1, expect.closeTo(1 / 3, 12)],
			['scaled', 4, 1]
		]);
	});

	it('rejects checkpoints that are not positive hours', () => {
		expect(() => parseSurvivalPoints('4,-1')).toThrow(/points must be/);
		expect(parseSurvivalPoints('24,1,24')).toEqual([1, 24]);
	});
});

// Ties and censorings between checkpoints, the paths of the telescoped product in
// sql/reports/survival.sql. One cohort (2026-W10), calendar hours, as of Thu 2026-03-05 12:00 UTC:
//   60 min: a solved, b open (a tie: the resolution counts first);  120: c and d solved;
//   180: e open;  240: f solved;  300: h solved and g open, the last time (nobody left after it).
// Kaplan-Meier: 60: 8 at risk, 1 solved, S = 7/8 (b leaves: 6 at risk); 120: 2 of 6 solved,
// S = 7/8 x 4/6 = 7/12 (4 left); 180: e leaves (3 left); 240: 1 of 3, S = 7/12 x 2/3 = 7/18;
// 300: 1 of 2, S = 7/18 x 1/2 = 7/36, and it stays there. Resolved share = 1 - S.
describe('resolution survival with ties and censoring between checkpoints', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		await importGenericPath(
			db,
			tempFolder({
				'tickets.csv':
					'ticket_id,created_at,status,solved_at\n' +
					'a,2026-03-05T09:00:00Z,solved,2026-03-05T10:00:00Z\n' +
					'b,2026-03-05T11:00:00Z,open,\n' +
					'c,2026-03-05T08:00:00Z,solved,2026-03-05T10:00:00Z\n' +
					'd,2026-03-05T07:00:00Z,solved,2026-03-05T09:00:00Z\n' +
					'e,2026-03-05T09:00:00Z,open,\n' +
					'f,2026-03-05T02:00:00Z,solved,2026-03-05T06:00:00Z\n' +
					'g,2026-03-05T07:00:00Z,open,\n' +
					'h,2026-03-05T01:00:00Z,solved,2026-03-05T06:00:00Z\n'
			}),
			{ source: 'generic', timezone: 'UTC' }
		);
	});
	afterAll(() => db.close());

	it('reads the curve at, between and after the observation times', async () => {
		const q = parseKpiQuery({ grain: 'week', hours: 'calendar', as_of: '2026-03-05T12:00:00Z' });
		const { rows } = await computeSurvival(db, { ...q, points: parseSurvivalPoints('0.5,1,2,3,4,5,24') });
		expect(rows.map((r) => [r.within_hours, r.tickets, r.still_open, r.resolved_share])).toEqual([
			[0.5, 8, 3, 0],
			[1, 8, 3, expect.closeTo(1 / 8, 12)],
			[2, 8, 3, expect.closeTo(5 / 12, 12)],
			[3, 8, 3, expect.closeTo(5 / 12, 12)],
			[4, 8, 3, expect.closeTo(11 / 18, 12)],
			[5, 8, 3, expect.closeTo(29 / 36, 12)],
			[24, 8, 3, expect.closeTo(29 / 36, 12)]
		]);
	});
});
