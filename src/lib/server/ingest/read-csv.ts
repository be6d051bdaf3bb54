import type { Connection } from '../db/database';
import { ImportFileError } from './errors';

export interface InputTable {
	/** Header fields as written in the file. */
	header: string[];
	/** Number of positional columns DuckDB read (more than the header when rows overflow). */
	fieldCount: number;
	/** Data records (header excluded). */
	recordCount: number;
}

/**
 * Reads a CSV file into the temporary table `_in`: every field as text in positional
 * columns `f0, f1, ...`, with `record_no` (1 = header) and `line_no`, the physical line a
 * record starts on (records with quoted line breaks span several lines). Reading the header
 * as data keeps the file's column names out of SQL identifiers.
 */
export async function readCsvToInput(conn: Connection, path: string, fileLabel: string): Promise<InputTable> {
	try {
		await conn.run(
			`create temp table _raw_in as
			 select row_number() over () as record_no, *
			 from read_csv($path, header = false, all_varchar = true, delim = ',', quote = '"', escape = '"',
			               null_padding = true, strict_mode = false)`,
			{ path }
		);
	} catch (e) {
		throw new ImportFileError(fileLabel, `cannot be read as CSV: ${(e as Error).message.split('\n')[0]}`);
	}
	const columns = (await conn.query<{ column_name: string }>(
		`select column_name from (describe _raw_in) where column_name like 'column%'`
	)).map((r) => r.column_name);
	const fieldCount = columns.length;
	if (fieldCount === 0) throw new ImportFileError(fileLabel, 'is empty');

	const [headerRow] = await conn.query('select * from _raw_in where record_no = 1');
	if (!headerRow) throw new ImportFileError(fileLabel, 'is empty (no header line)');
	const header = columns.map((c) => String(headerRow[c] ?? ''));
	while (header.length > 0 && header[header.length - 1] === '') header.pop();

	// Line numbers only differ from record numbers after a field with a line break, which
	// few files have; the running sum is skipped when there is none.
	// DuckDB names positional columns column0.. or column00.. depending on their number;
	// `_in` renames them f0.. so the SQL that reads it does not depend on that.
	const renamed = columns.map((c, i) => `"${c}" as f${i}`).join(', ');
	const newlineCounts = columns.map((c) => `coalesce(length("${c}") - length(replace("${c}", chr(10), '')), 0)`).join(' + ');
	const [{ multiline }] = await conn.query<{ multiline: number }>(
		`select count(*)::integer as multiline from _raw_in where ${newlineCounts} > 0`
	);
	const lineNo =
		multiline > 0
			? `record_no + coalesce(sum(${newlineCounts}) over (order by record_no rows between unbounded preceding and 1 preceding), 0)`
			: 'record_no';
	await conn.exec(`create temp table _in as select record_no, ${lineNo} as line_no, ${renamed} from _raw_in; drop table _raw_in;`);
	const [{ n }] = await conn.query<{ n: number }>('select (count(*) - 1)::integer as n from _in');
	return { header, fieldCount, recordCount: n };
}
