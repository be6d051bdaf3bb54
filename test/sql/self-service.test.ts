import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { failingChecks } from '../helpers/checks';
import { memoryDb, tempFolder } from '../helpers/db';

// All times UTC. ISO weeks: W10 = Mar 2-8, W11 = Mar 9-15, W12 = Mar 16-22 (2026).
// Orgs: o1 standard/scaled, o2 enterprise/high_touch, o3 premium/blended.
const ORGS = 'org_id,plan,segment\no1,standard,scaled\no2,enterprise,high_touch\no3,premium,blended\n';

const TICKETS =
	'ticket_id,created_at,status,category,requester_id,org_id,outbound\n' +
	't1,2026-03-03T09:00:00Z,open,how_to,r1,o1,false\n' + // s1 + 23 h
	't2,2026-03-03T11:00:00Z,open,how_to,r2,o1,false\n' + // s2 + 25 h
	't3,2026-03-03T12:00:00Z,open,account,r9,o2,false\n' + // anonymous s3 (org o2) + 2 h
	't7,2026-03-05T13:00:00Z,open,billing,r7,o1,true\n' + // outbound: no evidence against s7
	't10,2026-03-08T10:00:00Z,open,bug,r10,o3,false\n' + // s10 + exactly 24 h
	't13,2026-03-09T14:00:00Z,open,bug,r20,o1,false\n' + // s13 + 26 h, in W11
	't15,2026-03-16T11:30:00Z,open,bug,r15,o1,false\n' + // s15 + 30 min
	't17,2026-03-16T13:00:00Z,open,bug,r14,o1,false\n'; // s14 + 13 h, after the first as_of

const SESSIONS =
	'session_id,started_at,kind,requester_id,org_id,handed_off,ticket_id,article_id,helpful\n' +
	's1,2026-03-02T10:00:00Z,search,r1,o1,false,,,\n' + // t1 23 h later: not deflected
	's2,2026-03-02T10:00:00Z,search,r2,o1,false,,,\n' + // t2 25 h later: deflected
	's3,2026-03-03T10:00:00Z,kb,,o2,,,,\n' + // anonymous, t3 of its org 2 h later: not deflected
	's4,2026-03-04T10:00:00Z,bot,r4,o2,true,,,\n' + // handed off: not contained, not deflected
	's5,2026-03-04T11:00:00Z,bot,r5,o3,false,,,\n' + // contained, deflected
	's6,2026-03-05T10:00:00Z,kb,r6,o3,false,t6,,\n' + // names a ticket: not deflected
	's7,2026-03-05T12:00:00Z,kb,r7,o1,false,,a1,true\n' + // only an outbound ticket after: deflected
	's8,2026-03-06T12:00:00Z,kb,r8,o1,false,,a2,false\n' + // deflected
	's9,2026-03-06T13:00:00Z,kb,,,false,,a1,true\n' + // neither requester nor org: deflected
	's10,2026-03-07T10:00:00Z,search,r10,o3,false,,,\n' + // t10 exactly 24 h later: not deflected
	's13,2026-03-08T12:00:00Z,search,r20,o1,false,,,\n' + // t13 26 h later (W11): deflected in W10
	's12,2026-03-10T10:00:00Z,kb,r12,o1,false,,,\n' + // W11, deflected
	's14,2026-03-16T00:00:00Z,kb,r14,o1,false,,,\n' + // W12: pending at 03-16 12:00, then t17
	's15,2026-03-16T11:00:00Z,search,r15,o1,false,,,\n' + // t15 30 min later: not deflected
	's16,2026-03-16T13:00:00Z,kb,r16,o1,false,,,\n'; // after the first as_of: does not exist yet

const METRICS = 'self_service_sessions,sessions_deflected,deflection_rate,bot_containment_rate,article_helpful_rate,tickets_created';

