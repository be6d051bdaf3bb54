import { createReadStream, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { delimiterOfFile, encodingOf, readHead } from '../ingest/csv-text';
import { recordFields } from '../ingest/csv-records';

/**
 * An erasure's part outside the database: the uploads a server keeps
 * (DESKPULSE_KEEP_UPLOADS=1) under its upload root, one folder per upload.
 *
 * - A CSV file (.csv, .tsv, .txt) is rewritten without the records whose requester (or org)
 *   column holds the id, every other record kept byte for byte; a file with none is left as
 *   it is. UTF-16 text is searched, not rewritten: one that names the id is deleted.
 * - A spreadsheet (.xlsx, .xls) is deleted: a workbook cannot be rewritten without losing
 *   what it holds besides its rows, and any of its sheets may have been the one imported.
 * - Any other file (JSON of an API export, ...) is deleted when it holds the id as a whole
 *   word (or a JSON value), else left.
 *
 * The rows are in the database, so a kept upload is only a copy: removing one loses nothing
 * an import needs. A preview's upload (not imported yet) is treated alike.
 */

export type ErasureKind = 'requester' | 'org';

export interface UploadErasure {
	/** Files rewritten without some of their rows, relative to the upload root. */
	rewritten: string[];
	/** Files deleted, relative to the upload root. */
	deleted: string[];
	/** Records removed from the rewritten CSV files. */
	rowsRemoved: number;
}

/** A header as the rules read it: "Requester email" -> requester_email. */
function normalized(header: string): string {
	return header
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
}

/**
 * The columns of an export that identify a requester or an org, across the formats deskpulse
 * reads (generic, Zendesk, Freshdesk, Intercom and mapped CSVs). Other columns are never
 * compared: a requester id "12" must not remove a row whose wait time is 12 minutes.
 */
const ID_COLUMNS: Record<ErasureKind, RegExp> = {
	requester:
		/^(requester|customer|contact|user|author|submitter)(_(id|email|e_mail|name|external_id))?$|^(e_?mail|full_name|email_address|from)$/,
	org: /^(org|organization|organisation|company|account)(_(id|name|external_id))?$/
};

const CSV_FILE = /\.(csv|tsv|txt)$/i;
const SPREADSHEET = /\.(xlsx|xls)$/i;

/** Whether `field` is the id: exact after trimming, and without case for an email address. */
function sameId(field: string, id: string): boolean {
	const value = field.trim();
	return id.includes('@') ? value.toLowerCase() === id.toLowerCase() : value === id;
}

/** Every file under `dir`, skipping dot-entries (a preview's mark, an upload's mapping file). */
function filesUnder(dir: string): string[] {
	const out: string[] = [];
	for (const name of readdirSync(dir).sort()) {
		if (name.startsWith('.')) continue;
		const full = join(dir, name);
		if (statSync(full).isDirectory()) out.push(...filesUnder(full));
		else out.push(full);
	}
	return out;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Rewrites the CSV file at `path` without the records whose id columns hold `id`; returns
 * how many it removed (0: the file is untouched). Records are split as the strict reader
 * splits them (csv-records.ts): a quote opens a quoted field only at the field's start, a
 * line break inside quotes is no record's end, and LF, CRLF or a lone CR ends a record. The
 * file is streamed, never held whole; the new file replaces the old one once complete.
 */
async function rewriteCsv(path: string, kind: ErasureKind, id: string): Promise<number> {
	const encoding = encodingOf(readHead(path));
	const delimiter = delimiterOfFile(path).charCodeAt(0);
	const decoder = new TextDecoder(encoding);
	// A dot-file beside it: a folder import, and the next erasure, skip it if one is left behind.
	const temp = join(dirname(path), `.${basename(path)}.erasing`);
	const out = await open(temp, 'w');
	let removed = 0;
	let columns: number[] | null = null;
	const record = async (bytes: Buffer) => {
		const end = bytes.at(-1) === LF ? (bytes.at(-2) === CR ? 2 : 1) : bytes.at(-1) === CR ? 1 : 0;
		const body = bytes.subarray(0, bytes.length - end);
		if (columns === null) {
			const header = recordFields(body, delimiter).map((f) => normalized(decoder.decode(f).replace(/^\uFEFF/, '')));
			columns = header.flatMap((h, i) => (ID_COLUMNS[kind].test(h) ? [i] : []));
		} else if (body.length > 0) {
			const fields = recordFields(body, delimiter);
			if (columns.some((i) => i < fields.length && sameId(decoder.decode(fields[i]), id))) {
				removed++;
				return;
			}
		}
		await out.write(bytes);
	};
	let pending: Buffer[] = [];
	const flush = async () => {
		await record(Buffer.concat(pending));
		pending = [];
	};
	let quoted = false;
	let fieldStart = true;
	let justClosed = false;
	let afterCr = false;
	try {
		for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
			let start = 0;
			for (let i = 0; i < chunk.length; i++) {
				const b = chunk[i];
				if (afterCr) {
					// A CR ends its record, with the LF that follows it if one does.
					afterCr = false;
					pending.push(chunk.subarray(start, b === LF ? i + 1 : i));
					await flush();
					start = b === LF ? i + 1 : i;
					if (b === LF) continue;
				}
				if (quoted) {
					if (b === QUOTE) [quoted, justClosed] = [false, true];
				} else if (b === QUOTE && (fieldStart || justClosed)) {
					// A field's opening quote, or the second of a doubled quote inside one.
					[quoted, fieldStart, justClosed] = [true, false, false];
				} else if (b === LF) {
					pending.push(chunk.subarray(start, i + 1));
					await flush();
					start = i + 1;
					[fieldStart, justClosed] = [true, false];
				} else if (b === CR) {
					afterCr = true;
					[fieldStart, justClosed] = [true, false];
				} else {
					[fieldStart, justClosed] = [b === delimiter, false];
				}
			}
			if (start < chunk.length) pending.push(Buffer.from(chunk.subarray(start)));
		}
		if (pending.length) await flush();
	} finally {
		await out.close();
	}
	if (removed === 0) rmSync(temp, { force: true });
	else renameSync(temp, path);
	return removed;
}

/** Whether a file's text holds `id` as a whole word (or as a JSON string). */
function namesId(text: string, id: string): boolean {
	const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return text.includes(JSON.stringify(id)) || new RegExp(`(^|[^A-Za-z0-9_.@-])${escaped}($|[^A-Za-z0-9_.@-])`, id.includes('@') ? 'i' : '').test(text);
}

/** The text of a file that is not CSV, decoded as its bytes say. */
function textOf(path: string): string {
	const bytes = readFileSync(path);
	return new TextDecoder(encodingOf(bytes.subarray(0, 64 * 1024))).decode(bytes);
}

/**
 * Removes a requester's or an org's rows from the kept uploads under `root` (see above).
 * Returns what it changed; names are relative to `root`, never absolute server paths.
 */
export async function eraseFromKeptUploads(root: string, kind: ErasureKind, id: string): Promise<UploadErasure> {
	const result: UploadErasure = { rewritten: [], deleted: [], rowsRemoved: 0 };
	if (!existsSync(root)) return result;
	for (const path of filesUnder(root)) {
		const name = relative(root, path).split(sep).join('/');
		if (SPREADSHEET.test(path)) {
			rmSync(path, { force: true });
			result.deleted.push(name);
			continue;
		}
		const utf16 = encodingOf(readHead(path, 4)).startsWith('utf-16');
		if (CSV_FILE.test(path) && !utf16) {
			const removed = await rewriteCsv(path, kind, id);
			if (removed > 0) {
				result.rewritten.push(name);
				result.rowsRemoved += removed;
			}
			continue;
		}
		if (namesId(textOf(path), id)) {
			rmSync(path, { force: true });
			result.deleted.push(name);
		}
	}
	return result;
}
