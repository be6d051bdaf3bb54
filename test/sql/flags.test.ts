import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { computeFlags, parseFlagsQuery } from '../../src/lib/server/metrics/flags';
import { isoWeekStart, lastCompleteWeek } from '../../src/lib/periods';
import { parseKpiQuery } from '../../src/lib/filters';
import { memoryDb, tempFolder } from '../helpers/db';

const AS_OF = '2026-03-10T00:00:00Z';

/**
 * Nine weeks, 2026-W02 (Jan 5) to the week under review, 2026-W10 (Mar 2-8):
 * - every week 1 billing ticket and 5 how_to tickets, all solved the same hour;
 *   in W10 billing jumps to 8: baseline 8/8 = 1 a week, z = (8 - 1) / sqrt(1) = 7: a top mover;
 * - one never-solved ticket created in each of W07, W08, W09 and W10: the backlog at week end
 *   goes 1, 2, 3, 4: growing three weeks running;
 * - W10's how_to tickets are rated 5, 5, 5, 2, 1: CSAT 3/5 = 60 %, below 85 %;
 * - in W10 the enterprise org files 2 P1 "outage" tickets (a churn signal), and a standard
 *   org with little ARR files 3 (not high value: no signal). Outage had no tickets before:
 *   5 in W10, z = 5 / sqrt(1) = 5, so it is a top mover too.
 */
function history(): string {
	const lines = ['ticket_id,created_at,status,category,priority,org_id,first_response_at,solved_at,csat_score'];
	let n = 0;
	const add = (day: string, category: string, opts: { open?: boolean; priority?: string; org?: string; csat?: string } = {}) => {
		n++;
		const at = `${day}T10:00:00Z`;
		const done = opts.open ? '' : `${day}T11:00:00Z`;
		lines.push(`t${n},${at},${opts.open ? 'open' : 'solved'},${category},${opts.priority ?? 'P3'},${opts.org ?? ''},${done},${done},${opts.csat ?? ''}`);
	};
	const monday = (week: number) => isoWeekStart(`2026-W${String(week).padStart(2, '0')}`);
	for (let week = 2; week <= 9; week++) {
		add(monday(week), 'billing');
		for (let i = 0; i < 5; i++) add(monday(week), 'how_to');
		if (week >= 7) add(monday(week), 'account', { open: true });
	}
	const w10 = monday(10);
	for (let i = 0; i < 8; i++) add(w10, 'billing');
	['5', '5', '5', '2', '1'].forEach((csat) => add(w10, 'how_to', { csat }));
	add(w10, 'account', { open: true });
	for (let i = 0; i < 2; i++) add(w10, 'outage', { priority: 'P1', org: 'big' });
	for (let i = 0; i < 3; i++) add(w10, 'outage', { priority: 'P1', org: 'small' });
	return lines.join('\n') + '\n';
}

