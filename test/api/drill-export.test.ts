import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { createApi } from '../../src/lib/server/api';
import { parseKpiQuery } from '../../src/lib/filters';
import { exportDrill, parseDrillQuery } from '../../src/lib/server/metrics/drill-through';
import { genericSmallApi } from '../helpers/api';

const AS_OF = 'as_of=2026-04-01T00:00:00Z';

// A list's CSV is the whole list the query names, never the page on screen (a manager who
// downloads "the breached tickets" gets all of them).
describe('GET /api/v1/tickets?format=csv', () => {
	let db: Database;
	let api: ReturnType<typeof createApi>;
	beforeAll(async () => {
		({ db, api } = await genericSmallApi());
	});
	afterAll(() => db.close());

	/** The ticket_id column of a CSV whose cells hold no comma (the fixture's ids and sources do not). */
	const idsOf = (csv: string) => {
		const [header, ...lines] = csv.trim().split('\r\n');
		const at = header.split(',').indexOf('ticket_id');
		return lines.map((line) => line.split(',')[at]);
	};

	it('holds every ticket the query names, whatever page the screen shows', async () => {
		const all = (await (await api.request(`/api/v1/tickets?${AS_OF}&limit=1000&sort=created_at&order=asc`)).json()) as { meta: { total: number }; rows: Array<{ ticket_id: string }> };
		expect(all.meta.total).toBeGreaterThan(3);
		const res = await api.request(`/api/v1/tickets?${AS_OF}&limit=2&offset=2&sort=created_at&order=asc&format=csv`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="deskpulse-tickets.csv"');
		const text = await res.text();
		expect(idsOf(text)).toEqual(all.rows.map((r) => r.ticket_id));
	});

	it('reads a large list a page at a time, in order, without losing or repeating one', async () => {
		const search = new URLSearchParams(`${AS_OF}&sort=created_at&order=asc`);
		const q = parseDrillQuery('tickets', search, parseKpiQuery(search));
		const pages: string[][] = [];
		for await (const rows of exportDrill(db, q, 3)) pages.push(rows.map((r) => String(r.ticket_id)));
		const all = (await (await api.request(`/api/v1/tickets?${AS_OF}&limit=1000&sort=created_at&order=asc`)).json()) as { rows: Array<{ ticket_id: string }> };
		expect(pages.every((p) => p.length <= 3)).toBe(true);
		expect(pages.length).toBe(Math.ceil(all.rows.length / 3));
		expect(pages.flat()).toEqual(all.rows.map((r) => r.ticket_id));
	});

	it('is a header alone when nothing matches', async () => {
		const res = await api.request(`/api/v1/tickets?${AS_OF}&segment=nonexistent&format=csv`);
		expect(res.status).toBe(200);
		expect((await res.text()).trim().split('\r\n')).toHaveLength(1);
	});
});