describe('self-service sessions, deflection, containment and helpfulness', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		await importGenericPath(
			db,
			tempFolder({ 'orgs.csv': ORGS, 'tickets.csv': TICKETS, 'self_service.csv': SESSIONS }),
			{ source: 'generic', timezone: 'UTC' }
		);
	});
	afterAll(() => db.close());

	const kpis = (params: Record<string, string>) =>
		computeKpis(
			db,
			parseKpiQuery({ grain: 'week', from: '2026-03-02', to: '2026-03-23', metrics: METRICS, as_of: '2026-03-16T12:00:00Z', ...params })
		);

	it('stores the first inbound ticket at or after each session start', async () => {
		const rows = await db.query(
			`select session_id, ticket_match_kind, next_ticket_id from fct_self_service where session_id in ('s1', 's3', 's7', 's9', 's10') order by session_id`
		);
		expect(rows).toEqual([
			{ session_id: 's1', ticket_match_kind: 'requester', next_ticket_id: 't1' },
			{ session_id: 's10', ticket_match_kind: 'requester', next_ticket_id: 't10' },
			// anonymous: matched by org o2, whose ticket t3 came from requester r9
			{ session_id: 's3', ticket_match_kind: 'org', next_ticket_id: 't3' },
			// t7 is outbound, so r7 has no inbound ticket at all
			{ session_id: 's7', ticket_match_kind: 'requester', next_ticket_id: null },
			{ session_id: 's9', ticket_match_kind: null, next_ticket_id: null }
		]);
		expect(await failingChecks(db)).toEqual({});
	});

	it('counts per week, deflected sessions by their start and tickets by their creation', async () => {
		const { rows, samples } = await kpis({});
		expect(rows).toEqual([
			// W10: 11 sessions (s1-s10, s13). Deflected: s2 (25 h), s5, s7 (outbound ticket only),
			// s8, s9 (no key), s13 (its ticket 26 h later) = 6. Not: s1 (23 h), s3 (org, 2 h),
			// s4 (handed off), s6 (ticket_id), s10 (exactly 24 h). Inbound tickets t1, t2, t3, t10
			// = 4 (t7 is outbound): 6 / (6 + 4). Bots s4 (handed off), s5: 1 / 2.
			// Votes s7 yes, s8 no, s9 yes: 2 / 3.
			{
				period: '2026-W10',
				period_start: '2026-03-02',
				self_service_sessions: 11,
				sessions_deflected: 6,
				deflection_rate: 6 / 10,
				bot_containment_rate: 1 / 2,
				article_helpful_rate: 2 / 3,
				tickets_created: 4
			},
			// W11: s12 deflected; s13's ticket t13 counts here: 1 / (1 + 1). No bots, no votes.
			{
				period: '2026-W11',
				period_start: '2026-03-09',
				self_service_sessions: 1,
				sessions_deflected: 1,
				deflection_rate: 1 / 2,
				bot_containment_rate: null,
				article_helpful_rate: null,
				tickets_created: 1
			},
			// W12 as of 03-16 12:00: s14 is pending (window open, no ticket yet: t17 is later),
			// s15 has t15; s16 has not started. Pending s14 is in neither part: 0 / (0 + 1).
			{
				period: '2026-W12',
				period_start: '2026-03-16',
				self_service_sessions: 2,
				sessions_deflected: 0,
				deflection_rate: 0,
				bot_containment_rate: null,
				article_helpful_rate: null,
				tickets_created: 1
			}
		]);
		expect(samples.map((s) => [s.n.deflection_rate, s.n.bot_containment_rate, s.n.article_helpful_rate])).toEqual([
			[10, 2, 3],
			[2, 0, 0],
			[1, 0, 0]
		]);
	});

	it('decides pending sessions once their window closes at a later as_of', async () => {
		const week12 = async (asOf: string) => (await kpis({ as_of: asOf, from: '2026-03-16' })).rows[0];
		// As of 03-17 12:00: s14's window closed and t17 (13 h after it) exists: not deflected.
		// s16 (started 03-16 13:00) is pending until 03-17 13:00. Tickets t15, t17: 0 / (0 + 2).
		expect(await week12('2026-03-17T12:00:00Z')).toMatchObject({
			self_service_sessions: 3,
			sessions_deflected: 0,
			deflection_rate: 0,
			tickets_created: 2
		});
		// As of 03-18: s16's window closed without a ticket: deflected, 1 / (1 + 2).
		expect(await week12('2026-03-18T00:00:00Z')).toMatchObject({
			self_service_sessions: 3,
			sessions_deflected: 1,
			deflection_rate: 1 / 3,
			tickets_created: 2
		});
	});

	it('groups sessions and the tickets of the denominator by segment', async () => {
		const { rows } = await kpis({ by: 'segment', to: '2026-03-09' });
		expect(rows).toEqual([
			// no org: s9 only, deflected and voted helpful; no tickets: 1 / (1 + 0).
			{ period: '2026-W10', period_start: '2026-03-02', segment: null, self_service_sessions: 1, sessions_deflected: 1, deflection_rate: 1, bot_containment_rate: null, article_helpful_rate: 1, tickets_created: 0 },
			// o3: s5 (deflected bot), s6, s10; ticket t10: 1 / (1 + 1); bot s5 contained: 1 / 1.
			{ period: '2026-W10', period_start: '2026-03-02', segment: 'blended', self_service_sessions: 3, sessions_deflected: 1, deflection_rate: 1 / 2, bot_containment_rate: 1, article_helpful_rate: null, tickets_created: 1 },
			// o2: s3, s4 (handed-off bot); ticket t3: 0 / (0 + 1); bot 0 / 1.
			{ period: '2026-W10', period_start: '2026-03-02', segment: 'high_touch', self_service_sessions: 2, sessions_deflected: 0, deflection_rate: 0, bot_containment_rate: 0, article_helpful_rate: null, tickets_created: 1 },
			// o1: s1, s2, s7, s8, s13, deflected s2, s7, s8, s13; tickets t1, t2: 4 / (4 + 2);
			// votes s7 yes, s8 no: 1 / 2.
			{ period: '2026-W10', period_start: '2026-03-02', segment: 'scaled', self_service_sessions: 5, sessions_deflected: 4, deflection_rate: 4 / 6, bot_containment_rate: null, article_helpful_rate: 1 / 2, tickets_created: 2 }
		]);
	});

	it('filters sessions and tickets by plan alike', async () => {
		const { rows } = await kpis({ plan: 'premium' });
		expect(rows).toEqual([
			// o3 only: s5 deflected, s6 and s10 not; ticket t10: 1 / (1 + 1).
			{ period: '2026-W10', period_start: '2026-03-02', self_service_sessions: 3, sessions_deflected: 1, deflection_rate: 1 / 2, bot_containment_rate: 1, article_helpful_rate: null, tickets_created: 1 },
			{ period: '2026-W11', period_start: '2026-03-09', self_service_sessions: 0, sessions_deflected: 0, deflection_rate: null, bot_containment_rate: null, article_helpful_rate: null, tickets_created: 0 },
			{ period: '2026-W12', period_start: '2026-03-16', self_service_sessions: 0, sessions_deflected: 0, deflection_rate: null, bot_containment_rate: null, article_helpful_rate: null, tickets_created: 0 }
		]);
	});

	it('leaves the metrics null when grouped by a dimension sessions lack', async () => {
		const { rows, meta } = await kpis({ by: 'channel', metrics: 'deflection_rate', to: '2026-03-09' });
		expect(rows.every((r) => r.deflection_rate === null)).toBe(true);
		expect(Object.keys(meta.not_applicable)).toEqual(['deflection_rate']);
	});
});

