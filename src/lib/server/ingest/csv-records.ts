import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * The strict CSV reader. DuckDB's lenient reader (strict_mode=false, null_padding=true) keeps
 * going where a record is broken: an unterminated quote swallows the rest of the file, text
 * after a closing quote is glued onto the field, a cut-off last record reads as a whole
 * ticket. Its strict mode refuses the whole file instead. Neither keeps every good record and
 * rejects the broken ones with their line, so the records are split here, byte by byte
 * (delimiters, quotes and line breaks are ASCII, so UTF-8 is split without decoding), into:
 *
 * - a normalised copy DuckDB reads without sniffing: UTF-8, comma-separated, one record per
 *   kept record, its first field the physical line the record started on in the file;
 * - the malformed records, each with its line, the column at fault, the reason and its text
 *   as written, which become rejects like any other.
 *
 * Rules (RFC 4180, forgiving only what is unambiguous):
 * - A field starting with `"` is quoted: `""` inside is a quote, line breaks are kept. Spaces
 *   between the closing quote and the separator are dropped; anything else there ("abc"x) is
 *   text after the closing quote: the record is rejected.
 * - A quote inside an unquoted field (`5" screen`) is kept as a character.
 * - A quote never closed: the record is rejected (its first line is what it has), and
 *   reading resumes at the next line, so one stray quote costs one record, not the file.
 * - Records end at LF, CRLF or a lone CR; empty lines are no records.
 * - A record with more fields than the header is rejected when a field past the header holds
 *   a value (empty trailing fields are dropped); one with fewer is read with the rest empty
 *   (Excel leaves trailing empty fields off), except the last record of a file that does not
 *   end with a line break: that is a cut-off export, rejected.
 * - A NUL byte is no text: the record is rejected. A record over `MAX_RECORD_BYTES` is
 *   rejected, and only its start is kept.
 */

/** The longest record read (fields of 16 MB are read, with room for the rest of the record). */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;
/** How much of a rejected record's text the quarantine keeps. */
const RAW_KEPT_BYTES = 64 * 1024;
/** The most header fields read: a "header" of more is no export's (a binary file, one huge line). */
export const MAX_HEADER_FIELDS = 4096;
/** Unterminated quotes after which a file is refused rather than re-read from each. */
const MAX_RESTARTS = 100;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
const SPACE = 0x20;
const TAB = 0x09;
const COMMA = 0x2c;

export interface CsvRecords {
	/** The header's fields as written (trailing empty ones included). */
	header: string[];
	/** Records written to the normalised copy, the header included. */
	records: number;
	/** Records rejected as malformed (written to the malformed file). */
	malformed: number;
	/** Bytes of the longest line written to either file, at most (DuckDB's max_line_size). */
	longestLine: number;
	/**
	 * Whether the records were written to the copy; false when the file is read as it is
	 * (every record one line of the header's fields, no record malformed): then a record's
	 * number is its line number.
	 */
	copied: boolean;
}

/** Raised when the header itself cannot be read, or the file cannot be split at all. */
export class CsvStructureError extends Error {
	constructor(
		message: string,
		readonly line: number
	) {
		super(message);
	}
}

const enum State {
	FieldStart,
	Unquoted,
	Quoted,
	/** A quote seen inside a quoted field: an escaped quote or the closing one. */
	QuoteInQuoted,
	/** After a closing quote and spaces. */
	AfterClose
}

/** Buffered writes to a file, flushed by size so a large export never sits in memory. */
class Output {
	private parts: Buffer[] = [];
	private size = 0;
	private constructor(private readonly handle: FileHandle) {}
	static async open(path: string): Promise<Output> {
		return new Output(await open(path, 'w'));
	}
	push(b: Buffer | string): void {
		const buf = typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
		this.parts.push(buf);
		this.size += buf.length;
	}
	get full(): boolean {
		return this.size >= 4 * 1024 * 1024;
	}
	async flush(): Promise<void> {
		if (this.size === 0) return;
		const data = Buffer.concat(this.parts, this.size);
		this.parts = [];
		this.size = 0;
		await this.handle.write(data);
	}
	async close(): Promise<void> {
		await this.flush();
		await this.handle.close();
	}
}

