import type { Connection } from '../../db/database';
import { ImportFileError } from '../errors';

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
		throw new ImportFileError(file, `cannot be read as JSON: ${(e as Error).message.split('\n')[0]}`);
	}
	const [{ n }] = await conn.query<{ n: number }>(`select count(*)::integer as n from ${table}`);
	return n;
}
