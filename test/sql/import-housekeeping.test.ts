import { afterEach, describe, expect, it, vi } from 'vitest';
import { importPath } from '../../src/lib/server/ingest/import-path';
import { megabytes } from '../../src/lib/server/db/database';
import { memoryDb, tempFolder } from '../helpers/db';

describe('import housekeeping', () => {
	afterEach(() => vi.unstubAllEnvs());

	it("clears a file's stale rejects when a corrected copy is imported under the same name", async () => {
		const db = await memoryDb();
		try {
			const header = 'ticket_id,created_at,status,reopens';
			await importPath(db, tempFolder({ 'tickets.csv': `${header}\nh1,2026-03-02T09:00:00Z,open,1.5\nh2,2026-03-02T10:00:00Z,open,0\n` }), { adapter: 'generic', source: 'hk', timezone: 'UTC' });
			expect(await db.query(`select line, column_name from import_quarantine`)).toEqual([{ line: 2, column_name: 'reopens' }]);
			const fixed = await importPath(db, tempFolder({ 'tickets.csv': `${header}\nh1,2026-03-02T09:00:00Z,open,1\nh2,2026-03-02T10:00:00Z,open,0\n` }), {
				adapter: 'generic',
				source: 'hk',
				timezone: 'UTC'
			});
			expect(fixed.files[0]).toMatchObject({ rowsAccepted: 2, rowsRejected: 0 });
			expect(await db.query(`select count(*)::integer as n from import_quarantine`)).toEqual([{ n: 0 }]);
		} finally {
			await db.close();
		}
	});

	it('checks the memory settings before anything lands, and takes the spellings DuckDB takes', async () => {
		expect([megabytes('2G'), megabytes('512MB'), megabytes('1.5 GiB'), megabytes('lots')]).toEqual([2048, 512, 1536, null]);
		const db = await memoryDb();
		try {
			vi.stubEnv('DESKPULSE_MEMORY_LIMIT', 'lots');
			const folder = tempFolder({ 'tickets.csv': 'ticket_id,created_at,status\nm1,2026-03-02T09:00:00Z,open\n' });
			await expect(importPath(db, folder, { adapter: 'generic', source: 'hk', timezone: 'UTC' })).rejects.toThrow(
				'DESKPULSE_MEMORY_LIMIT must be a size such as 1GB, 512MB or 2G, got "lots"'
			);
			expect(await db.query(`select (select count(*) from raw_generic_tickets)::integer as t, (select count(*) from import_runs)::integer as r`)).toEqual([{ t: 0, r: 0 }]);
			vi.stubEnv('DESKPULSE_MEMORY_LIMIT', '2G');
			const imported = await importPath(db, folder, { adapter: 'generic', source: 'hk', timezone: 'UTC' });
			expect(imported.files[0]).toMatchObject({ status: 'ok', rowsAccepted: 1 });
		} finally {
			await db.close();
		}
	});
});
