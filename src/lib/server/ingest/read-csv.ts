import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from '../db/database';
import { fileDigest } from './checksum';
import { CsvStructureError, splitCsvRecords } from './csv-records';
import { declaredEncoding, delimiterOfFile, describeCsvText, encodingOf, readHead, type CsvText, type TextEncoding } from './csv-text';
import { ImportFileError } from './errors';
import { sheetRowShifts } from './sheets/sheet-rows';

export interface InputTable {
	/** Header fields as written in the file. */
	header: string[];
	/** Number of positional columns read: the header's fields, trailing empty ones included. */
	fieldCount: number;
	/** Data records read (header excluded), the malformed ones included. */
	recordCount: number;
	/** Records that could not be split into fields (in `_malformed`, rejected by the import). */
	malformed: number;
	/** How the file's text was read, when not UTF-8 with commas ("read as Windows (Latin-1) text ..."). */
	textNote: string | null;
}

/**
 * Reads a CSV file into the temporary table `_in`: every field as text in positional
 * columns `f0, f1, ...`, with `record_no` (1 = header) and `line_no`, the physical line a
 * record starts on (records with quoted line breaks span several lines). Reading the header
 * as data keeps the file's column names out of SQL identifiers.
 *
 * The records are split by the strict reader (csv-records.ts) into a normalised copy that
 * DuckDB reads with the columns given, never sniffed; the records it cannot split (a quote
 * never closed, text after a closing quote, a cut-off last record) are appended to the
 * temporary table `_malformed` (file_name, line_no, column_name, reason, raw_text), which
 * the import rejects with the rest. A text in another encoding is converted to UTF-8 first. A sheet
 * converted to CSV is numbered by its sheet rows instead of its lines.
 */
export async function readCsvToInput(conn: Connection, path: string, fileLabel: string): Promise<InputTable> {
	const text: CsvText = { encoding: await encodingOfFile(path), delimiter: delimiterOfFile(path) };
	const work = mkdtempSync(join(tmpdir(), 'deskpulse-csv-'));
	try {
		let utf8Path = path;
		let replaced = 0;
		if (text.encoding !== 'utf-8' || !(await fileDigest(path)).utf8) {
			utf8Path = join(work, 'text.csv');
			replaced = await transcodeToUtf8(path, text.encoding, utf8Path);
		}
		const recordsPath = join(work, 'records.csv');
		const malformedPath = join(work, 'malformed.csv');
		let split;
		try {
			split = await splitCsvRecords(utf8Path, text.delimiter, recordsPath, malformedPath);
		} catch (e) {
			if (e instanceof CsvStructureError) throw new ImportFileError(fileLabel, `cannot be read as CSV: ${e.message}`, e.line);
			throw e;
		}
		if (split.records === 0) throw new ImportFileError(fileLabel, 'is empty (no header line)');
		const fieldCount = split.header.length;
		if (split.copied) await loadInput(conn, recordsPath, fieldCount, split.longestLine);
		else await loadOriginal(conn, utf8Path, fieldCount, split.longestLine);
		await loadMalformed(conn, malformedPath, fileLabel, split.malformed, split.longestLine);

		const header = [...split.header];
		while (header.length > 0 && header[header.length - 1] === '') header.pop();
		const rowShifts = sheetRowShifts(path);
		if (rowShifts) await shiftToSheetRows(conn, rowShifts);
		const notes = [describeCsvText(text), replaced > 0 ? `${replaced.toLocaleString('en-US')} byte sequences that are not ${text.encoding} text were replaced by "\uFFFD"` : null];
		return {
			header,
			fieldCount,
			recordCount: split.records - 1 + split.malformed,
			malformed: split.malformed,
			textNote: notes.filter((n) => n !== null).join('; ') || null
		};
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

/**
 * The encoding a file is read in: the one declared for the import, else a UTF-16
 * byte-order mark, else UTF-8 when every byte of the file is (checked while its checksum was
 * taken), else Windows text (a spreadsheet's "CSV" on Windows: é is one byte).
 */
async function encodingOfFile(path: string): Promise<TextEncoding> {
	const declared = declaredEncoding();
	if (declared) return declared;
	const fromHead = encodingOf(readHead(path, 4));
	if (fromHead.startsWith('utf-16')) return fromHead;
	return (await fileDigest(path)).utf8 ? 'utf-8' : 'windows-1252';
}

/**
 * Writes the file as UTF-8 (a byte-order mark dropped) and returns how many characters could
 * not be decoded (replaced by U+FFFD: only when an encoding was declared that the bytes are
 * not in, e.g. --encoding utf-8 on Windows text).
 */
async function transcodeToUtf8(path: string, encoding: TextEncoding, target: string): Promise<number> {
	const decoder = new TextDecoder(encoding);
	const out = await open(target, 'w');
	let replaced = 0;
	const count = (text: string) => {
		for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) replaced++;
		return text;
	};
	try {
		for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
			await out.write(count(decoder.decode(chunk, { stream: true })));
		}
		await out.write(count(decoder.decode()));
	} finally {
		await out.close();
	}
	return replaced;
}

