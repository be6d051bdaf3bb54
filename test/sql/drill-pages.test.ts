import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { drillStatement, listDrill, parseDrillQuery, type DrillKind } from '../../src/lib/server/metrics/drill-through';
import { defaultHours } from '../../src/lib/server/metrics/kpis';
import { computeKbQuery, parseKbQueryQuery } from '../../src/lib/server/metrics/kb-query';
import { parseKpiQuery } from '../../src/lib/filters';
import { FIXTURES, memoryDb, tempFolder } from '../helpers/db';

// A page of a drill-through list is read in two passes (src/lib/server/metrics/keyed-page.ts):
// the page's keys and the total, then those items alone. Here every page must be exactly the
// slice of the whole list read in one pass, whatever the sort, order, sample and numerator,
// and an id two sources share must stay two items, each listed once.

const AS_OF = '2026-03-20T00:00:00Z';
const WEEK = `grain=week&period_start=2026-03-02&as_of=${AS_OF}`;

/**
 * One source's export: tickets t01-t12 created in pairs an hour apart from Mon 2 March 09:00
 * (t01 and t02 at 09:00, t03 and t04 at 10:00, ... t11 and t12 at 14:00), so sorts meet ties;
 * t12 is outbound. Every fourth has no reply, every third is unsolved (open), even ones rated
 * good, t05 rated bad, t05 and t10 reopened. `late` shifts first replies, so the two sources'
 * tickets of one id differ. Sessions s1-s4 and searches q1-q4 in pairs of equal start times.
 */
function exportOf(late: number): string {
	const at = (hours: number, minutes = 0) => new Date(Date.UTC(2026, 2, 2, 9 + hours, minutes)).toISOString().replace('.000Z', 'Z');
	const tickets = ['ticket_id,created_at,status,channel,priority,org_id,outbound,first_response_at,solved_at,csat_score,reopens,agent_replies'];
	for (let i = 1; i <= 12; i++) {
		const id = `t${String(i).padStart(2, '0')}`;
		const hour = Math.floor((i - 1) / 2);
		const replied = i % 4 === 0 ? '' : at(hour, ((i * 7) % 13) * 10 + late);
		const solved = i % 3 === 0 ? '' : at(hour + i);
		const csat = i % 2 === 0 ? 'good' : i === 5 ? 'bad' : '';
		tickets.push(`${id},${at(hour)},${solved ? 'solved' : 'open'},email,P${(i % 4) + 1},o1,${i === 12},${replied},${solved},${csat},${i % 5 === 0 ? 1 : 0},${(i % 3) + 1}`);
	}
	return tickets.join('\n') + '\n';
}

