import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

/**
 * A cell reduced to a plain value by the sheet's reader (dates already as text, see
 * excel-dates.ts).
 */
export type CellValue = string | number | boolean | null | undefined;

/** What a sheet written as CSV looks like to the importer. */
export interface WrittenSheet {
	/** The first non-empty row's fields, trimmed: what detection reads. */
	header: string[];
	/** Data records written (the header excluded). */
	records: number;
	/**
	 * Where CSV record numbers and sheet row numbers part: from record `[0]` on (1 = the
	 * header), the sheet row is the record number plus `[1]`. Empty when they never differ.
	 */
	rowShifts: Array<[number, number]>;
}

/** Characters buffered before a write: large enough to keep the stream calls few. */
const CHUNK_CHARS = 1 << 16;

/**
 * A cell as CSV text: numbers as JavaScript's shortest round-trip text of the stored
 * value (which is what the file holds), booleans as true/false.
 */
export function cellText(value: CellValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	return value;
}

/** One RFC 4180 field: quoted when it holds a quote, comma or line break. */
export function csvField(text: string): string {
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes a sheet's rows to a CSV file as they are read, so no more than a buffer of it is
 * in memory. Empty rows are left out (a CSV reader skips blank lines anyway), and the sheet
 * row numbers of the records are kept as shifts, so a rejected row can be named by its row
 * in the sheet even when empty rows or rows above the header were left out.
 */
export class CsvSink {
	private readonly stream: WriteStream;
	private buffer = '';
	private header: string[] | null = null;
	private records = 0;
	private shift = 0;
	private readonly rowShifts: Array<[number, number]> = [];

	constructor(readonly path: string) {
		this.stream = createWriteStream(path, { encoding: 'utf8' });
	}

	/** Adds the sheet row `rowNumber` (1-based) with its cells from column A on (holes are empty). */
	async row(rowNumber: number, cells: readonly CellValue[]): Promise<void> {
		const texts = Array.from({ length: cells.length }, (_, i) => cellText(cells[i]));
		while (texts.length > 0 && texts[texts.length - 1].trim() === '') texts.pop();
		if (texts.length === 0) return;
		if (this.header === null) this.header = texts.map((t) => t.trim());
		// Every record as wide as the header, so the reader's sniffer sees one column count.
		while (texts.length < this.header.length) texts.push('');
		this.records++;
		const shift = rowNumber - this.records;
		if (shift !== this.shift) {
			this.rowShifts.push([this.records, shift]);
			this.shift = shift;
		}
		this.buffer += texts.map(csvField).join(',') + '\n';
		if (this.buffer.length >= CHUNK_CHARS) await this.flush();
	}

	/** Finishes the file and says what was written. */
	async close(): Promise<WrittenSheet> {
		await this.flush();
		this.stream.end();
		await finished(this.stream);
		return { header: this.header ?? [], records: Math.max(this.records - 1, 0), rowShifts: this.rowShifts };
	}

	/** Stops writing after a failure (the caller removes the file). */
	abort(): void {
		this.stream.destroy();
	}

	private async flush(): Promise<void> {
		if (this.buffer === '') return;
		const chunk = this.buffer;
		this.buffer = '';
		// Waits for the disk when the stream's buffer is full: reading never outruns writing.
		if (!this.stream.write(chunk)) await once(this.stream, 'drain');
	}
}
