import { AsyncLocalStorage } from 'node:async_hooks';
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * How a CSV file's text is written, read off its first bytes: the encoding and the field
 * separator. Exports are UTF-8 and comma-separated, but a file re-saved by a spreadsheet may
 * be Windows "ANSI" text (Excel's plain "CSV" on Windows: é is one byte, not UTF-8), UTF-16
 * with a byte-order mark (Excel's "Unicode Text"), or separated by semicolons (a European
 * locale) or tabs. Reading those as UTF-8 and commas would lose the whole file.
 */
export interface CsvText {
	encoding: TextEncoding;
	delimiter: ',' | ';' | '\t';
}

/** The encodings a CSV file is read in (WHATWG names: Latin-1 is read as its superset windows-1252). */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** The --encoding values accepted, with the names people use for them. */
const ENCODING_NAMES: Record<string, TextEncoding> = {
	'utf-8': 'utf-8',
	utf8: 'utf-8',
	'utf-16le': 'utf-16le',
	'utf-16': 'utf-16le',
	'utf-16be': 'utf-16be',
	'windows-1252': 'windows-1252',
	cp1252: 'windows-1252',
	'latin-1': 'windows-1252',
	latin1: 'windows-1252',
	'iso-8859-1': 'windows-1252'
};

export const ENCODING_CHOICES = 'utf-8, utf-16le, utf-16be, windows-1252 or latin-1';

/** The encoding an --encoding value names, or null. */
export function parseEncoding(text: string): TextEncoding | null {
	return ENCODING_NAMES[text.trim().toLowerCase()] ?? null;
}

/**
 * The encoding declared for the import in progress (--encoding, the API's `encoding`), or
 * null to detect it per file. It is one setting for every CSV file an import reads, whichever
 * adapter reads it, so it travels with the import's async context rather than through each
 * adapter's signature.
 */
const declared = new AsyncLocalStorage<TextEncoding | null>();

export function withDeclaredEncoding<T>(encoding: TextEncoding | null, work: () => Promise<T>): Promise<T> {
	return declared.run(encoding, work);
}

export function declaredEncoding(): TextEncoding | null {
	return declared.getStore() ?? null;
}

/** Bytes read from the start of a file to tell its text shape. */
const HEAD_BYTES = 64 * 1024;

export function readHead(path: string, bytes = HEAD_BYTES): Buffer {
	const fd = openSync(path, 'r');
	try {
		const buffer = Buffer.alloc(bytes);
		const n = readSync(fd, buffer, 0, bytes, 0);
		return buffer.subarray(0, n);
	} finally {
		closeSync(fd);
	}
}

/** Whether bytes are UTF-8, forgiving a character cut off by the end of the sample. */
function isUtf8(bytes: Buffer): boolean {
	const decoder = new TextDecoder('utf-8', { fatal: true });
	for (let cut = 0; cut <= Math.min(3, bytes.length); cut++) {
		try {
			decoder.decode(bytes.subarray(0, bytes.length - cut));
			return true;
		} catch {
			// A multi-byte character may straddle the end of the sample: try a shorter one.
		}
	}
	return false;
}

/** The encoding of a file's first bytes (a UTF-16 byte-order mark, else UTF-8 if they are). */
export function encodingOf(head: Buffer): TextEncoding {
	if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
	if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
	return isUtf8(head) ? 'utf-8' : 'windows-1252';
}

/** The sample as text, decoded in its encoding, without a byte-order mark. */
export function decodeHead(head: Buffer): string {
	const encoding = declaredEncoding() ?? encodingOf(head);
	return new TextDecoder(encoding).decode(head).replace(/^\uFEFF/, '');
}

/** The separator of a header line: the most frequent of , ; and tab outside quotes (a comma on a tie). */
export function delimiterOf(text: string): CsvText['delimiter'] {
	const counts = { ',': 0, ';': 0, '\t': 0 };
	let quoted = false;
	for (const ch of text) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) break;
		else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
	}
	if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
	if (counts['\t'] > counts[',']) return '\t';
	return ',';
}

/** The separator of a file, read off its header line. */
export function delimiterOfFile(path: string): CsvText['delimiter'] {
	return delimiterOf(decodeHead(readHead(path)));
}

/** Says how a file was read when it was not plain UTF-8 with commas, for the import summary. */
export function describeCsvText(text: CsvText): string | null {
	const parts = [
		text.encoding === 'windows-1252' ? 'Windows (Latin-1) text, not UTF-8' : text.encoding.startsWith('utf-16') ? 'UTF-16 text' : null,
		text.delimiter === ';' ? 'fields separated by ";"' : text.delimiter === '\t' ? 'fields separated by tabs' : null
	].filter((p): p is string => p !== null);
	return parts.length ? `read as ${parts.join(', ')}` : null;
}
