import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { createApi } from '../../src/lib/server/api';
import { LOCAL_ADMIN } from '../../src/lib/server/auth/principal';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import type { KbQueryResult } from '../../src/lib/server/metrics/kb-query';
import { FIXTURES, memoryDb } from '../helpers/db';

// test/fixtures/kb-query-groups/README.md describes the rows: the "password reset" group is
// s1-s6 (scaled) and s11 (high_touch) in W11.
const WINDOW = 'from=2026-03-09&to=2026-03-16&as_of=2026-03-16T00:00:00Z';

describe('GET /api/v1/kb-gaps/query', () => {
	let db: Database;
	let api: ReturnType<typeof createApi>;
	beforeAll(async () => {
		db = await memoryDb();
		await importGenericPath(db, join(FIXTURES, 'kb-query-groups'), { source: 'generic', timezone: 'UTC' });
		api = createApi({ db: async () => db, assume: LOCAL_ADMIN });
	});
	afterAll(() => db.close());

	const get = async (query: string) => {
		const res = await api.request(`/api/v1/kb-gaps/query?${query}`);
		return { status: res.status, body: (await res.json()) as KbQueryResult & { error?: { param: string; message: string } } };
	};
	const csvLines = async (query: string) => {
		const res = await api.request(`/api/v1/kb-gaps/query?${query}&format=csv`);
		expect(res.status).toBe(200);
		return (await res.text()).trim().split('\r\n');
	};

	it("lists a group's variants, searches and the tickets that followed, within a segment", async () => {
		const { status, body } = await get(`key=password+reset&segment=scaled&${WINDOW}`);
		expect(status).toBe(200);
		expect(body.meta).toEqual({
			key: 'password reset',
			query: 'reset password',
			from: '2026-03-09',
			to: '2026-03-16',
			tz: 'UTC',
			as_of: '2026-03-16T00:00:00.000Z',
			filters: { segment: ['scaled'] }
		});
		expect(body.variants).toEqual([
			// s1 and s6: both zero results, neither clicked; s1 followed by t1.
			{ query: 'reset password', searches: 2, failed_searches: 2, zero_result_searches: 2, clicked_searches: 0, tickets_after: 1 },
			// s2: results, no click, followed by t1.
			{ query: 'password reset', searches: 1, failed_searches: 1, zero_result_searches: 0, clicked_searches: 0, tickets_after: 1 },
			// s4: clicked.
			{ query: 'reset password!', searches: 1, failed_searches: 0, zero_result_searches: 0, clicked_searches: 1, tickets_after: 0 },
			{ query: 'reset pasword', searches: 1, failed_searches: 1, zero_result_searches: 1, clicked_searches: 0, tickets_after: 1 },
			{ query: 'reseting my password?', searches: 1, failed_searches: 1, zero_result_searches: 1, clicked_searches: 0, tickets_after: 1 }
		]);
		// Newest first; the ticket each search is counted with.
		expect(body.searches.total).toBe(6);
		expect(body.searches.rows.map((r) => [r.search_id, r.query_text, r.segment, r.results_count, r.clicked_article_id, r.ticket_id_after])).toEqual([
			['s6', 'reset password', 'scaled', 0, null, null],
			['s5', 'reset pasword', 'scaled', 0, null, 't3'],
			['s4', 'Reset  password!', 'scaled', 3, 'a1', null],
			['s3', 'reseting my password?', 'scaled', 0, null, 't2'],
			['s2', 'Password reset', 'scaled', 2, null, 't1'],
			['s1', 'reset password', 'scaled', 0, null, 't1']
		]);
		expect(body.searches.rows[0].searched_at).toBe('2026-03-12T10:00:00.000Z');
		// t1 followed s1 and s2 and is listed once; 4 searches followed, 3 tickets.
		expect(body.tickets.total).toBe(3);
		expect(body.tickets.rows.map((r) => [r.ticket_id, r.subject, r.category, r.matched_by, r.first_search_at, r.searches_followed])).toEqual([
			['t3', 'Locked out after a reset', 'account', 'requester', '2026-03-12T08:00:00.000Z', 1],
			['t2', 'Reset link goes to the wrong address', 'billing', 'requester', '2026-03-11T07:00:00.000Z', 1],
			['t1', 'Cannot reset my password', 'account', 'requester', '2026-03-10T09:00:00.000Z', 2]
		]);
	});

	it('covers every segment without a filter, a page at a time', async () => {
		const { body } = await get(`key=password+reset&limit=2&searches_offset=6&${WINDOW}`);
		// s1-s6 and s11; the last page holds the oldest.
		expect(body.searches.total).toBe(7);
		expect(body.searches.rows.map((r) => r.search_id)).toEqual(['s1']);
		expect(body.tickets.total).toBe(4);
		expect(body.tickets.rows.map((r) => r.ticket_id)).toEqual(['t5', 't3']);
	});

	it('answers each list whole as CSV, as many rows as its total', async () => {
		const searches = await csvLines(`key=password+reset&list=searches&limit=1&${WINDOW}`);
		expect(searches).toHaveLength(1 + 7);
		expect(searches[0].split(',')).toContain('ticket_id_after');
		const tickets = await csvLines(`key=password+reset&list=tickets&limit=1&${WINDOW}`);
		expect(tickets).toHaveLength(1 + 4);
		const variants = await csvLines(`key=password+reset&list=variants&${WINDOW}`);
		expect(variants).toEqual([
			'query,searches,failed_searches,zero_result_searches,clicked_searches,tickets_after',
			'reset password,3,3,3,0,2',
			'password reset,1,1,0,0,1',
			'reset password!,1,0,0,1,0',
			'reset pasword,1,1,1,0,1',
			'reseting my password?,1,1,1,0,1'
		]);
		const res = await api.request(`/api/v1/kb-gaps/query?key=password+reset&list=searches&format=csv&${WINDOW}`);
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="deskpulse-kb-query-searches.csv"');
	});

	it('opens the group a KB gaps row names', async () => {
		const gaps = (await (await api.request(`/api/v1/kb-gaps?${WINDOW}&segment=scaled`)).json()) as { rows: Array<{ group_key: string; query: string; searches: number; tickets_after: number }> };
		for (const row of gaps.rows) {
			const { body } = await get(`key=${encodeURIComponent(row.group_key)}&segment=scaled&${WINDOW}`);
			expect([body.meta.query, body.searches.total, body.variants.reduce((n, v) => n + v.tickets_after, 0)]).toEqual([row.query, row.searches, row.tickets_after]);
		}
	});

	it('links each ticket to the ticket list, which lists that ticket alone', async () => {
		const res = await api.request('/api/v1/tickets?ticket=t2&source=generic&as_of=2026-03-16T00:00:00Z');
		const body = (await res.json()) as { meta: { total: number; ticket: string }; rows: Array<{ ticket_id: string; subject: string }> };
		expect([body.meta.total, body.meta.ticket, body.rows.map((r) => [r.ticket_id, r.subject])]).toEqual([1, 't2', [['t2', 'Reset link goes to the wrong address']]]);
	});

	it('is empty, not an error, for a key nobody searched in the window', async () => {
		const { status, body } = await get(`key=nothing+like+it&${WINDOW}`);
		expect(status).toBe(200);
		expect([body.meta.query, body.variants, body.searches.total, body.tickets.total]).toEqual([null, [], 0, 0]);
		expect((await csvLines(`key=nothing+like+it&list=tickets&${WINDOW}`))).toHaveLength(1);
	});

	it('names the parameter at fault', async () => {
		expect((await get(WINDOW)).body.error?.param).toBe('key');
		expect((await get(`key=x&channel=email&${WINDOW}`)).body.error?.param).toBe('where');
		expect((await get(`key=x&limit=0&${WINDOW}`)).body.error?.param).toBe('limit');
		const res = await api.request(`/api/v1/kb-gaps/query?key=x&list=orgs&format=csv&${WINDOW}`);
		expect(res.status).toBe(400);
	});
});