describe('weekly review flags', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		await importGenericPath(
			db,
			tempFolder({
				'orgs.csv': 'org_id,name,plan,arr,csm_id\nbig,Big Corp,enterprise,500000,csm-7\nsmall,Small Shop,standard,1000,\n',
				'tickets.csv': history()
			}),
			{ source: 'generic', timezone: 'UTC' }
		);
	});
	afterAll(() => db.close());

	it('reviews the last complete week before as_of by default', () => {
		expect(lastCompleteWeek(AS_OF, 'UTC')).toBe('2026-W10');
		expect(lastCompleteWeek('2026-03-09T03:00:00Z', 'America/New_York')).toBe('2026-W09');
		expect(isoWeekStart('2026-W01')).toBe('2025-12-29');
		expect(() => isoWeekStart('2026-W54')).toThrow(/ISO week/);
	});

	it('raises the hiring triggers, churn signals and top movers the week shows', async () => {
		const search = new URLSearchParams(`as_of=${AS_OF}`);
		const { meta, rows } = await computeFlags(db, parseFlagsQuery(search, parseKpiQuery(search)));
		expect(meta).toMatchObject({ week: '2026-W10', week_start: '2026-03-02', week_end: '2026-03-09' });
		expect(meta.not_evaluated).toEqual({ utilization_high: "the imports carry no handle time for the week's solved tickets" });
		expect(rows.map((r) => [r.flag, r.subject, r.value])).toEqual([
			['csat_below_target', 'all tickets', 0.6],
			['csat_below_target', 'segment (none)', 0.6],
			['backlog_growing', 'all tickets', 4],
			['churn_signal', 'Big Corp (enterprise)', 2],
			['top_mover', 'category billing', 8],
			['top_mover', 'category outage', 5]
		]);
		const churn = rows.find((r) => r.flag === 'churn_signal')!;
		expect(churn.message).toContain('alert CSM csm-7');
		// Money as money: "ARR 500,000", never "ARR 500000"; without a cost currency, no symbol
		// (a "$" here would be a guess), and with one, its symbol.
		expect(churn.message).toContain('Big Corp (enterprise, ARR 500,000)');
		process.env.DESKPULSE_CURRENCY = 'EUR';
		process.env.DESKPULSE_RESULT_CACHE = 'off';
		try {
			const again = await computeFlags(db, parseFlagsQuery(search, parseKpiQuery(search)));
			expect(again.rows.find((r) => r.flag === 'churn_signal')!.message).toContain('Big Corp (enterprise, ARR €500,000)');
		} finally {
			delete process.env.DESKPULSE_CURRENCY;
			delete process.env.DESKPULSE_RESULT_CACHE;
		}
		expect(churn.tickets).toMatchObject({ org: 'big', priority: 'P0,P1' });
		expect(rows.find((r) => r.flag === 'backlog_growing')!.detail).toMatchObject({ backlog: [1, 2, 3, 4] });
	});
});

describe('weekly review flags: many churn signals', () => {
	it('lists the 10 orgs with the most P0/P1 tickets and counts the rest in one row', async () => {
		// Twelve enterprise orgs in 2026-W10: e01 files 13 P1 tickets, e02 12, ..., e12 2.
		const tickets = ['ticket_id,created_at,status,priority,org_id'];
		const orgs = ['org_id,name,plan,arr'];
		for (let o = 1; o <= 12; o++) {
			const id = `e${String(o).padStart(2, '0')}`;
			orgs.push(`${id},Org ${id},enterprise,${100000 + o}`);
			for (let k = 0; k < 14 - o; k++) tickets.push(`${id}-${k},2026-03-03T${String(8 + (k % 10)).padStart(2, '0')}:00:00Z,open,P1,${id}`);
		}
		const db = await memoryDb();
		try {
			await importGenericPath(db, tempFolder({ 'orgs.csv': orgs.join('\n') + '\n', 'tickets.csv': tickets.join('\n') + '\n' }), { source: 'generic', timezone: 'UTC' });
			const search = new URLSearchParams(`as_of=${AS_OF}`);
			const churn = (await computeFlags(db, parseFlagsQuery(search, parseKpiQuery(search)))).rows.filter((r) => r.flag === 'churn_signal');
			expect(churn.map((r) => [r.subject, r.value])).toEqual([
				...Array.from({ length: 10 }, (_, i) => [`Org e${String(i + 1).padStart(2, '0')} (enterprise)`, 13 - i]),
				['2 more high-value orgs', 2]
			]);
			expect(churn[10].message).toBe('2 more high-value orgs filed 2+ P0/P1 tickets in 30 days (the 10 above filed the most); their tickets are among the P0/P1 tickets of those 30 days.');
			expect(churn[10].tickets).toEqual({ priority: 'P0,P1', from: '2026-02-07', to: '2026-03-09', as_of: '2026-03-10T00:00:00.000Z', tz: 'UTC' });
		} finally {
			await db.close();
		}
	});
});