/**
 * The CSV options of the files the strict reader writes: nothing left for DuckDB to guess.
 * The line limit is the longest line written (DuckDB's default, 2 MB, at least), so a long
 * field is read and the reader's buffers stay small otherwise.
 */
const normalised = (longestLine: number) =>
	`header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true, max_line_size = ${Math.max(2 * 1024 * 1024, Math.ceil(longestLine))}`;

/** The `columns` struct entries of positional text fields: 'f0': 'VARCHAR', ... (our names, never the file's). */
const textColumns = (fieldCount: number) => Array.from({ length: fieldCount }, (_, i) => `'f${i}': 'VARCHAR'`).join(', ');

/** Creates `_in` from the normalised copy: record_no, line_no, f0.. as text. */
async function loadInput(conn: Connection, recordsPath: string, fieldCount: number, longestLine: number): Promise<void> {
	const fields = textColumns(fieldCount);
	await conn.run(
		`create or replace temp table _in as
		 select * from read_csv($path, ${normalised(longestLine)}, columns = {'record_no': 'BIGINT', 'line_no': 'BIGINT', ${fields}})
		 order by record_no`,
		{ path: recordsPath }
	);
}

/**
 * Creates `_in` from a file the strict reader found simple (every record one line of the
 * header's fields): read as it is, its record numbers are its line numbers.
 */
async function loadOriginal(conn: Connection, path: string, fieldCount: number, longestLine: number): Promise<void> {
	const fields = textColumns(fieldCount);
	await conn.run(
		`create or replace temp table _in as
		 select row_number() over () as record_no, record_no as line_no, *
		 from read_csv($path, ${normalised(longestLine)}, columns = {${fields}})`,
		{ path }
	);
}

/** Appends the malformed records to `_malformed` (created empty when the import's first file has none). */
async function loadMalformed(conn: Connection, malformedPath: string, fileLabel: string, malformed: number, longestLine: number): Promise<void> {
	await conn.exec(`create temp table if not exists _malformed (file_name varchar, line_no bigint, column_name varchar, reason varchar, raw_text varchar)`);
	if (malformed === 0) return;
	await conn.run(
		`insert into _malformed
		 select $file, * from read_csv($path, ${normalised(longestLine)}, columns = {'line_no': 'BIGINT', 'column_name': 'VARCHAR', 'reason': 'VARCHAR', 'raw_text': 'VARCHAR'})`,
		{ path: malformedPath, file: fileLabel }
	);
}

/**
 * Sets `line_no` of a CSV converted from a sheet to the sheet row each record came from:
 * its record number plus the shift in force there (empty rows and rows above the header
 * were left out; a cell's line breaks never count).
 */
async function shiftToSheetRows(conn: Connection, rowShifts: Array<[number, number]>): Promise<void> {
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

/**
 * Records of a file rejected as malformed: an adapter that counts its rows read itself (one
 * per entity of a history table) adds them, so its file's records still add up.
 */
export async function malformedRecords(conn: Connection, fileLabel: string): Promise<number> {
	const [{ n }] = await conn.query<{ n: number }>(`select count(*)::integer as n from _malformed where file_name = $file`, { file: fileLabel });
	return n;
}
