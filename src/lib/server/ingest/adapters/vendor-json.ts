import type { Connection } from '../../db/database';
import { sqlText } from '../../db/sql-files';
import { engineReason, ImportFileError } from '../errors';

/**
 * Reads a JSON export into a temporary table: an API page (`{"tickets": [...], ...}`), an
 * array of records, or newline-delimited records each become rows, one per top-level value,
 * numbered by `record_no` (1-based). The adapter's mapping SQL unnests the arrays it needs.
 * DuckDB infers the structure from the whole file, so nested objects arrive as STRUCTs and
 * arrays as LISTs. One record may be up to 128 MB (an API page is a few MB): DuckDB sizes its
 * read buffers from that bound, so a larger one costs memory on every file. Returns the
 * number of top-level records.
 */
export async function readVendorJson(conn: Connection, path: string, file: string, table: string): Promise<number> {
	if (!/^_[a-z_]+$/.test(table)) throw new Error(`JSON landing table "${table}" must be a plain _identifier`);
	try {
		await conn.run(
			`create temp table ${table} as
			 select row_number() over () as record_no, *
			 from read_json($path, format = 'auto', records = 'auto', sample_size = -1, maximum_object_size = 134217728)`,
			{ path }
		);
	} catch (e) {
		throw new ImportFileError(file, `cannot be read as JSON: ${engineReason(e)}`);
	}
	const [{ n }] = await conn.query<{ n: number }>(`select count(*)::integer as n from ${table}`);
	return n;
}

/**
 * Reads a JSON export into `table`, one row per record (`record_no`, `json`): the records of
 * API pages are the array at `listPath` (sql/adapters/shared/json_records.sql); a plain
 * array or NDJSON holds them directly. Read by DuckDB as raw JSON objects, so a field no
 * record has is null rather than an error. Returns the number of records.
 */
export async function readJsonRecords(conn: Connection, path: string, file: string, listPath: string, table: string): Promise<number> {
	if (!/^_[a-z_]+$/.test(table)) throw new Error(`JSON landing table "${table}" must be a plain _identifier`);
	try {
		await conn.run(`create temp table ${table} as\n${sqlText('adapters/shared/json_records')}`, { path, list_path: listPath });
	} catch (e) {
		const message = engineReason(e);
		// The size limit is in json_records.sql; one object holding a whole export trips it.
		const hint = message.includes('maximum_object_size')
			? ' (one JSON value is over 64 MB: export API pages, an array of conversations or NDJSON instead of one object)'
			: '';
		throw new ImportFileError(file, `cannot be read as JSON: ${message}${hint}`);
	}
	const [{ n }] = await conn.query<{ n: number }>(`select count(*)::integer as n from ${table}`);
	return n;
}
