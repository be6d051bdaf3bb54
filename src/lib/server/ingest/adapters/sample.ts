import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ImportFileError } from '../errors';
import type { FileSample } from './adapter';

/** Bytes read from the start of each file to recognise it. */
const SAMPLE_BYTES = 64 * 1024;

function head(path: string): string {
	const fd = openSync(path, 'r');
	try {
		const buffer = Buffer.alloc(SAMPLE_BYTES);
		const n = readSync(fd, buffer, 0, SAMPLE_BYTES, 0);
		return buffer.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '');
	} finally {
		closeSync(fd);
	}
}

/** The fields of a CSV file's first record (RFC 4180 quoting, comma or semicolon separated). */
export function csvHeader(text: string): string[] {
	const fields: string[] = [];
	let current = '';
	let quoted = false;
	const delimiter = (text.split('\n')[0].match(/;/g)?.length ?? 0) > (text.split('\n')[0].match(/,/g)?.length ?? 0) ? ';' : ',';
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				current += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else current += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === delimiter) {
			fields.push(current.trim());
			current = '';
		} else if (ch === '\n' || ch === '\r') break;
		else current += ch;
	}
	fields.push(current.trim());
	return fields;
}

/** Object keys seen near the start of a JSON file: enough to tell one API's export from another's. */
function jsonKeys(text: string): string[] {
	return [...new Set([...text.matchAll(/"([A-Za-z_][A-Za-z0-9_]*)"\s*:/g)].map((m) => m[1]))];
}

function sampleOne(path: string): FileSample {
	const name = basename(path);
	const lower = name.toLowerCase();
	if (lower.endsWith('.json') || lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) {
		return { path, name, kind: 'json', header: [], jsonKeys: jsonKeys(head(path)) };
	}
	if (lower.endsWith('.csv') || lower.endsWith('.tsv') || lower.endsWith('.txt')) {
		return { path, name, kind: 'csv', header: csvHeader(head(path)), jsonKeys: [] };
	}
	// Read only once the import has converted the chosen sheet to CSV (sheets/convert.ts).
	if (lower.endsWith('.xlsx') || lower.endsWith('.xls')) return { path, name, kind: 'spreadsheet', header: [], jsonKeys: [] };
	return { path, name, kind: 'other', header: [], jsonKeys: [] };
}

/** The files a path names (a folder's files, not its subfolders), sampled for detection. */
export function sampleFiles(path: string): FileSample[] {
	const full = resolve(path);
	let stat;
	try {
		stat = statSync(full);
	} catch {
		throw new ImportFileError(path, 'does not exist');
	}
	if (!stat.isDirectory()) return [sampleOne(full)];
	return readdirSync(full)
		.filter((n) => !n.startsWith('.') && statSync(join(full, n)).isFile())
		.sort()
		.map((n) => sampleOne(join(full, n)));
}
