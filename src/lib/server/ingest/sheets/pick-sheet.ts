import { ImportFileError } from '../errors';
import type { CellValue } from './csv-sink';

/** Receives a sheet's rows in order: the 1-based sheet row number and the cells from column A. */
export type SheetRows = (rowNumber: number, cells: CellValue[]) => Promise<void>;

/**
 * The sheet an import reads: the one named (exactly, else ignoring case, as Excel itself
 * does), or the first in tab order. An absent name is an error that lists the sheets.
 */
export function pickSheet(file: string, names: string[], wanted: string | null): string {
	if (names.length === 0) throw new ImportFileError(file, 'has no sheet');
	if (wanted === null) return names[0];
	const found = names.find((n) => n === wanted) ?? names.find((n) => n.toLowerCase() === wanted.toLowerCase());
	if (found === undefined) {
		throw new ImportFileError(file, `has no sheet "${wanted}": its sheets are ${names.map((n) => `"${n}"`).join(', ')}`);
	}
	return found;
}
