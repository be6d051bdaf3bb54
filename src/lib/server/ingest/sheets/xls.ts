import { readFile, stat } from 'node:fs/promises';
import { engineReason, ImportFileError } from '../errors';
import type { CellValue } from './csv-sink';
import { dateSerial, serialText } from './excel-dates';
import { pickSheet, type SheetRows } from './pick-sheet';

/**
 * The largest .xls read, in bytes: $DESKPULSE_XLS_MAX_MB (MiB, default 100). SheetJS reads
 * such a workbook whole, and its cells take several times the file's size in memory.
 */
export function xlsMaxBytes(): number {
	const mb = Number(process.env.DESKPULSE_XLS_MAX_MB);
	return Math.floor((Number.isFinite(mb) && mb > 0 ? mb : 100) * 1024 * 1024);
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/**
 * Reads one sheet of a workbook that is not a zip: SpreadsheetML 2003 (one XML document,
 * what Freshdesk's "Excel" export writes as .xls) or a binary Excel 97-2003 .xls, with
 * SheetJS. Neither format can be read as a stream, so the whole workbook is parsed in
 * memory first, and files past xlsMaxBytes() are refused with a way out. Resolves with the
 * sheet's name.
 */
export async function readXlsSheet(path: string, file: string, wanted: string | null, row: SheetRows, maxBytes = xlsMaxBytes()): Promise<string> {
	const { size } = await stat(path);
	if (size > maxBytes) {
		throw new ImportFileError(
			file,
			`is ${mib(size)}, over the ${mib(maxBytes)} deskpulse reads from an .xls (an Excel 2003 workbook is read whole in memory): ` +
				'save it as .xlsx or CSV in Excel and import that, or raise DESKPULSE_XLS_MAX_MB'
		);
	}
	const XLSX = await import('@e965/xlsx');
	let workbook;
	try {
		// Dates stay serials with their number format (cellDates off), so both readers turn
		// them into text by the same rules (excel-dates.ts); a date cell SheetJS still builds
		// (UTC: true) carries the wall-clock time in its UTC fields, as exceljs's do.
		workbook = XLSX.read(await readFile(path), {
			type: 'buffer',
			dense: true,
			cellDates: false,
			cellNF: true,
			cellText: false,
			cellHTML: false,
			UTC: true
		});
	} catch (e) {
		throw new ImportFileError(file, `cannot be read as an Excel workbook: ${engineReason(e)}`);
	}
	const name = pickSheet(file, workbook.SheetNames, wanted);
	const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
	const rows = workbook.Sheets[name]?.['!data'] ?? [];
	for (const [index, cells] of rows.entries()) {
		if (!cells) continue;
		await row(
			index + 1,
			Array.from({ length: cells.length }, (_, i): CellValue => {
				const cell = cells[i];
				if (!cell || cell.t === 'z') return null;
				if (cell.t === 'e') return XLSX.utils.format_cell(cell);
				if (cell.t === 'n' && cell.z !== undefined && XLSX.SSF.is_date(cell.z)) return serialText(cell.v as number, String(cell.z), date1904);
				if (cell.t === 'd' && cell.v instanceof Date) return serialText(dateSerial(cell.v), cell.z === undefined ? undefined : String(cell.z));
				return cell.v as CellValue;
			})
		);
	}
	return name;
}
