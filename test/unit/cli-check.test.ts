import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/lib/server/db/database';
import { cli } from '../helpers/cli';
import { FIXTURES } from '../helpers/db';

describe('deskpulse check', () => {
	afterEach(() => vi.restoreAllMocks());

	it('passes on a consistent database, and fails naming the check when models fall behind', async () => {
		const db = join(mkdtempSync(join(tmpdir(), 'deskpulse-check-')), 'test.duckdb');
		expect((await cli(['import', join(FIXTURES, 'generic-small'), '--db', db])).status).toBe(0);
		const passed = await cli(['check', '--db', db]);
		expect(passed.status).toBe(0);
		expect(passed.stdout).toContain('ok     models_match_raw');
		expect(passed.stdout).toMatch(/all \d+ checks passed\n$/);

		// What a refresh that never ran would leave: raw rows with no model rows.
		const open = await Database.open(db);
		await open.query(`delete from fct_tickets where ticket_id in ('t1', 't2')`);
		await open.close();
		const failed = await cli(['check', '--db', db]);
		expect(failed.status).toBe(1);
		expect(failed.stdout).toContain('FAILED models_match_raw: 1 row');
		expect(failed.stdout).toContain('{"entity":"tickets","source":"generic","raw_rows":10,"model_rows":8}');
		expect(failed.stdout).toMatch(/1 of \d+ checks failed\n$/);
		const json = JSON.parse((await cli(['check', '--format', 'json', '--db', db])).stdout) as { checks: Array<{ name: string; failing: number }> };
		expect(json.checks.find((c) => c.name === 'models_match_raw')?.failing).toBe(1);
	});
});
