import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../../seeds/generate-demo';
import { Database, importMemoryLimit } from '../../src/lib/server/db/database';
import { importGenericPath, importPath } from '../../src/lib/server/ingest/import-path';

// DuckDB's memory budget: an import runs under a smaller one (spilling to disk past it) and
// hands the full budget back to reports when it ends; a tight budget slows it, never fails it.
const saved = { ...process.env };
afterEach(() => {
	process.env = { ...saved };
});

const setting = async (db: Database) =>
	(await db.query<{ limit: string }>(`select current_setting('memory_limit') as "limit"`))[0].limit;

describe('memory limits', () => {
	it('imports at most 1 GB unless told otherwise', () => {
		process.env.DESKPULSE_MEMORY_LIMIT = '4GB';
		expect(importMemoryLimit()).toBe('1024MB');
		process.env.DESKPULSE_MEMORY_LIMIT = '512MB';
		expect(importMemoryLimit()).toBe('512MB');
		process.env.DESKPULSE_IMPORT_MEMORY_LIMIT = '2GB';
		expect(importMemoryLimit()).toBe('2GB');
	});

	it('imports under its own budget and restores the report budget afterwards', async () => {
		process.env.DESKPULSE_MEMORY_LIMIT = '3GB';
		process.env.DESKPULSE_IMPORT_MEMORY_LIMIT = '128MB';
		const dir = mkdtempSync(join(tmpdir(), 'deskpulse-memory-'));
		await generateDemo({ tickets: 3000, seed: 5, end: '2026-11-15', outDir: join(dir, 'csv') });
		const db = await Database.open(join(dir, 'db', 'deskpulse.duckdb'));
		const before = await setting(db);
		const budgets = vi.spyOn(db, 'setMemoryLimit');
		const result = await importGenericPath(db, join(dir, 'csv'), { source: 'demo', timezone: 'UTC' });
		expect(result.files.every((f) => f.status === 'ok')).toBe(true);
		const [{ tickets }] = await db.query<{ tickets: number }>(`select count(*)::integer as tickets from fct_tickets`);
		expect(tickets).toBe(3000);
		// The files and the refresh under the import's budget, the integrity checks (which read
		// the whole models, as reports do) under the reports', and that budget kept at the end.
		expect(budgets.mock.calls).toEqual([['128MB'], ['3GB'], ['3GB']]);
		expect(await setting(db)).toBe(before);
		expect(before).toMatch(/^2\.\d+ GiB$/);
		await db.close();
	});

	it("keeps a server's budget while it imports: its reports share the database", async () => {
		process.env.DESKPULSE_MEMORY_LIMIT = '3GB';
		process.env.DESKPULSE_IMPORT_MEMORY_LIMIT = '128MB';
		const dir = mkdtempSync(join(tmpdir(), 'deskpulse-memory-shared-'));
		await generateDemo({ tickets: 1000, seed: 6, end: '2026-11-15', outDir: join(dir, 'csv') });
		const db = await Database.open(join(dir, 'db', 'deskpulse.duckdb'));
		const before = await setting(db);
		const budgets = vi.spyOn(db, 'setMemoryLimit');
		const result = await importPath(db, join(dir, 'csv'), { adapter: 'generic', source: 'demo', timezone: 'UTC', sharedDatabase: true });
		expect(result.files.every((f) => f.status === 'ok')).toBe(true);
		expect(budgets).not.toHaveBeenCalled();
		expect(await setting(db)).toBe(before);
		await db.close();
	});
});
