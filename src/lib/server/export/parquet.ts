import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Connection, Database } from '../db/database';
import { sqlKeysIn, sqlText } from '../db/sql-files';

/**
 * The relations the metric SQL reads, directly (sql/metrics/) and through the scopes
 * (sql/scopes/), each a SELECT in sql/export/<relation>.sql. Written as Parquet so the same
 * sql/ runs on another DuckDB: views named like these over `read_parquet`, then the macros
 * and scopes installed as at home (test/sql/export-parquet.test.ts reads one back so). No raw
 * table is read by any of them.
 */
const PARTITION_BY = /^--\s*partition_by:\s*(.+?)\s*$/m;

/** The only columns a file may partition by: the header is SQL text, never an identifier from input. */
const PARTITION_COLUMNS = ['source', 'month'];

export interface ExportTable {
	table: string;
	partitionBy: string[];
}

export interface ExportedTable extends ExportTable {
	rows: number;
	/** Paths relative to the export folder, in name order. */
	files: string[];
}

/** What `exportParquet` writes, from the files in sql/export/. */
export function exportTables(): ExportTable[] {
	return sqlKeysIn('export').map((key) => {
		const header = PARTITION_BY.exec(sqlText(key))?.[1];
		const partitionBy = header ? header.split(',').map((c) => c.trim()) : [];
		const unknown = partitionBy.find((c) => !PARTITION_COLUMNS.includes(c));
		if (unknown) throw new Error(`sql/${key}.sql partitions by "${unknown}", not one of ${PARTITION_COLUMNS.join(', ')}`);
		return { table: key.slice('export/'.length), partitionBy };
	});
}

/** Why `dir` cannot take an export, or null: files from an earlier export would be read as rows of this one. */
export function exportFolderProblem(dir: string): string | null {
	if (!existsSync(dir)) return null;
	try {
		if (readdirSync(dir).length > 0) return `${dir} is not empty: export into a new or empty folder, so no earlier file is read as part of this export`;
	} catch {
		return `${dir} is not a folder`;
	}
	return null;
}

/**
 * Writes every export table under `outDir/<table>/`: a partitioned table as hive folders
 * (`source=zendesk/month=2026-03/data_0.parquet`), a small one as `data_0.parquet`. Reads one
 * snapshot (one transaction), so the tables agree with each other. The folder is bound as a
 * parameter of COPY, never spliced into the SQL.
 */
export async function exportParquet(
	db: Database,
	outDir: string,
	onTable: (done: ExportedTable, index: number, count: number) => void = () => {}
): Promise<ExportedTable[]> {
	const root = resolve(outDir);
	const problem = exportFolderProblem(root);
	if (problem) throw new Error(problem);
	const tables = exportTables();
	return db.transaction(async (conn) => {
		const written: ExportedTable[] = [];
		for (const [index, table] of tables.entries()) {
			const done = { ...table, ...(await exportTable(conn, root, table)) };
			written.push(done);
			onTable(done, index, tables.length);
		}
		return written;
	});
}

async function exportTable(conn: Connection, root: string, { table, partitionBy }: ExportTable): Promise<{ rows: number; files: string[] }> {
	const select = sqlText(`export/${table}`).trim().replace(/;$/, '');
	const dir = join(root, table);
	mkdirSync(dir, { recursive: true });
	const copy = (target: string, options: string) => conn.query<{ Count: number; Files: string[] }>(`copy (${select}) to $out (format parquet${options}, return_files true)`, { out: target });
	let [result] = partitionBy.length
		? await copy(dir, `, partition_by (${partitionBy.join(', ')})`)
		: await copy(join(dir, 'data_0.parquet'), '');
	// A partitioned COPY of no rows writes no file, and read_parquet cannot read an empty
	// folder: one file of no rows keeps the table, with its columns, readable.
	if (Number(result.Count) === 0 && result.Files.length === 0) [result] = await copy(join(dir, 'empty.parquet'), '');
	return { rows: Number(result.Count), files: result.Files.map((f) => relative(root, f)).sort() };
}
