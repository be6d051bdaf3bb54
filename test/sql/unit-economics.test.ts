import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { kpiCsv } from '../../src/lib/server/metrics/kpi-csv';
import { parseKpiQuery } from '../../src/lib/filters';
import { FIXTURES, memoryDb, tempFolder } from '../helpers/db';

// Every expected value is worked out by hand in test/fixtures/costs/README.md.
// A March day costs 1,162 (agents 1,000, tools 100, email 60, bot 2); an April day 1,300
// (agents 1,200, tools 100). FTE: 10 in March, 12 in April.
const AS_OF = '2026-05-01T00:00:00Z';

describe('unit economics: costs prorated over report periods', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		const result = await importGenericPath(db, join(FIXTURES, 'costs'), { source: 'generic', timezone: 'UTC' });
		expect(result.files.map((f) => [f.file, f.rowsAccepted, f.rowsRejected])).toEqual([
			['tickets.csv', 10, 0],
			['self_service.csv', 6, 0],
			['costs.csv', 6, 0]
		]);
	});
	afterAll(() => db.close());

	const kpis = (params: Record<string, string>) => computeKpis(db, parseKpiQuery({ as_of: AS_OF, ...params }));
	const weeks = (metrics: string, params: Record<string, string> = {}) =>
		kpis({ grain: 'week', from: '2026-03-16', to: '2026-04-06', metrics, ...params });

	it('splits a cost month across the ISO weeks it overlaps, by days', async () => {
		const { rows } = await weeks('support_cost');
		expect(rows).toEqual([
			// W12 and W13: 7 March days x 1,162.
			{ period: '2026-W12', period_start: '2026-03-16', support_cost: 8134 },
			{ period: '2026-W13', period_start: '2026-03-23', support_cost: 8134 },
			// W14 (Mon Mar 30 - Sun Apr 5): Mar 30-31 = 2 x 1,162 = 2,324 (agents 2,000)
			// + Apr 1-5 = 5 x 1,300 = 6,500 (agents 6,000).
			{ period: '2026-W14', period_start: '2026-03-30', support_cost: 2324 + 6500 }
		]);
	});

	it('adds up, at monthly grain and over weeks cut at the month, to the cost rows', async () => {
		const month = await kpis({ grain: 'month', from: '2026-03-01', to: '2026-05-01', metrics: 'support_cost,agent_fte' });
		expect(month.rows).toEqual([
			// 31,000 + 3,100 + 1,860 + 62; 36,000 + 3,000.
			{ period: '2026-03', period_start: '2026-03-01', support_cost: 36022, agent_fte: 10 },
			{ period: '2026-04', period_start: '2026-04-01', support_cost: 39000, agent_fte: 12 }
		]);
		// Weeks from Sun Mar 1 (W09) to Tue Mar 31 (W14's first two days).
		const cut = await kpis({ grain: 'week', from: '2026-03-01', to: '2026-04-01', metrics: 'support_cost' });
		expect(cut.rows.map((r) => [r.period, r.support_cost])).toEqual([
			['2026-W09', 1162],
			['2026-W10', 8134],
			['2026-W11', 8134],
			['2026-W12', 8134],
			['2026-W13', 8134],
			['2026-W14', 2324]
		]);
		expect(cut.rows.reduce((sum, r) => sum + (r.support_cost as number), 0)).toBe(36022);
	});

	it('reads agent FTE as a level, day-weighted across a month boundary', async () => {
		const { rows } = await weeks('agent_fte,customers_per_agent,tickets_per_agent');
		expect(rows[0]).toMatchObject({ period: '2026-W12', agent_fte: 10, customers_per_agent: 0, tickets_per_agent: 0 });
		// A week inside March has March's 10 FTE, not 10 x 7/31.
		// 5 active customers and 4 tickets solved per 10 FTE.
		expect(rows[1]).toEqual({ period: '2026-W13', period_start: '2026-03-23', agent_fte: 10, customers_per_agent: 0.5, tickets_per_agent: 0.4 });
		// (2 days x 10 + 5 days x 12) / 7 = 80/7; 2 customers and 3 solved tickets over it.
		expect(rows[2].agent_fte).toBeCloseTo(80 / 7, 12);
		expect(rows[2].customers_per_agent).toBeCloseTo(0.175, 12);
		expect(rows[2].tickets_per_agent).toBeCloseTo(0.2625, 12);
	});

	it('divides support cost by solved tickets and by active customers', async () => {
		const { rows, samples } = await weeks('cost_per_ticket,active_customers,cost_per_customer,tickets_per_customer');
		expect(rows).toEqual([
			// No ticket, no session: nothing to divide by.
			{ period: '2026-W12', period_start: '2026-03-16', cost_per_ticket: null, active_customers: 0, cost_per_customer: null, tickets_per_customer: null },
			// Solved e1 e2 c1 p1 (out1 is outbound); active o1 o2 o3 o4 from tickets + o5 from k2
			// (o7 only filed the outbound ticket; n1 has no org); created 6 incl. n1.
			{ period: '2026-W13', period_start: '2026-03-23', cost_per_ticket: 8134 / 4, active_customers: 5, cost_per_customer: 8134 / 5, tickets_per_customer: 6 / 5 },
			// Solved s-late v1 a1 (r-late is solved after as_of); active o2 and o8 (b3).
			{ period: '2026-W14', period_start: '2026-03-30', cost_per_ticket: 8824 / 3, active_customers: 2, cost_per_customer: 4412, tickets_per_customer: 1.5 }
		]);
		expect(samples[1].n).toEqual({ cost_per_ticket: 4, cost_per_customer: 5, tickets_per_customer: 5 });
	});

	it('takes imported channel costs per contact, else the domain default marked estimated', async () => {
		const ids = ['email', 'chat', 'phone', 'video', 'in_app', 'kb', 'bot', 'community'].map((c) => `cost_per_contact_${c}`);
		const { rows, samples } = await weeks(ids.join(','));
		const values = (i: number) => Object.fromEntries(ids.map((id) => [id.replace('cost_per_contact_', ''), rows[i][id]]));
		// W12: email and bot costs but no contact: null, not estimated.
		expect(values(0)).toEqual({ email: null, chat: null, phone: null, video: null, in_app: null, kb: null, bot: null, community: null });
		expect(samples[0].estimated).toEqual([]);
		// W13: email 7 x 60 / 3 tickets; bot 7 x 2 / 2 conversations; chat, phone and kb
		// (k1 and the search k2) have contacts but no cost row: midpoints of the domain ranges.
		expect(values(1)).toEqual({ email: 140, chat: 10, phone: 22.5, video: null, in_app: null, kb: 0.1, bot: 7, community: null });
		expect(samples[1].estimated).toEqual(['cost_per_contact_chat', 'cost_per_contact_phone', 'cost_per_contact_kb']);
		expect(samples[1].n).toMatchObject({ cost_per_contact_email: 3, cost_per_contact_chat: 2, cost_per_contact_kb: 2, cost_per_contact_bot: 2 });
		// W14: March's email and bot rows still cover Mar 30-31: 2 x 60 / 1 and 2 x 2 / 1.
		expect(values(2)).toEqual({ email: 120, chat: null, phone: null, video: 40, in_app: 5.5, kb: null, bot: 4, community: 0.25 });
		expect(samples[2].estimated).toEqual(['cost_per_contact_video', 'cost_per_contact_in_app', 'cost_per_contact_community']);
	});

	it('values a deflected session at the trailing 12 weeks: avoided-ticket rate x (cost per ticket - its cost per contact)', async () => {
		const { rows, samples } = await weeks('self_service_savings');
		expect(rows.map((r) => r.self_service_savings)).toEqual([
			// W12 has no session.
			null,
			// k2 (Tue Mar 24, a search, so kb at the estimated 0.10). Its window's cost counts from
			// its first solve (e1, Mar 24): 1,162 over one ticket; two decided sessions, k1
			// followed by e1: 1/2 x (1,162 - 0.10). (The March days before any ticket bought none.)
			580.95,
			// b3 (Wed Apr 1, bot): Mar 24-31 and Apr 1 = 8 x 1,162 + 1,300 = 10,596 over 5 solved
			// tickets; 3 of 5 sessions followed by a ticket; bot cost 62 over 3 bot sessions:
			// 3/5 x (2,119.2 - 62/3).
			expect.closeTo(0.6 * (2119.2 - 62 / 3), 9)
		]);
		expect(samples.map((s) => s.estimated)).toEqual([[], ['self_service_savings'], []]);
		expect(samples.map((s) => s.n.self_service_savings)).toEqual([0, 1, 1]);
		// The assumption behind each value, as the page states it.
		expect(samples[1].basis).toEqual({ self_service_savings: { avoided_ticket_rate: 0.5, trailing_cost_per_ticket: 1162 } });
		expect(samples[2].basis?.self_service_savings.avoided_ticket_rate).toBeCloseTo(0.6, 12);
		expect(samples[2].basis?.self_service_savings.trailing_cost_per_ticket).toBeCloseTo(2119.2, 9);
	});

	it('adds up across days, weeks and months, whatever the range starts on', async () => {
		const total = (rows: Record<string, unknown>[]) => rows.reduce((sum, r) => sum + ((r.self_service_savings as number | null) ?? 0), 0);
		const days = await kpis({ grain: 'day', from: '2026-03-16', to: '2026-04-06', metrics: 'self_service_savings' });
		const months = await kpis({ grain: 'month', from: '2026-03-01', to: '2026-05-01', metrics: 'self_service_savings' });
		const { rows: weekRows } = await weeks('self_service_savings');
		expect(total(days.rows)).toBeCloseTo(total(weekRows), 9);
		expect(months.rows.map((r) => r.self_service_savings)).toEqual([580.95, expect.closeTo(0.6 * (2119.2 - 62 / 3), 9)]);
		// A range starting on Apr 1 still looks back 12 weeks for Apr 1's figures.
		const one = await kpis({ grain: 'day', from: '2026-04-01', to: '2026-04-02', metrics: 'self_service_savings' });
		expect(one.rows[0].self_service_savings).toBeCloseTo(0.6 * (2119.2 - 62 / 3), 9);
	});

	it('takes the avoided-ticket rate the reader sets instead of the observed one', async () => {
		const { rows, samples, meta } = await weeks('self_service_savings', { avoided_ticket_rate: '25%' });
		expect(meta.avoided_ticket_rate).toBe(0.25);
		expect(rows[1].self_service_savings).toBeCloseTo(0.25 * (1162 - 0.1), 9);
		expect(rows[2].self_service_savings).toBeCloseTo(0.25 * (2119.2 - 62 / 3), 9);
		expect(samples[2].basis?.self_service_savings.avoided_ticket_rate).toBe(0.25);
		// The CSV states the assumption in the columns after the savings.
		const csv = kpiCsv(await weeks('self_service_savings', { avoided_ticket_rate: '25%' }), parseKpiQuery({ metrics: 'self_service_savings' }));
		expect(csv.split('\n')[0].trim()).toBe('period,period_start,self_service_savings,self_service_savings__avoided_ticket_rate,self_service_savings__trailing_cost_per_ticket');
		expect(csv.split('\n')[1].trim()).toBe('2026-W12,2026-03-16,,,');
		expect(csv.split('\n')[2].trim()).toMatch(/^2026-W13,2026-03-23,290\.475\d*,0\.25,1162$/);
		expect(() => parseKpiQuery({ avoided_ticket_rate: '1.5' })).toThrow(/avoided_ticket_rate must be a share between 0 and 1/);
		expect(() => parseKpiQuery({ avoided_ticket_rate: 'most' })).toThrow(/avoided_ticket_rate/);
	});

	it('does not count a session as deflected before its 24 hours have passed at as_of', async () => {
		const { rows, samples } = await kpis({
			grain: 'week',
			from: '2026-03-23',
			to: '2026-03-30',
			as_of: '2026-03-25T00:00:00Z',
			metrics: 'self_service_savings,cost_per_ticket'
		});
		// k2 started Mar 24 12:00: its window is open until Mar 25 12:00. Only e1 is solved,
		// and only Mar 23 and 24 have begun: 2 x 1,162 of cost so far.
		expect(rows).toEqual([{ period: '2026-W13', period_start: '2026-03-23', self_service_savings: 0, cost_per_ticket: 2324 }]);
		expect(samples[0].n.self_service_savings).toBe(0);
	});
});