/** A field written for the normalised copy: quoted when it holds a comma, quote or line break. */
function csvField(value: Buffer): Buffer | string {
	let needs = false;
	for (let i = 0; i < value.length; i++) {
		const b = value[i];
		if (b === COMMA || b === QUOTE || b === LF || b === CR) {
			needs = true;
			break;
		}
	}
	if (!needs) return value;
	return `"${value.toString('utf8').replaceAll('"', '""')}"`;
}

/** A text value as a CSV field (for the malformed file). */
function csvText(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The fields of one complete, well-formed record (its line break excluded): quoted fields
 * unescaped, spaces after a closing quote dropped, quotes inside unquoted fields kept.
 */
export function recordFields(raw: Buffer, delimiter: number): Buffer[] {
	const fields: Buffer[] = [];
	let i = 0;
	const n = raw.length;
	for (;;) {
		if (i < n && raw[i] === QUOTE) {
			const parts: Buffer[] = [];
			let from = i + 1;
			let j = from;
			for (;;) {
				const q = raw.indexOf(QUOTE, j);
				if (q === -1) {
					parts.push(raw.subarray(from));
					j = n;
					break;
				}
				if (raw[q + 1] === QUOTE) {
					parts.push(raw.subarray(from, q + 1));
					from = j = q + 2;
					continue;
				}
				parts.push(raw.subarray(from, q));
				j = q + 1;
				break;
			}
			fields.push(parts.length === 1 ? parts[0] : Buffer.concat(parts));
			while (j < n && raw[j] !== delimiter) j++;
			i = j;
		} else {
			let j = raw.indexOf(delimiter, i);
			if (j === -1) j = n;
			fields.push(raw.subarray(i, j));
			i = j;
		}
		if (i >= n) break;
		i++; // the delimiter
		if (i === n) {
			fields.push(Buffer.alloc(0));
			break;
		}
	}
	return fields;
}

/**
 * Splits the UTF-8 CSV file at `path` (separated by `delimiter`) into the normalised copy
 * at `recordsPath` (record_no, line_no, then the header's fields) and the malformed records
 * at `malformedPath` (line_no, column_name, reason, raw_text), both comma-separated UTF-8.
 *
 * Most exports need no copy: comma-separated, every record on one line with the header's
 * fields, quoting as RFC 4180 has it. A first pass checks that (and stops at the first record
 * that is not so); such a file is read by DuckDB as it is (`copied: false`), which saves
 * writing a second copy of a large export.
 */
export async function splitCsvRecords(path: string, delimiter: ',' | ';' | '\t', recordsPath: string, malformedPath: string): Promise<CsvRecords> {
	if (delimiter === ',') {
		const check = new RecordSplitter(COMMA, null, null);
		if ((await check.scan(path, 0)) === null && check.simple) {
			return { header: check.headerNames, records: check.written, malformed: 0, longestLine: check.longestLine, copied: false };
		}
	}
	const out = await Output.open(recordsPath);
	const rejected = await Output.open(malformedPath);
	try {
		const splitter = new RecordSplitter(delimiter.charCodeAt(0), out, rejected);
		let from: number | null = 0;
		let restarts = 0;
		while (from !== null) {
			from = await splitter.scan(path, from);
			if (from !== null && ++restarts > MAX_RESTARTS) {
				throw new CsvStructureError(`more than ${MAX_RESTARTS} quotes are never closed: is "${delimiter}" the separator and '"' the quote?`, splitter.line);
			}
		}
		return { header: splitter.headerNames, records: splitter.written, malformed: splitter.malformed, longestLine: splitter.longestLine, copied: true };
	} finally {
		await out.close();
		await rejected.close();
	}
}

class RecordSplitter {
	headerNames: string[] = [];
	private headerFields = 0;
	written = 0;
	malformed = 0;
	longestLine = 0;
	/** Physical line the scan is on (1-based). */
	line = 1;

	// The record in progress.
	private state = State.FieldStart;
	private pieces: Buffer[] = [];
	private pieceBytes = 0;
	private kept = true;
	private fields = 1;
	private startLine = 1;
	private startOffset = 0;
	/** Offset just past the first line break inside the record's quotes (-1: none yet). */
	private firstBreak = -1;
	private quotedField = -1;
	private clean = true;
	private extraValue = false;
	private fieldHasValue = false;
	private problem: { field: number | null; reason: string } | null = null;
	private skipLf = false;
	private nextLf = -2;
	private nextCr = -2;

	/**
	 * Whether every record so far could be read by DuckDB from the file as it is: no
	 * byte-order mark, empty line, lone CR or CRLF, quoted line break, rewritten field,
	 * short or long record or malformed one. A scan without outputs only checks this.
	 */
	simple = true;
	private readonly checkOnly: boolean;

	constructor(
		private readonly delimiter: number,
		private readonly out: Output | null,
		private readonly rejected: Output | null
	) {
		this.checkOnly = out === null;
	}

	/** Scans from byte `from` to the end; returns where to scan again after an unterminated quote. */
	async scan(path: string, from: number): Promise<number | null> {
		this.skipLf = false;
		this.resetRecord(from);
		let offset = from;
		if (from === 0) {
			// A UTF-8 byte-order mark is no part of the first header name.
			const stream = createReadStream(path, { start: 0, end: 2 });
			const head: Buffer[] = [];
			for await (const c of stream as AsyncIterable<Buffer>) head.push(c);
			const bom = Buffer.concat(head);
			if (bom.length === 3 && bom[0] === 0xef && bom[1] === 0xbb && bom[2] === 0xbf) {
				offset = 3;
				this.simple = false;
			}
			this.resetRecord(offset);
		}
		for await (const chunk of createReadStream(path, { start: offset, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
			if (this.checkOnly && !this.simple) return null;
			this.chunk(chunk, offset);
			offset += chunk.length;
			if (this.out?.full) await this.out.flush();
			if (this.rejected?.full) await this.rejected.flush();
		}
		if (this.checkOnly && (!this.simple || this.state === State.Quoted)) {
			this.simple = false;
			return null;
		}
		return this.finish();
	}

	private resetRecord(offset: number): void {
		this.state = State.FieldStart;
		this.pieces = [];
		this.pieceBytes = 0;
		this.kept = true;
		this.fields = 1;
		this.startLine = this.line;
		this.startOffset = offset;
		this.firstBreak = -1;
		this.quotedField = -1;
		this.clean = true;
		this.extraValue = false;
		this.fieldHasValue = false;
		this.problem = null;
	}

	private fail(field: number | null, reason: string): void {
		if (!this.problem) this.problem = { field, reason };
	}

	/** A delimiter: the field ends and the next one starts. */
	private nextField(): void {
		this.endField();
		this.fields++;
		this.state = State.FieldStart;
	}

	/** Text after a closing quote: the record is rejected; the rest of the field is read as unquoted text to find its end. */
	private textAfterQuote(): void {
		this.fail(this.fields - 1, 'has text after the closing quote of a quoted field');
		this.state = State.Unquoted;
	}

	/** A field ended (at a delimiter or the record's end). */
	private endField(): void {
		if (this.headerFields > 0 && this.fields > this.headerFields && this.fieldHasValue) this.extraValue = true;
		this.fieldHasValue = false;
	}

	private chunk(chunk: Buffer, offset: number): void {
		const d = this.delimiter;
		const n = chunk.length;
		const hasNul = chunk.indexOf(NUL) !== -1;
		// -2: not searched yet in this chunk (countBreaks searches on first use).
		this.nextLf = -2;
		this.nextCr = -2;
		let recordStart = 0;
		let i = 0;
		while (i < n) {
			switch (this.state) {
				case State.FieldStart: {
					const b = chunk[i];
					if (this.skipLf) {
						this.skipLf = false;
						if (b === LF && this.pieceBytes === 0 && i === recordStart) {
							i++;
							recordStart = i;
							this.startOffset = offset + i;
							continue;
						}
					}
					if (b === QUOTE) {
						this.state = State.Quoted;
						this.quotedField = this.fields - 1;
						i++;
						continue;
					}
					this.state = State.Unquoted;
					continue;
				}
				case State.Unquoted: {
					let b = chunk[i];
					while (b !== d && b !== LF && b !== CR && b !== QUOTE && b !== NUL) {
						this.fieldHasValue = true;
						if (++i === n) break;
						b = chunk[i];
					}
					if (i === n) break;
					if (b === d) {
						this.nextField();
						i++;
					} else if (b === QUOTE) {
						// A quote inside an unquoted field is a character; the copy quotes the field.
						this.clean = false;
						this.fieldHasValue = true;
						i++;
					} else if (b === NUL) {
						this.fail(this.fields - 1, 'holds a NUL byte: binary data, not text');
						i++;
					} else {
						i = this.endRecord(chunk, offset, recordStart, i);
						recordStart = i;
					}
					continue;
				}
				case State.Quoted: {
					const q = chunk.indexOf(QUOTE, i);
					const end = q === -1 ? n : q;
					if (hasNul) {
						const z = chunk.indexOf(NUL, i);
						if (z !== -1 && z < end) this.fail(this.fields - 1, 'holds a NUL byte: binary data, not text');
					}
					if (end > i) this.fieldHasValue = true;
					this.countBreaks(chunk, offset, i, end);
					if (q === -1) {
						i = n;
						continue;
					}
					this.state = State.QuoteInQuoted;
					i = q + 1;
					continue;
				}
				case State.QuoteInQuoted: {
					const b = chunk[i];
					if (b === QUOTE) {
						this.fieldHasValue = true;
						this.state = State.Quoted;
						i++;
					} else if (b === d) {
						this.nextField();
						i++;
					} else if (b === LF || b === CR) {
						i = this.endRecord(chunk, offset, recordStart, i);
						recordStart = i;
					} else if (b === SPACE || (b === TAB && d !== TAB)) {
						this.clean = false;
						this.state = State.AfterClose;
						i++;
					} else {
						this.textAfterQuote();
					}
					continue;
				}
				case State.AfterClose: {
					const b = chunk[i];
					if (b === SPACE || (b === TAB && d !== TAB)) i++;
					else if (b === d) {
						this.nextField();
						i++;
					} else if (b === LF || b === CR) {
						i = this.endRecord(chunk, offset, recordStart, i);
						recordStart = i;
					} else {
						this.textAfterQuote();
					}
					continue;
				}
			}
		}
		if (recordStart < n) this.keep(chunk.subarray(recordStart));
	}

	/** Keeps bytes of the record in progress, up to the longest record read. */
	private keep(bytes: Buffer): void {
		if (!this.kept) {
			this.pieceBytes += bytes.length;
			return;
		}
		this.pieces.push(bytes);
		this.pieceBytes += bytes.length;
		if (this.pieceBytes > MAX_RECORD_BYTES) {
			// Only the start is kept from here on: the record is rejected for its length.
			const start = Buffer.concat(this.pieces).subarray(0, RAW_KEPT_BYTES);
			this.pieces = [Buffer.from(start)];
			this.kept = false;
			this.fail(null, `is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB`);
		}
	}

	/**
	 * Counts line breaks inside quotes in chunk[from, to) and notes the record's first one. The
	 * next LF and CR of the chunk are remembered, so a chunk of many short quoted fields is
	 * searched once, not once per field.
	 */
	private countBreaks(chunk: Buffer, offset: number, from: number, to: number): void {
		for (;;) {
			if (this.nextLf === -2 || (this.nextLf !== -1 && this.nextLf < from)) this.nextLf = chunk.indexOf(LF, from);
			if (this.nextCr === -2 || (this.nextCr !== -1 && this.nextCr < from)) this.nextCr = chunk.indexOf(CR, from);
			const lf = this.nextLf === -1 || this.nextLf >= to ? -1 : this.nextLf;
			const cr = this.nextCr === -1 || this.nextCr >= to ? -1 : this.nextCr;
			if (lf === -1 && cr === -1) return;
			let j = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf;
			if (chunk[j] === CR && j + 1 < to && chunk[j + 1] === LF) j++;
			this.line++;
			if (this.firstBreak === -1) this.firstBreak = offset + j + 1;
			from = j + 1;
		}
	}

	/** The record ends at chunk[i] (a line break outside quotes); returns where the next starts. */
	private endRecord(chunk: Buffer, offset: number, recordStart: number, i: number): number {
		this.keep(chunk.subarray(recordStart, i));
		this.completeRecord(false);
		if (chunk[i] === CR) {
			this.simple = false;
			if (i + 1 < chunk.length) {
				if (chunk[i + 1] === LF) i++;
			} else this.skipLf = true;
		}
		this.line++;
		this.resetRecord(offset + i + 1);
		return i + 1;
	}

	/** Writes the record in progress to the copy or to the malformed records. */
	private completeRecord(atEndOfFile: boolean): void {
		this.endField();
		if (this.pieceBytes === 0 && this.fields === 1 && this.state !== State.QuoteInQuoted && this.state !== State.AfterClose) {
			// An empty line is no record (nor is the end of a file after its last line break).
			if (!atEndOfFile) this.simple = false;
			return;
		}
		const raw = this.pieces.length === 1 ? this.pieces[0] : Buffer.concat(this.pieces);
		if (this.written === 0 && this.malformed === 0) return this.writeHeader(raw);
		if (this.extraValue) this.fail(null, `the row has more fields than the header (${this.headerFields})`);
		if (atEndOfFile && this.fields < this.headerFields) {
			this.fail(null, `the file ends inside this record: it has ${this.fields} of the header's ${this.headerFields} fields (a cut-off export?)`);
		}
		if (this.problem || !this.clean || this.fields !== this.headerFields || this.firstBreak !== -1) this.simple = false;
		if (this.checkOnly) {
			this.written++;
			this.longestLine = Math.max(this.longestLine, raw.length + 64);
			return;
		}
		if (this.problem) return this.reject(this.problem.field, this.problem.reason, raw);
		this.written++;
		// A field rewritten with its quotes doubled is at most twice as long, plus its quotes.
		this.longestLine = Math.max(this.longestLine, (this.clean ? raw.length : 2 * raw.length + 2 * this.fields) + 64);
		// Every record is written with the header's number of fields, short ones padded with
		// empty ones: DuckDB's parallel reader cannot pad records that hold quoted line breaks.
		const padding = this.fields < this.headerFields ? ','.repeat(this.headerFields - this.fields) : '';
		const out = this.out!;
		if (this.clean && this.delimiter === COMMA && this.fields <= this.headerFields) {
			out.push(`${this.written},${this.startLine},`);
			out.push(raw);
			out.push(`${padding}\n`);
			return;
		}
		this.writeFields(out, recordFields(raw, this.delimiter).slice(0, this.headerFields), padding);
	}

	/** One record of the copy from its fields: record number, line, each field quoted as needed. */
	private writeFields(out: Output, fields: Buffer[], padding = ''): void {
		out.push(`${this.written},${this.startLine},`);
		fields.forEach((f, k) => {
			if (k > 0) out.push(',');
			out.push(csvField(f));
		});
		out.push(`${padding}\n`);
	}

	private writeHeader(raw: Buffer): void {
		if (this.problem) throw new CsvStructureError(`the header ${this.problem.reason}`, this.startLine);
		const fields = recordFields(raw, this.delimiter);
		if (fields.length > MAX_HEADER_FIELDS) {
			throw new CsvStructureError(`the header has ${fields.length.toLocaleString('en-US')} fields; deskpulse reads at most ${MAX_HEADER_FIELDS}`, this.startLine);
		}
		this.longestLine = Math.max(this.longestLine, 2 * raw.length + 2 * fields.length + 64);
		this.headerNames = fields.map((f) => f.toString('utf8'));
		this.headerFields = fields.length;
		this.written++;
		if (!this.clean || this.firstBreak !== -1) this.simple = false;
		if (this.out) this.writeFields(this.out, fields);
	}

	private reject(field: number | null, reason: string, raw: Buffer): void {
		this.malformed++;
		const name = field === null ? '' : this.headerNames[field]?.replace(/^\uFEFF/, '').trim() || `column ${field + 1}`;
		const text = raw.subarray(0, RAW_KEPT_BYTES).toString('utf8');
		this.longestLine = Math.max(this.longestLine, 2 * RAW_KEPT_BYTES + 1024);
		this.rejected!.push(`${this.startLine},${csvText(name)},${csvText(reason)},${csvText(text)}\n`);
	}

	/** At the end of the file: the last record, or a quote never closed. */
	private finish(): number | null {
		if (this.state === State.Quoted) {
			// The quote never closed. Its record is rejected with its first line, and the lines
			// after that are read again as records of their own.
			if (this.written === 0) throw new CsvStructureError('the header has a quote that is never closed', this.startLine);
			const firstLine = this.firstBreak === -1 ? this.pieceBytes : this.firstBreak - this.startOffset;
			const raw = (this.pieces.length === 1 ? this.pieces[0] : Buffer.concat(this.pieces)).subarray(0, firstLine);
			const shown = raw.length > 0 && (raw[raw.length - 1] === LF || raw[raw.length - 1] === CR) ? raw.subarray(0, raw.length - (raw.length > 1 && raw[raw.length - 2] === CR ? 2 : 1)) : raw;
			this.reject(this.quotedField, 'has a quote that is never closed', shown);
			if (this.firstBreak === -1) return null;
			this.line = this.startLine + 1;
			return this.firstBreak;
		}
		this.completeRecord(true);
		return null;
	}
}