describe('drill-through pages: two passes give the one-pass list', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		for (const [source, late] of [
			['east', 0],
			['west', 5]
		] as const) {
			await importGenericPath(
				db,
				tempFolder({
					'orgs.csv': 'org_id,segment\no1,scaled\n',
					'tickets.csv': exportOf(late),
					'self_service.csv':
						'session_id,started_at,kind,requester_id,org_id,handed_off,helpful\n' +
						's1,2026-03-03T10:00:00Z,kb,u1,o1,false,true\n' +
						's2,2026-03-03T10:00:00Z,bot,u2,o1,true,\n' +
						's3,2026-03-04T10:00:00Z,kb,u3,o1,false,false\n' +
						's4,2026-03-04T10:00:00Z,search,u4,o1,false,\n',
					'kb_searches.csv':
						'search_id,searched_at,requester_id,org_id,query,results_count,clicked_article_id\n' +
						'q1,2026-03-03T10:00:00Z,u1,o1,reset password,0,\n' +
						'q2,2026-03-03T10:00:00Z,u2,o1,export csv,4,kb-1\n' +
						'q3,2026-03-04T10:00:00Z,u3,o1,reset password,2,\n' +
						'q4,2026-03-04T10:00:00Z,u4,o1,export csv,3,kb-2\n'
				}),
				{ source, timezone: 'UTC' }
			);
		}
	});
	afterAll(() => db.close());

	const page = (kind: DrillKind, search: string) => {
		const params = new URLSearchParams(`${WEEK}&${search}`);
		return listDrill(db, parseDrillQuery(kind, params, parseKpiQuery(params)));
	};

	/** The whole list, read by its SQL file in one pass (no page keys). */
	const wholeList = async (kind: DrillKind, search: string) => {
		const params = new URLSearchParams(`${WEEK}&${search}`);
		const q = parseDrillQuery(kind, params, parseKpiQuery(params));
		const { sql, params: bound } = drillStatement(q, q.hours ?? (await defaultHours(db)));
		const rows = await db.query(sql, { ...bound, keys_only: false, page_keys: null, limit: null, offset: 0 });
		return rows.map(({ total_count: _total, ...item }) => item);
	};

	it('lists an id two sources share as two tickets, each once, in the order asked', async () => {
		const byId = await page('tickets', 'sort=ticket_id&order=asc&limit=3');
		// 11 inbound tickets a source (t12 is outbound).
		expect(byId.meta.total).toBe(22);
		expect(byId.rows.map((r) => [r.source, r.ticket_id])).toEqual([
			['east', 't01'],
			['west', 't01'],
			['east', 't02']
		]);
		const next = await page('tickets', 'sort=ticket_id&order=asc&limit=3&offset=3');
		expect(next.rows.map((r) => [r.source, r.ticket_id])).toEqual([
			['west', 't02'],
			['east', 't03'],
			['west', 't03']
		]);
		// Newest first: t11 (14:00, t12 outbound), then t09 and t10 (13:00); ties by source, id.
		const newest = await page('tickets', 'sort=created_at&order=desc&limit=4');
		expect(newest.rows.map((r) => [r.source, r.ticket_id])).toEqual([
			['east', 't11'],
			['west', 't11'],
			['east', 't09'],
			['east', 't10']
		]);
		// Each row carries its own source's values: t01's reply came 70 minutes after creation
		// in the east and 75 in the west.
		expect(byId.rows.slice(0, 2).map((r) => r.frt_minutes)).toEqual([70, 75]);
	});

	it('reports the total on a page past the end', async () => {
		const past = await page('tickets', 'sort=frt_minutes&limit=5&offset=40');
		expect(past.rows).toEqual([]);
		expect(past.meta.total).toBe(22);
	});

	it('gives every page as the slice of the whole list, for every sort, order, sample and numerator', async () => {
		const queries: Array<[DrillKind, string]> = [];
		for (const sort of ['created_at', 'solved_at', 'frt_minutes', 'ack_minutes', 'resolution_minutes', 'age_minutes', 'ticket_id', 'priority']) {
			for (const order of ['asc', 'desc']) queries.push(['tickets', `metric=tickets_created&sort=${sort}&order=${order}`]);
		}
		for (const metric of ['csat_rate', 'reopen_rate', 'one_touch_rate']) {
			for (const numerator of ['true', 'false']) queries.push(['tickets', `metric=${metric}&numerator=${numerator}&sort=frt_minutes`]);
		}
		queries.push(['tickets', 'metric=backlog_open&sort=age_minutes'], ['tickets', 'metric=backlog_open&sort=priority&order=asc']);
		queries.push(['tickets', 'metric=resolution_median_min&sort=resolution_minutes&order=asc'], ['tickets', 'metric=tickets_outbound']);
		for (const order of ['asc', 'desc']) queries.push(['sessions', `order=${order}`], ['searches', `order=${order}`]);
		queries.push(['sessions', 'metric=article_helpful_rate&numerator=true'], ['searches', 'metric=search_click_rate&numerator=false']);
		const wrong: string[] = [];
		const sizes: Record<string, number> = {};
		for (const [kind, search] of queries) {
			const whole = await wholeList(kind, search);
			sizes[`${kind} ${search}`] = whole.length;
			for (const offset of [0, 2, 7, 20]) {
				const { meta, rows } = await page(kind, `${search}&limit=3&offset=${offset}`);
				if (meta.total !== whole.length) wrong.push(`${kind} ${search} offset ${offset}: total ${meta.total}, list ${whole.length}`);
				if (JSON.stringify(rows) !== JSON.stringify(whole.slice(offset, offset + 3))) wrong.push(`${kind} ${search} offset ${offset}: other rows`);
			}
		}
		expect(wrong).toEqual([]);
		// The lists compared, by hand: 22 inbound tickets under every sort; rated 8 good (even
		// and solved: t02, t04, t08, t10 a source) and 2 bad (t05); solved 16 (t03, t06, t09
		// open), 4 of them reopened (t05, t10), none with one reply (only the open ones have
		// one); 6 open at the week's end; 2 outbound; 8 sessions and 8 searches, 2 sessions
		// voted helpful (s1), 4 searches without a click (q1, q3).
		const counts = Object.values(sizes);
		expect(counts.slice(0, 16)).toEqual(Array(16).fill(22));
		expect(counts.slice(16)).toEqual([8, 2, 4, 12, 0, 16, 6, 6, 16, 2, 8, 8, 8, 8, 2, 4]);
	});

	it('lists sessions and searches of two sources by their exact pairs', async () => {
		const sessions = await page('sessions', 'order=asc&limit=3&offset=1');
		expect(sessions.meta.total).toBe(8);
		// s1 and s2 started together on 3 March: east s1, east s2, west s1, west s2, then 4 March.
		expect(sessions.rows.map((r) => [r.source, r.session_id])).toEqual([
			['east', 's2'],
			['west', 's1'],
			['west', 's2']
		]);
		const searches = await page('searches', 'limit=2&offset=2');
		expect(searches.meta.total).toBe(8);
		// Newest first: the 4 March pair of each source, by source then id.
		expect(searches.rows.map((r) => [r.source, r.search_id])).toEqual([
			['west', 'q3'],
			['west', 'q4']
		]);
	});
});

