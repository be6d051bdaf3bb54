/**
 * The CSV files an import converted from a sheet, by path, with where their record numbers
 * and the sheet's row numbers part (WrittenSheet.rowShifts). The CSV reader asks here, so a
 * rejected row is named by its row in the sheet, which a cell holding a line break or an
 * empty row left out would otherwise shift. An import forgets its files when it ends.
 */
const converted = new Map<string, Array<[number, number]>>();

/** Notes that the CSV at `csvPath` holds a sheet, with its record-to-row shifts. */
export function rememberSheetRows(csvPath: string, rowShifts: Array<[number, number]>): void {
	converted.set(csvPath, rowShifts);
}

export function forgetSheetRows(csvPath: string): void {
	converted.delete(csvPath);
}

/** The record-to-row shifts of a CSV converted from a sheet, or undefined for any other CSV. */
export function sheetRowShifts(csvPath: string): Array<[number, number]> | undefined {
	return converted.get(csvPath);
}
