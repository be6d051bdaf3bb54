import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileSample } from '../adapters/adapter';
import { ImportFileError } from '../errors';
import { CsvSink } from './csv-sink';
import type { SheetRows } from './pick-sheet';
import { forgetSheetRows, rememberSheetRows } from './sheet-rows';
import { readXlsSheet } from './xls';
import { readXlsxSheet } from './xlsx';

export interface ConvertedFiles {
	/** The samples, each spreadsheet replaced by a CSV sample of its sheet. */
	files: FileSample[];
	/** Removes the temporary CSV files; call it when the import has ended, either way. */
	cleanup: () => void;
}

/** Whether a file starts like a zip (an .xlsx), not like XML or a binary .xls. */
function isZip(path: string): boolean {
	const fd = openSync(path, 'r');
	try {
		const magic = Buffer.alloc(4);
		return readSync(fd, magic, 0, 4, 0) === 4 && magic.toString('latin1') === 'PK\u0003\u0004';
	} finally {
		closeSync(fd);
	}
}

/**
 * Writes the chosen sheet (`sheet`, or the first) of each spreadsheet among `files` to a
 * CSV file in a new temporary folder, row by row, and returns the samples with each
 * spreadsheet replaced by its CSV: same name, the header from the sheet, the original
 * path kept in `originalPath`. Everything downstream (detection, the adapters, DuckDB's
 * reader, the checks) then reads a sheet exactly as a CSV export, and names it by the
 * spreadsheet's own name. The reader is chosen by content, not extension: a zip is read
 * by exceljs (streamed), anything else by SheetJS.
 */
export async function convertSpreadsheets(files: FileSample[], sheet: string | null, path: string): Promise<ConvertedFiles> {
	const spreadsheets = files.filter((f) => f.kind === 'spreadsheet');
	if (sheet !== null && spreadsheets.length === 0) throw new ImportFileError(path, '--sheet names a sheet of an .xlsx or .xls file, and this holds none');
	if (spreadsheets.length === 0) return { files, cleanup: () => {} };

	const dir = mkdtempSync(join(tmpdir(), 'deskpulse-sheets-'));
	const written: string[] = [];
	const cleanup = () => {
		for (const csv of written) forgetSheetRows(csv);
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		const out: FileSample[] = [];
		for (const f of files) {
			if (f.kind !== 'spreadsheet') {
				out.push(f);
				continue;
			}
			const csvPath = join(dir, `${out.length}-${f.name}.csv`);
			written.push(csvPath);
			out.push(await convertOne(f, csvPath, sheet));
		}
		return { files: out, cleanup };
	} catch (e) {
		cleanup();
		throw e;
	}
}

async function convertOne(f: FileSample, csvPath: string, wanted: string | null): Promise<FileSample> {
	const sink = new CsvSink(csvPath);
	const rows: SheetRows = (rowNumber, cells) => sink.row(rowNumber, cells);
	try {
		const read = isZip(f.path) ? readXlsxSheet : readXlsSheet;
		const sheet = await read(f.path, f.name, wanted, rows);
		const { header, rowShifts } = await sink.close();
		rememberSheetRows(csvPath, rowShifts);
		return { path: csvPath, name: f.name, kind: 'csv', header, jsonKeys: [], originalPath: f.path, sheet };
	} catch (e) {
		sink.abort();
		throw e;
	}
}
