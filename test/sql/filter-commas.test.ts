import { describe, expect, it } from 'vitest';
import { filterValueText, kpiQuerySearch, parseKpiQuery, splitFilterValues } from '../../src/lib/filters';
import { importPath } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { memoryDb, tempFolder } from '../helpers/db';

// A filter value may hold a comma ("Billing, EMEA"): it must be selectable, and select only
// its own tickets (before, it split into "Billing" and "EMEA" and counted Billing's).
describe('filter values with commas', () => {
	it('round-trip through the URL, escaped', () => {
		expect(filterValueText(['Billing, EMEA', 'Support'])).toBe('Billing\\, EMEA,Support');
		expect(splitFilterValues('Billing\\, EMEA,Support')).toEqual(['Billing, EMEA', 'Support']);
		expect(splitFilterValues('a\\\\,b')).toEqual(['a\\', 'b']);
		const q = parseKpiQuery(new URLSearchParams('group=Billing%5C%2C%20EMEA'));
		expect(q.where.group).toEqual(['Billing, EMEA']);
		expect(kpiQuerySearch(q).get('group')).toBe('Billing\\, EMEA');
	});

	it('select only the tickets of that value', async () => {
		const db = await memoryDb();
		try {
			await importPath(
				db,
				tempFolder({
					'tickets.csv': [
						'ticket_id,created_at,status,group',
						'g1,2026-03-02T09:00:00Z,open,"Billing, EMEA"',
						'g2,2026-03-02T10:00:00Z,open,"Billing, EMEA"',
						'g3,2026-03-02T11:00:00Z,open,Billing',
						'g4,2026-03-02T12:00:00Z,open,EMEA'
					].join('\n')
				}),
				{ adapter: 'generic', source: 'commas', timezone: 'UTC' }
			);
			const count = async (search: string) =>
				(await computeKpis(db, parseKpiQuery(new URLSearchParams(`grain=month&metrics=tickets_created&as_of=2026-04-01T00:00:00Z&${search}`)))).rows[0].tickets_created;
			expect(await count('group=Billing%5C%2C%20EMEA')).toBe(2);
			expect(await count('group=Billing')).toBe(1);
			expect(await count('group=Billing,EMEA')).toBe(2);
			expect(await count('where=group=Billing%5C%2C%20EMEA')).toBe(2);
		} finally {
			await db.close();
		}
	});
});