describe('unit economics by source', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		await importGenericPath(db, join(FIXTURES, 'costs'), { source: 'generic', timezone: 'UTC' });
		await importGenericPath(
			db,
			tempFolder({
				'costs.csv':
					'period_start,period_end,cost_type,channel,amount,currency,agent_fte\n' +
					'2026-03-01,2026-03-31,agents,,31000,USD,10\n' +
					'2026-04-01,2026-04-30,agents,,36000,USD,12\n'
			}),
			{ source: 'branch', timezone: 'UTC' }
		);
	});
	afterAll(() => db.close());

	const w14 = (params: Record<string, string>) =>
		computeKpis(db, parseKpiQuery({ grain: 'week', from: '2026-03-30', to: '2026-04-06', as_of: AS_OF, ...params }));

	it('keeps each source to its own costs and tickets', async () => {
		const { rows } = await w14({ by: 'source', metrics: 'support_cost,agent_fte,cost_per_ticket' });
		expect(rows).toEqual([
			// branch: 2 x 1,000 + 5 x 1,200 = 8,000; it has no tickets.
			{ period: '2026-W14', period_start: '2026-03-30', source: 'branch', support_cost: 8000, agent_fte: expect.closeTo(80 / 7, 12), cost_per_ticket: null },
			{ period: '2026-W14', period_start: '2026-03-30', source: 'generic', support_cost: 8824, agent_fte: expect.closeTo(80 / 7, 12), cost_per_ticket: 8824 / 3 }
		]);
		const one = await w14({ source: 'branch', metrics: 'support_cost' });
		expect(one.rows).toEqual([{ period: '2026-W14', period_start: '2026-03-30', support_cost: 8000 }]);
	});

	it('adds the sources together, FTE included, when not grouped', async () => {
		const { rows } = await w14({ metrics: 'support_cost,agent_fte,cost_per_ticket' });
		// FTE per day: 10 + 10 in March, 12 + 12 in April: (2 x 20 + 5 x 24) / 7 = 160/7.
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ support_cost: 16824, cost_per_ticket: 16824 / 3 });
		expect(rows[0].agent_fte).toBeCloseTo(160 / 7, 12);
	});

	it('is not applicable when grouped or filtered by a dimension costs do not carry', async () => {
		const { rows, meta } = await w14({ by: 'plan', metrics: 'support_cost' });
		expect(rows.every((r) => r.support_cost === null)).toBe(true);
		expect(meta.not_applicable.support_cost).toContain('plan');
	});
});

