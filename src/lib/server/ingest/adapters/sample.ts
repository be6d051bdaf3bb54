import { readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { decodeHead, delimiterOf, readHead } from '../csv-text';
import { ImportFileError } from '../errors';
import type { FileSample } from './adapter';

/** The start of a file as text, in its own encoding (csv-text.ts), to recognise it. */
function head(path: string): string {
	return decodeHead(readHead(path));
}

/** The fields of a CSV file's first record (RFC 4180 quoting; comma, semicolon or tab separated, as the reader splits them). */
export function csvHeader(text: string): string[] {
	const fields: string[] = [];
	let current = '';
	let quoted = false;
	const delimiter = delimiterOf(text);
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
