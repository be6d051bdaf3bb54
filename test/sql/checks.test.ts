import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { sqlKeysIn } from '../../src/lib/server/db/sql-files';
import { refreshModels } from '../../src/lib/server/db/migrate';
import { failingChecks } from '../helpers/checks';
import { FIXTURES, memoryDb } from '../helpers/db';

describe('sql/checks', () => {
	it('return no rows on the hand-written fixtures', async () => {
		const db = await memoryDb();
		await importGenericPath(db, join(FIXTURES, 'generic-small'), { source: 'generic', timezone: 'UTC' });
		expect(sqlKeysIn('checks').length).toBeGreaterThanOrEqual(3);
		expect(await failingChecks(db)).toEqual({});
		await db.close();
	});

	it('catch a fanned-out join', async () => {
		const db = await memoryDb();
		await importGenericPath(db, join(FIXTURES, 'generic-small'), { source: 'generic', timezone: 'UTC' });
		// Two rows for one org (which import itself never lets happen) double its tickets.
		await db.query(`insert into raw_generic_orgs (source, org_id, import_run_id) values ('generic', 'o1', 99)`);
		await db.withConnection((c) => refreshModels(c));
		// The fanned-out rows also outnumber the raw tickets.
		expect(Object.keys(await failingChecks(db))).toEqual(['checks/models_match_raw', 'checks/one_row_per_ticket']);
		await db.close();
	});
});