describe('unit economics: the deflection window at its edges', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		await importGenericPath(
			db,
			tempFolder({
				'costs.csv': 'period_start,period_end,cost_type,channel,amount,currency,agent_fte\n2026-03-01,2026-03-31,agents,,3100,USD,1\n',
				'tickets.csv':
					'ticket_id,created_at,status,channel,requester_id,org_id,solved_at\n' +
					't1,2026-03-02T10:00:00Z,solved,email,rA,oA,2026-03-02T12:00:00Z\n' +
					// Exactly 24 h after s2 started: inside s2's (closed) window.
					't2,2026-03-04T09:00:00Z,open,chat,rB,oB,\n',
				'self_service.csv':
					'session_id,started_at,kind,requester_id,org_id,handed_off\n' +
					's2,2026-03-03T09:00:00Z,bot,rB,oB,false\n' +
					// Neither requester nor org: no ticket can ever match it, so it is not pending.
					's1,2026-03-06T10:00:00Z,kb,,,false\n'
			}),
			{ source: 'generic', timezone: 'UTC' }
		);
	});
	afterAll(() => db.close());

	it('counts a ticket at exactly 24 h against the session, and an unmatchable session at once', async () => {
		const { rows, samples } = await computeKpis(
			db,
			parseKpiQuery({
				grain: 'week',
				from: '2026-03-02',
				to: '2026-03-09',
				as_of: '2026-03-06T12:00:00Z',
				metrics: 'support_cost,cost_per_ticket,self_service_savings'
			})
		);
		// Mon Mar 2 to Fri Mar 6 have begun at as_of: 5 days x 100 (Sat and Sun are still to
		// come); t1 is the one solved ticket. s1 (kb, estimated 0.10) is the one deflected
		// session, valued on Mar 6 over its trailing 12 weeks from their first solve (t1, Mar 2):
		// Mar 2-6 cost 500, one solved ticket, s2 followed by t2 and s1 not: 1/2 x (500 - 0.10).
		expect(rows).toEqual([
			{ period: '2026-W10', period_start: '2026-03-02', support_cost: 500, cost_per_ticket: 500, self_service_savings: 249.95 }
		]);
		expect(samples[0].n.self_service_savings).toBe(1);
		expect(samples[0].estimated).toEqual(['self_service_savings']);
	});
});