// test/fixtures/kb-query-groups/README.md: the "password reset" group is s1-s6 and s11 in W11.
describe('KB query group lists of two sources with the same ids', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		for (const source of ['generic', 'copy']) await importGenericPath(db, join(FIXTURES, 'kb-query-groups'), { source, timezone: 'UTC' });
	});
	afterAll(() => db.close());

	const group = (search: string) => {
		const params = new URLSearchParams(`key=password+reset&from=2026-03-09&to=2026-03-16&as_of=2026-03-16T00:00:00Z&${search}`);
		return computeKbQuery(db, parseKbQueryQuery(params, parseKpiQuery(params)));
	};

	it('lists each search and ticket once per source, a page at a time', async () => {
		const whole = await group('limit=100');
		// 7 searches and 4 tickets that followed them (t1, t2, t3, t5), per source.
		expect(whole.searches.total).toBe(14);
		expect(whole.tickets.total).toBe(8);
		const searchPages = [];
		const ticketPages = [];
		for (let offset = 0; offset < 16; offset += 3) {
			const part = await group(`limit=3&searches_offset=${offset}&tickets_offset=${offset}`);
			expect([part.searches.total, part.tickets.total]).toEqual([14, 8]);
			searchPages.push(...part.searches.rows);
			ticketPages.push(...part.tickets.rows);
		}
		expect(searchPages).toEqual(whole.searches.rows);
		expect(ticketPages).toEqual(whole.tickets.rows);
		expect(new Set(whole.searches.rows.map((r) => `${r.source}:${r.search_id}`)).size).toBe(14);
		expect(whole.tickets.rows.map((r) => `${r.source}:${r.ticket_id}`).sort()).toEqual(
			['copy:t1', 'copy:t2', 'copy:t3', 'copy:t5', 'generic:t1', 'generic:t2', 'generic:t3', 'generic:t5']
		);
	});
});
