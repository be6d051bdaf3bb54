import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { isMaterialized, modelSelect } from '../../src/lib/server/db/migrate';
import { INCREMENTAL_MODELS } from '../../src/lib/server/db/model-refresh';
import { sqlKeysIn } from '../../src/lib/server/db/sql-files';
import { importPath } from '../../src/lib/server/ingest/import-path';
import { FIXTURES, memoryDb, tempFolder } from '../helpers/db';

// The models an import refreshes in place are declared in model-refresh.ts; what the
// declaration says must hold of the SQL files and tables, or a refresh would build rows
// from a model that ignores its flag, or delete rows by columns a table lacks.
let db: Database;

/** The named parameters a staging or model file's SELECT takes, as DuckDB reads them. */
async function parametersOf(key: string): Promise<string[]> {
	return db.withConnection(async (conn) => {
		const statement = await conn.raw.prepare(modelSelect(key));
		try {
			return Array.from({ length: statement.parameterCount }, (_, i) => statement.parameterName(i + 1));
		} finally {
			statement.destroySync();
		}
	});
}

async function columnsOf(table: string): Promise<string[]> {
	const rows = await db.query<{ name: string }>(`select column_name as name from duckdb_columns() where table_name = $table order by column_index`, { table });
	return rows.map((r) => r.name);
}

beforeAll(async () => {
	db = await memoryDb();
	await importPath(db, join(FIXTURES, 'generic-small'), { adapter: 'generic', source: 'generic', timezone: 'UTC' });
});

afterAll(async () => {
	await db?.close();
});

describe('the models an import refreshes in place', () => {
	it('are exactly the materialized models whose SELECT reads $incremental', async () => {
		const flagged: string[] = [];
		for (const key of ['staging', 'models'].flatMap(sqlKeysIn)) {
			const parameters = await parametersOf(key);
			if (parameters.length === 0) continue;
			// A view cannot take a bound value, so only a table may read the flag.
			expect([key, parameters, isMaterialized(key)]).toEqual([key, ['incremental'], true]);
			flagged.push(key);
		}
		expect(flagged.sort()).toEqual(['models/fct_kb_searches', 'models/fct_self_service', 'models/fct_tickets']);
		expect(INCREMENTAL_MODELS.map((m) => `models/${m.model}`).sort()).toEqual(flagged);
	});

	it('name their rows by columns both the model and its refresh table hold', async () => {
		for (const { model, keys, rows } of INCREMENTAL_MODELS) {
			expect((await columnsOf(model)).filter((c) => keys.includes(c))).toEqual(keys);
			expect((await columnsOf(rows)).slice(0, keys.length)).toEqual(keys);
		}
	});

	it('leave their refresh tables empty once an incremental refresh commits', async () => {
		// t3 solved a day later: one ticket of ten, inside the business calendar.
		const slice = tempFolder({ 'tickets.csv': 'ticket_id,created_at,status,solved_at\nt3,2026-03-04T08:00:00Z,solved,2026-03-05T09:00:00Z\n' });
		const result = await importPath(db, slice, { adapter: 'generic', source: 'generic', timezone: 'UTC' });
		expect(result.modelRefresh).toBe('incremental');
		const [solved] = await db.query<{ solved_at: string }>(`select strftime(solved_at, '%Y-%m-%d %H:%M') as solved_at from fct_tickets where ticket_id = 't3'`);
		expect(solved).toEqual({ solved_at: '2026-03-05 09:00' });
		const [counts] = await db.query(
			`select (select count(*) from refresh_tickets)::integer as tickets,
			        (select count(*) from refresh_ticket_keys)::integer as ticket_keys,
			        (select count(*) from refresh_sessions)::integer as sessions,
			        (select count(*) from refresh_searches)::integer as searches`
		);
		expect(counts).toEqual({ tickets: 0, ticket_keys: 0, sessions: 0, searches: 0 });
	});
});
