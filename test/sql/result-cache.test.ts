import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { FIXTURES, memoryDb, tempFolder } from '../helpers/db';

// Report results are cached until the next import: a reload is instant, and the first report
// after an import sees the imported rows.
const query = () =>
	parseKpiQuery(new URLSearchParams('grain=month&metrics=tickets_created&as_of=2026-12-01T00:00:00Z'));

const total = (rows: Array<Record<string, unknown>>) => rows.reduce((sum, r) => sum + ((r.tickets_created as number | null) ?? 0), 0);

describe('report result cache', () => {
	it('answers from the cache until an import changes the data', async () => {
		const db = await memoryDb();
		await importGenericPath(db, join(FIXTURES, 'generic-small'), { source: 'generic', timezone: 'UTC' });
		const first = await computeKpis(db, query());
		const before = total(first.rows);
		expect(before).toBeGreaterThan(0);

		// A caller altering its copy does not alter what the next caller gets.
		first.rows.length = 0;
		// Rows removed behind the importer's back (no refresh): the cached answer stands.
		await db.query(`delete from fct_tickets`);
		expect(total((await computeKpis(db, query())).rows)).toBe(before);

		// An import (which refreshes the models) makes the next report compute afresh: the
		// deleted facts are rebuilt and the new ticket counts.
		const folder = tempFolder({
			'tickets.csv': 'ticket_id,created_at,status\nnew-1,2026-10-05T10:00:00Z,open\n'
		});
		await importGenericPath(db, folder, { source: 'generic', timezone: 'UTC' });
		expect(total((await computeKpis(db, query())).rows)).toBe(before + 1);
		await db.close();
	});
});