// Active customers are distinct (source, org_id) pairs with a ticket or a session in a period.
// metrics/unit_economics.sql collects each org's periods as bits of 64-period masks counted
// from 0001-01-01; 2026-04-06 is the last day of one mask (day 739,711 = 64 x 11,557 + 63)
// and 2026-04-07 the first of the next.
describe('unit economics: active customers across periods, grains and sources', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		await importGenericPath(
			db,
			tempFolder({
				'tickets.csv':
					'ticket_id,created_at,status,org_id\n' +
					't1,2026-04-06T10:00:00Z,open,oA\n' +
					't2,2026-04-06T11:00:00Z,open,oB\n' +
					// No org: a ticket, but no customer.
					't3,2026-04-06T12:00:00Z,open,\n' +
					't4,2026-03-10T09:00:00Z,open,oA\n',
				'self_service.csv':
					'session_id,started_at,kind,requester_id,org_id,handed_off\n' +
					's1,2026-04-07T09:00:00Z,kb,,oA,false\n' +
					// oB has a ticket the same day: one customer, not two.
					's2,2026-04-06T15:00:00Z,kb,,oB,false\n' +
					's3,2026-04-20T09:00:00Z,bot,,oC,false\n'
			}),
			{ source: 'generic', timezone: 'UTC' }
		);
		// The same org id in another source is another customer.
		await importGenericPath(db, tempFolder({ 'tickets.csv': 'ticket_id,created_at,status,org_id\nb1,2026-04-06T09:00:00Z,open,oA\n' }), {
			source: 'branch',
			timezone: 'UTC'
		});
	});
	afterAll(() => db.close());

	const customers = async (params: Record<string, string>) => {
		const { rows } = await computeKpis(db, parseKpiQuery({ as_of: AS_OF, metrics: 'active_customers', ...params }));
		return rows.map((r) => [r.period, ...(r.source === undefined ? [] : [r.source]), r.active_customers]);
	};

	it('counts each org once per day, on both sides of a mask boundary', async () => {
		// Apr 6: generic oA (t1), generic oB (t2 and s2), branch oA (b1). Apr 7: generic oA (s1).
		expect(await customers({ grain: 'day', from: '2026-04-06', to: '2026-04-08' })).toEqual([
			['2026-04-06', 3],
			['2026-04-07', 1]
		]);
		expect(await customers({ grain: 'day', from: '2026-04-06', to: '2026-04-08', by: 'source' })).toEqual([
			['2026-04-06', 'branch', 1],
			['2026-04-06', 'generic', 2],
			['2026-04-07', 'generic', 1]
		]);
	});

	it('counts each org once per month and per quarter', async () => {
		// March: generic oA (t4). April: generic oA, oB, oC (s3) and branch oA.
		expect(await customers({ grain: 'month', from: '2026-03-01', to: '2026-05-01' })).toEqual([
			['2026-03', 1],
			['2026-04', 4]
		]);
		expect(await customers({ grain: 'quarter', from: '2026-01-01', to: '2026-07-01' })).toEqual([
			['2026-Q1', 1],
			['2026-Q2', 4]
		]);
	});
});
