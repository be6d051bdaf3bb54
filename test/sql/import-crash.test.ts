import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/lib/server/db/database';
import { importPath } from '../../src/lib/server/ingest/import-path';
import { ImportBusyError } from '../../src/lib/server/ingest/errors';
import { FIXTURES, memoryDb, tempFolder } from '../helpers/db';

const BASELINE = join(FIXTURES, 'generic-small');

/** Ten more tickets of the same source, so a crash can be told from what landed before. */
const MORE = tempFolder({
	'tickets.csv': [
		'ticket_id,created_at,status,first_response_at,solved_at',
		...Array.from({ length: 10 }, (_, i) => `m${i},2026-03-1${i % 10}T09:00:00Z,solved,2026-03-1${i % 10}T09:30:00Z,2026-03-1${i % 10}T12:00:00Z`)
	].join('\n')
});

/** What must agree after any crash: raw rows, model rows, runs, pending refreshes. */
async function state(db: Database) {
	const [row] = await db.query<{ raw: number; model: number; pending: number; running: number }>(
		`select (select count(*) from raw_generic_tickets)::integer as raw,
		        (select count(*) from fct_tickets)::integer as model,
		        (select count(*) from pending_refresh)::integer as pending,
		        (select count(*) from import_runs where status = 'running')::integer as running`
	);
	const runs = await db.query<{ file_name: string; status: string }>(`select file_name, status from import_runs order by run_id`);
	return { ...row, runs: runs.map((r) => `${r.file_name}:${r.status}`) };
}

// Fault injection: a child process imports with DESKPULSE_FAULT_AT=<phase> and kills itself
// with SIGKILL when the import reaches that phase; the next open of the database must find
// raw rows, models and runs consistent, and the dead run recorded.
describe('an import killed at any phase', () => {
	const cases: Array<{ phase: string; raw: number; status: string }> = [
		// Killed inside the file's transaction: its rows roll back, its run is interrupted.
		{ phase: 'reading', raw: 10, status: 'interrupted' },
		{ phase: 'checking', raw: 10, status: 'interrupted' },
		{ phase: 'writing', raw: 10, status: 'interrupted' },
		// Killed after the file committed, before the models caught up: the next start
		// refreshes them, so the 10 new tickets reach the reports.
		{ phase: 'modelling', raw: 20, status: 'ok' }
	];
	for (const c of cases) {
		it(`leaves a consistent database when killed while ${c.phase}`, async () => {
			const dir = mkdtempSync(join(tmpdir(), 'deskpulse-crash-'));
			const file = join(dir, 'crash.duckdb');
			try {
				const db = await Database.open(file);
				await importPath(db, BASELINE, { adapter: 'generic', source: 'generic', timezone: 'UTC' });
				await db.close();

				const child = spawnSync(process.execPath, ['bin/deskpulse.js', 'import', MORE, '--source', 'generic', '--label', 'generic', '--db', file], {
					env: { ...process.env, DESKPULSE_FAULT_AT: c.phase },
					encoding: 'utf8'
				});
				expect(child.signal).toBe('SIGKILL');

				const after = await Database.open(file);
				try {
					const s = await state(after);
					expect({ raw: s.raw, model: s.model, pending: s.pending, running: s.running }).toEqual({ raw: c.raw, model: c.raw, pending: 0, running: 0 });
					expect(s.runs).toEqual(['orgs.csv:ok', 'tickets.csv:ok', `tickets.csv:${c.status}`]);
				} finally {
					await after.close();
				}
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}, 60_000);
	}
});

describe('two imports at once', () => {
	it('runs one and refuses the other, which changes nothing', async () => {
		const db = await memoryDb();
		try {
			const first = importPath(db, BASELINE, { adapter: 'generic', source: 'generic', timezone: 'UTC' });
			const second = importPath(db, MORE, { adapter: 'generic', source: 'generic', timezone: 'UTC' });
			await expect(second).rejects.toBeInstanceOf(ImportBusyError);
			await expect(second).rejects.toThrow('another import is running on this database');
			expect((await first).files.map((f) => f.status)).toEqual(['ok', 'ok']);
			expect(await state(db)).toMatchObject({ raw: 10, model: 10, pending: 0, running: 0 });
			// Once the first is done, the next import runs.
			await importPath(db, MORE, { adapter: 'generic', source: 'generic', timezone: 'UTC' });
			expect(await state(db)).toMatchObject({ raw: 20, model: 20, pending: 0 });
		} finally {
			await db.close();
		}
	});
});
