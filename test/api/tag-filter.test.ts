import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { createApi } from '../../src/lib/server/api';
import { genericSmallApi } from '../helpers/api';

const AS_OF = 'as_of=2026-04-01T00:00:00Z';

// A tag is a filter of every ticket report and the ticket list: generic-small's t1 has tags
// invoice and export, t2 sso, t3 seats; all ten tickets were created in March 2026 and t4 is
// outbound, so March has 9 inbound tickets.
describe('the tag filter', () => {
	let db: Database;
	let api: ReturnType<typeof createApi>;
	beforeAll(async () => {
		({ db, api } = await genericSmallApi());
	});
	afterAll(() => db.close());

	const json = async (path: string) => {
		const res = await api.request(path);
		return { status: res.status, body: (await res.json()) as Record<string, any> };
	};

	it('keeps the tickets with any of the tags it names, in the metrics and the list', async () => {
		const all = await json(`/api/v1/kpis?grain=month&metrics=tickets_created&${AS_OF}`);
		expect(all.body.rows[0].tickets_created).toBe(9);
		const one = await json(`/api/v1/kpis?grain=month&metrics=tickets_created&tag=export&${AS_OF}`);
		expect(one.body.meta.filters).toEqual({ tag: ['export'] });
		expect(one.body.rows[0].tickets_created).toBe(1);
		const either = await json(`/api/v1/kpis?grain=month&metrics=tickets_created&tag=sso,seats&${AS_OF}`);
		expect(either.body.rows[0].tickets_created).toBe(2);
		const list = await json(`/api/v1/tickets?tag=invoice&${AS_OF}`);
		expect(list.body.rows.map((r: { ticket_id: string }) => r.ticket_id)).toEqual(['t1']);
		expect(list.body.rows[0].tags).toEqual(['invoice', 'export']);
	});

	it('filters but never groups, and says so', async () => {
		const res = await json(`/api/v1/kpis?by=tag&${AS_OF}`);
		expect(res.status).toBe(400);
		expect(res.body.error.message).toMatch(/^by: tag filters but does not group/);
	});

	it('leaves session metrics out, saying why, since sessions carry no tags', async () => {
		const res = await json(`/api/v1/kpis?metrics=self_service_sessions,tickets_created&tag=sso&grain=month&${AS_OF}`);
		expect(res.status).toBe(200);
		expect(res.body.meta.not_applicable.self_service_sessions).toMatch(/cannot be grouped or filtered by tag/);
	});
});
