import { describe, expect, it } from 'vitest';
import { importPath } from '../../src/lib/server/ingest/import-path';
import { keptEffect } from '../../src/cli/commands/import';
import { memoryDb, tempFolder } from '../helpers/db';

const HEADER = 'ticket_id,created_at,status,subject';

// A re-imported export changes nothing, and its summary must say so: "5 kept" reads as five
// new tickets. Each kept row is counted as new, changed, or restated as it was.
describe('what the kept rows did', () => {
	it('says nothing changed when the same export comes again, and counts new and changed rows otherwise', async () => {
		const db = await memoryDb();
		const first = tempFolder({ 'tickets.csv': [HEADER, 'e1,2026-03-02T09:00:00Z,open,a', 'e2,2026-03-02T10:00:00Z,open,b', 'e3,2026-03-02T11:00:00Z,open,c', ''].join('\n') });
		const once = await importPath(db, first, { adapter: 'generic', source: 'effect' });
		expect(once.files[0]).toMatchObject({ rowsAccepted: 3, rowsNew: 3, rowsChanged: 0 });
		expect(keptEffect(once.files[0], false)).toBe('3 new, 0 changed, 0 as they were');

		const again = await importPath(db, first, { adapter: 'generic', source: 'effect' });
		expect(again.files[0]).toMatchObject({ rowsAccepted: 3, rowsNew: 0, rowsChanged: 0 });
		expect(keptEffect(again.files[0], false)).toBe('nothing changed: every kept row was already there as it is');

		// e2 solved now, e4 new, e1 and e3 as they were (the same values in another order).
		const next = tempFolder({ 'tickets.csv': [HEADER, 'e3,2026-03-02T11:00:00Z,open,c', 'e4,2026-03-03T09:00:00Z,open,d', 'e2,2026-03-02T10:00:00Z,solved,b', 'e1,2026-03-02T09:00:00Z,open,a', ''].join('\n') });
		const later = await importPath(db, next, { adapter: 'generic', source: 'effect' });
		expect(later.files[0]).toMatchObject({ rowsAccepted: 4, rowsNew: 1, rowsChanged: 1 });
		expect(keptEffect(later.files[0], false)).toBe('1 new, 1 changed, 2 as they were');
		await db.close();
	});
});
