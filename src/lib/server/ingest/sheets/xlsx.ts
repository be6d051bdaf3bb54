import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { engineReason, ImportFileError } from '../errors';
import type { CellValue } from './csv-sink';
import { dateSerial, isDateFormat, serialText } from './excel-dates';
import { pickSheet, type SheetRows } from './pick-sheet';

/** The parts of exceljs's streaming reader used here (its type declarations leave them out). */
interface StreamedWorkbook extends AsyncIterable<StreamedSheet> {
	model?: { sheets?: Array<{ name: string }> };
	properties?: { model?: { date1904?: boolean } };
	stream?: { destroy: () => void };
}
interface StreamedSheet extends AsyncIterable<StreamedRow> {
	name?: string;
	/** exceljs's source of the sheet's XML: a file stream when the sheet was parked on disk. */
	iterator?: unknown;
}
interface StreamedRow {
	number: number;
	eachCell: (callback: (cell: { col: number; value: unknown; numFmt?: string }) => void) => void;
}

/**
 * Streams one sheet of an .xlsx workbook (a zip of XML parts) into `row`, with exceljs's
 * streaming WorkbookReader: rows are parsed as the zip is inflated and handed on one at a
 * time, so memory holds the shared-string table and the styles, not the sheet. (A zip may
 * hold the sheets before the shared strings; exceljs then parks them in temporary files until
 * the strings are read, on disk, not in memory.) Resolves with the sheet's name.
 */
export async function readXlsxSheet(path: string, file: string, wanted: string | null, row: SheetRows): Promise<string> {
	const { default: ExcelJS } = await import('exceljs');
	const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, {
		worksheets: 'emit',
		sharedStrings: 'cache',
		// Styles say which numbers are dates.
		styles: 'cache',
		hyperlinks: 'ignore',
		entries: 'ignore'
	}) as unknown as StreamedWorkbook;
	let target: string | null = null;
	let problem: ImportFileError | null = null;
	let read = false;
	try {
		// The loop runs to the end even once the sheet is read: exceljs removes the temporary
		// file of a parked sheet only as it passes it.
		for await (const sheet of workbook) {
			if (target === null && problem === null) {
				// The workbook part lists the sheets in tab order (the zip may hold them in another).
				try {
					target = pickSheet(file, (workbook.model?.sheets ?? []).map((s) => s.name), wanted);
				} catch (e) {
					problem = e as ImportFileError;
				}
			}
			if (read || problem || sheet.name !== target) {
				await skip(sheet);
				continue;
			}
			const date1904 = Boolean(workbook.properties?.model?.date1904);
			for await (const r of sheet) await row(r.number, rowValues(r, date1904));
			read = true;
		}
	} catch (e) {
		workbook.stream?.destroy();
		if (e instanceof ImportFileError) throw e;
		throw new ImportFileError(file, `cannot be read as an Excel .xlsx workbook: ${engineReason(e)}`);
	}
	if (problem) throw problem;
	if (!read) throw new ImportFileError(file, target === null ? 'has no sheet (is it an Excel .xlsx workbook?)' : `has no readable sheet "${target}"`);
	return target!;
}

/**
 * Passes over a sheet not read. One still in the zip is drained by exceljs itself; one parked
 * in a temporary file is read through unparsed, so its file is closed before exceljs removes it.
 */
async function skip(sheet: StreamedSheet): Promise<void> {
	if (!(sheet.iterator instanceof Readable)) return;
	sheet.iterator.resume();
	await finished(sheet.iterator);
}

/** A row's cells from column A on; holes are empty cells. */
function rowValues(r: StreamedRow, date1904: boolean): CellValue[] {
	const cells: CellValue[] = [];
	r.eachCell((cell) => {
		cells[cell.col - 1] = plainValue(cell.value, cell.numFmt, date1904);
	});
	return cells;
}

/** An exceljs cell value as text, number or boolean (`date1904`: the workbook's calendar). */
function plainValue(value: unknown, numFmt: string | undefined, date1904: boolean): CellValue {
	if (value === null || value === undefined) return null;
	// exceljs builds a date of every date-formatted number, durations and times included.
	if (value instanceof Date) return serialText(dateSerial(value, date1904), numFmt, date1904);
	if (typeof value === 'number') return isDateFormat(numFmt) ? serialText(value, numFmt, date1904) : value;
	if (typeof value === 'string') return decodeEscapes(value);
	if (typeof value === 'boolean') return value;
	const v = value as Record<string, unknown>;
	if (Array.isArray(v.richText)) return decodeEscapes((v.richText as Array<{ text?: string }>).map((run) => run.text ?? '').join(''));
	// A formula: its last computed result, as Excel showed it.
	if ('formula' in v || 'sharedFormula' in v) return plainValue(v.result, numFmt, date1904);
	if ('error' in v) return String(v.error);
	// A hyperlink: its shown text.
	if ('text' in v) return plainValue(v.text, numFmt, date1904);
	return null;
}

/**
 * Excel writes characters XML cannot hold (a carriage return in a cell) as `_xHHHH_`, and a
 * literal `_x` as `_x005F_x`; exceljs leaves them as written.
 */
function decodeEscapes(text: string): string {
	return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}
