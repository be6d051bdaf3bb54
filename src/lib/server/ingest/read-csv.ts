import type { Connection } from '../db/database';
import { fileDigest } from './checksum';
import { csvTextOf, describeCsvText, type CsvText } from './csv-text';
import { ImportFileError } from './errors';
import { sheetRowShifts } from './sheets/sheet-rows';

export interface InputTable {
	/** Header fields as written in the file. */
	header: string[];
	/** Number of positional columns DuckDB read (more than the header when rows overflow). */
	fieldCount: number;
	/** Data records (header excluded). */
	recordCount: number;
	/** How the file's text was read, when not UTF-8 with commas ("read as Windows (Latin-1) text ..."). */
	textNote: string | null;
}

/**
 * Reads a CSV file into the temporary table `_in`: every field as text in positional
 * columns `f0, f1, ...`, with `record_no` (1 = header) and `line_no`, the physical line a
 * record starts on (records with quoted line breaks span several lines). Reading the header
 * as data keeps the file's column names out of SQL identifiers.
 *
 * One pass over the file: the columns are learnt from DuckDB's sniffer first, so `_in` is
 * created straight from `read_csv`. Line numbers equal record numbers unless a field holds a
 * line break; that is decided by comparing the file's lines (counted while its checksum was
 * taken, checksum.ts) with its records, and only a file where they differ pays for the exact
 * per-record count. A sheet converted to CSV (sheets/convert.ts) is numbered by its sheet
 * rows instead.
 */
export async function readCsvToInput(conn: Connection, path: string, fileLabel: string): Promise<InputTable> {
	// The separator is learnt from the header line, the encoding from the whole file's bytes
	// (read once already for its checksum): Windows text is read as Latin-1, not lost.
	const sample = csvTextOf(path);
	const text: CsvText = { ...sample, encoding: sample.encoding === 'utf-16' ? 'utf-16' : (await fileDigest(path)).utf8 ? 'utf-8' : 'latin-1' };
	let columns: string[];
	try {
		columns = await loadInput(conn, path, text);
	} catch (e) {
		throw new ImportFileError(fileLabel, `cannot be read as CSV: ${(e as Error).message.split('\n')[0]}`);
	}
	const fieldCount = columns.length;
	if (fieldCount === 0) throw new ImportFileError(fileLabel, 'is empty');

	const [headerRow] = await conn.query('select * from _in where record_no = 1');
	if (!headerRow) throw new ImportFileError(fileLabel, 'is empty (no header line)');
	const header = columns.map((_, i) => String(headerRow[`f${i}`] ?? ''));
	while (header.length > 0 && header[header.length - 1] === '') header.pop();

	const [{ records }] = await conn.query<{ records: number }>('select count(*)::integer as records from _in');
	const rowShifts = sheetRowShifts(path);
	if (rowShifts) await shiftToSheetRows(conn, rowShifts);
	else if ((await fileDigest(path)).lines !== records) await renumberLines(conn, fieldCount);
	return { header, fieldCount, recordCount: records - 1, textNote: describeCsvText(text) };
}

/**
 * Creates `_in` from the file read as `text` says, and returns DuckDB's positional column
 * names (column0.. or column00.., depending on their number), which `_in` renames f0.. so
 * the SQL that reads it does not depend on that. Nothing is created for an empty file.
 */
async function loadInput(conn: Connection, path: string, text: CsvText): Promise<string[]> {
	const reader = `read_csv($path, header = false, all_varchar = true, delim = $delim, encoding = $encoding, quote = '"', escape = '"',
	               null_padding = true, strict_mode = false)`;
	const params = { path, delim: text.delimiter, encoding: text.encoding };
	const columns = (await conn.query<{ column_name: string }>(`select column_name from (describe select * from ${reader})`, params))
		.map((r) => r.column_name)
		.filter((c) => c.startsWith('column'));
	if (columns.length === 0) return columns;
	const renamed = columns.map((c, i) => `"${c}" as f${i}`).join(', ');
	await conn.run(
		`create temp table _in as
		 select record_no, record_no as line_no, ${renamed}
		 from (select row_number() over () as record_no, * from ${reader})`,
		params
	);
	return columns;
}

/**
 * Sets `line_no` of a CSV converted from a sheet to the sheet row each record came from:
 * its record number plus the shift in force there (empty rows and rows above the header
 * were left out; a cell's line breaks never count).
 */
async function shiftToSheetRows(conn: Connection, rowShifts: Array<[number, number]>): Promise<void> {
	if (rowShifts.length === 0) return;
	await conn.run(
		`create temp table _in_lines as
		 select i.* replace (i.record_no + coalesce(s.shift, 0) as line_no)
		 from _in i
		 asof left join (select unnest(from_json($from_records, '["integer"]')) as from_record,
		                        unnest(from_json($shifts, '["integer"]')) as shift) s
		   on i.record_no >= s.from_record
		 order by i.record_no`,
		{ from_records: JSON.stringify(rowShifts.map(([record]) => record)), shifts: JSON.stringify(rowShifts.map(([, shift]) => shift)) }
	);
	await conn.exec('drop table _in; alter table _in_lines rename to _in;');
}

/** Sets `line_no` to the physical line each record starts on, counting quoted line breaks. */
async function renumberLines(conn: Connection, fieldCount: number): Promise<void> {
	const fields = Array.from({ length: fieldCount }, (_, i) => `f${i}`);
	const breaks = fields.map((f) => `coalesce(length(${f}) - length(replace(${f}, chr(10), '')), 0)`).join(' + ');
	await conn.exec(
		`create temp table _in_lines as
		 select record_no,
		        record_no + coalesce(sum(${breaks}) over (order by record_no rows between unbounded preceding and 1 preceding), 0) as line_no,
		        ${fields.join(', ')}
		 from _in;
		 drop table _in;
		 alter table _in_lines rename to _in;`
	);
}
