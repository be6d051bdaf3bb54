import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/lib/server/db/database';
import { installMacros, installScopes } from '../../src/lib/server/db/migrate';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { exportParquet, exportTables, type ExportedTable } from '../../src/lib/server/export/parquet';
import { dimensionValues } from '../../src/lib/server/metrics/dimension-values';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { METRIC_IDS } from '../../src/lib/metric-catalog';
import { FIXTURES, memoryDb } from '../helpers/db';

// The costs fixture (test/fixtures/costs/README.md, values worked out by hand there): tickets,
// sessions and costs across March and April 2026, so every fact table has two month partitions.
const AS_OF = '2026-05-01T00:00:00Z';
// Every metric, so every family's SQL (and every relation it reads) runs on the Parquet.
const METRICS = METRIC_IDS;

/**
 * A database with nothing but the export: one view per exported table over its Parquet
 * files, then the app's own macros and scopes on top, as a reader elsewhere would set it up.
 */
async function parquetReader(dir: string): Promise<Database> {
	// Test-made temp path, checked: DDL (a view) takes no bound parameters.
	expect(dir).not.toContain("'");
	const reader = await Database.open(':memory:', { migrate: false });
	await reader.withConnection(async (conn) => {
		for (const { table, partitionBy } of exportTables()) {
			// Partition values come back as text; month exists only for the folder layout.
			const month = partitionBy.includes('month') ? ' exclude (month)' : '';
			await conn.exec(
				`create view ${table} as select *${month} from read_parquet('${dir}/${table}/**/*.parquet', hive_partitioning = true, hive_types_autocast = false)`
			);
		}
		await installMacros(conn);
		await installScopes(conn);
	});
	return reader;
}

describe('deskpulse export --format parquet', () => {
	let db: Database;
	let dir: string;
	let written: ExportedTable[];
	const query = (params: Record<string, string> = {}) =>
		parseKpiQuery({ as_of: AS_OF, grain: 'week', from: '2026-03-16', to: '2026-04-13', metrics: METRICS.join(','), ...params });

	beforeAll(async () => {
		// The result cache is keyed by the home database's refresh stamp, which an export does not carry.
		vi.stubEnv('DESKPULSE_RESULT_CACHE', 'off');
		db = await memoryDb();
		await importGenericPath(db, join(FIXTURES, 'costs'), { source: 'generic', timezone: 'UTC' });
		dir = join(mkdtempSync(join(tmpdir(), 'deskpulse-export-')), 'out');
		written = await exportParquet(db, dir);
	});
	afterAll(async () => {
		vi.unstubAllEnvs();
		await db.close();
	});

	it('writes the fact tables by source and month, the small tables whole', () => {
		const byTable = Object.fromEntries(written.map((t) => [t.table, t]));
		expect(byTable.fct_tickets).toEqual({
			table: 'fct_tickets',
			partitionBy: ['source', 'month'],
			rows: 10,
			files: ['fct_tickets/source=generic/month=2026-03/data_0.parquet', 'fct_tickets/source=generic/month=2026-04/data_0.parquet']
		});
		// Sessions k1..b2 and m1 in March, b3 and m1 in April: 4 + 2.
		expect(byTable.fct_self_service.rows).toBe(6);
		expect(byTable.fct_self_service.files).toHaveLength(2);
		expect(byTable.fct_costs.files).toEqual(['fct_costs/source=generic/month=2026-03/data_0.parquet', 'fct_costs/source=generic/month=2026-04/data_0.parquet']);
		// No searches in the fixture: one empty file keeps the table readable.
		expect(byTable.fct_kb_searches).toMatchObject({ rows: 0, files: ['fct_kb_searches/empty.parquet'] });
		expect(byTable.dim_schedules.files).toEqual(['dim_schedules/data_0.parquet']);
		expect(byTable.agg_filter_values.files).toEqual(['agg_filter_values/data_0.parquet']);
		for (const t of written) for (const f of t.files) expect(existsSync(join(dir, f))).toBe(true);
	});

	it('refuses a folder that already holds files', async () => {
		await expect(exportParquet(db, dir)).rejects.toThrow('is not empty');
	});

	it('gives the same KPIs from the Parquet files as from the database', async () => {
		const reader = await parquetReader(dir);
		try {
			const home = await computeKpis(db, query());
			const away = await computeKpis(reader, query());
			expect(away.rows).toEqual(home.rows);
			expect(away.samples).toEqual(home.samples);
			// Hand-known (the fixture's README): support cost W12-W14, tickets created W13 and W14.
			expect(away.rows.slice(0, 3).map((r) => r.support_cost)).toEqual([8134, 8134, 8824]);
			expect(away.rows.slice(1, 3).map((r) => r.tickets_created)).toEqual([6, 3]);
			// The filter bar's values too.
			const values = await dimensionValues(reader, '2026-05-01T00:00:00Z');
			expect(values).toEqual(await dimensionValues(db, '2026-05-01T00:00:00Z'));
			expect(values.channel).toEqual(['chat', 'email', 'in_app', 'phone', 'video']);
			for (const other of [query({ grain: 'month', from: '2026-03-01', to: '2026-05-01' }), query({ hours: 'business', by: 'channel' })]) {
				expect((await computeKpis(reader, other)).rows).toEqual((await computeKpis(db, other)).rows);
			}
		} finally {
			await reader.close();
		}
	});

	it('differs when a partition is missing: April tickets gone, W14 counts only March', async () => {
		rmSync(join(dir, 'fct_tickets/source=generic/month=2026-04'), { recursive: true });
		const reader = await parquetReader(dir);
		try {
			const away = await computeKpis(reader, query());
			// W14 created: v1 (Mar 31) stays, a1 and r-late (April) are gone.
			expect(away.rows[2].tickets_created).toBe(1);
			expect(away.rows).not.toEqual((await computeKpis(db, query())).rows);
		} finally {
			await reader.close();
		}
	});
});
