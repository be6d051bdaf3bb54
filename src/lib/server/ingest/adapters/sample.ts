import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { decodeHead, delimiterOf, readHead } from '../csv-text';
import { ImportFileError } from '../errors';
import { isInside } from '../import-root';
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

/**
 * The files a path names (a folder's files, not its subfolders), sampled for detection. Only
 * regular files are read: a FIFO, a device or a link to one would block or never end, so a
 * path naming one is refused, and in a folder such entries (and links that lead nowhere or
 * in a loop) are passed over as `other` files, which the import lists, by name only, as not
 * read. With `root` (the real path of the import root, import-root.ts), a folder entry whose
 * real path leaves it is passed over the same way, never opened.
 */
export function sampleFiles(path: string, root: string | null = null): FileSample[] {
	const full = resolve(path);
	let stat;
	try {
		stat = statSync(full);
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		throw new ImportFileError(path, code === 'ELOOP' ? 'is a symbolic link that loops' : 'does not exist');
	}
	if (stat.isDirectory()) {
		return readdirSync(full)
			.filter((n) => !n.startsWith('.'))
			.sort()
			.flatMap((n) => {
				const entry = join(full, n);
				const kind = entryKind(entry, root);
				if (kind === 'folder') return [];
				return [kind === 'file' ? sampleOne(entry) : { path: entry, name: `${n} (${kind})`, kind: 'other' as const, header: [], jsonKeys: [] }];
			});
	}
	if (!stat.isFile()) throw new ImportFileError(path, 'is not a regular file (a device, pipe or socket cannot be imported)');
	return [sampleOne(full)];
}

/**
 * What a folder entry is, following links: a file to read, a folder to skip, or why not.
 * Inside an import root, a link that leads out of it and one that leads nowhere read alike,
 * so the listing does not tell whether a path outside the root exists.
 */
function entryKind(path: string, root: string | null): 'file' | 'folder' | string {
	try {
		if (root !== null && !isInside(root, realpathSync(path))) return LEADS_OUT;
		const stat = statSync(path);
		if (stat.isFile()) return 'file';
		if (stat.isDirectory()) return 'folder';
		return 'not a regular file';
	} catch (e) {
		if (root !== null) return LEADS_OUT;
		return (e as NodeJS.ErrnoException).code === 'ELOOP' ? 'a symbolic link that loops' : 'unreadable';
	}
}

const LEADS_OUT = 'a link that leads out of the import root, or nowhere';