describe('deflection of a source without self-service data', () => {
	it('is not measured, rather than 0 %', async () => {
		const db = await memoryDb();
		await importGenericPath(db, tempFolder({ 'orgs.csv': ORGS, 'tickets.csv': TICKETS, 'self_service.csv': SESSIONS }), {
			source: 'with_sessions',
			timezone: 'UTC'
		});
		await importGenericPath(db, tempFolder({ 'tickets.csv': 'ticket_id,created_at,status\nx1,2026-03-03T09:00:00Z,open\n' }), {
			source: 'tickets_only',
			timezone: 'UTC'
		});
		const { rows } = await computeKpis(
			db,
			parseKpiQuery({ grain: 'week', from: '2026-03-02', to: '2026-03-09', by: 'source', metrics: 'deflection_rate,tickets_created', as_of: '2026-03-16T12:00:00Z' })
		);
		// x1 is a ticket (tickets_created) but not in any deflection denominator.
		expect(rows).toEqual([
			{ period: '2026-W10', period_start: '2026-03-02', source: 'tickets_only', deflection_rate: null, tickets_created: 1 },
			{ period: '2026-W10', period_start: '2026-03-02', source: 'with_sessions', deflection_rate: 6 / 10, tickets_created: 4 }
		]);
		await db.close();
	});
});
