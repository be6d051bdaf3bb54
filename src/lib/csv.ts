/**
 * CSV text of a table, RFC 4180 quoting. A text cell that a spreadsheet would run as a
 * formula (starting with = + - @, or a tab or carriage return) gets a leading apostrophe;
 * numbers are written as numbers, so a negative value stays a number.
 */
export function toCsv(columns: string[], rows: ReadonlyArray<object>): string {
	return csvHeader(columns) + csvRows(columns, rows);
}

/** The header line of a CSV, for one written in parts (a streamed export). */
export function csvHeader(columns: string[]): string {
	return columns.map(cell).join(',') + '\r\n';
}

/** Lines of CSV rows without the header, each ended by CRLF. */
export function csvRows(columns: string[], rows: ReadonlyArray<object>): string {
	let text = '';
	for (const row of rows) text += columns.map((c) => cell((row as Record<string, unknown>)[c])).join(',') + '\r\n';
	return text;
}

function cell(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	let text = String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
