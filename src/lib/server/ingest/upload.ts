import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import { Transform } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import busboy from 'busboy';

/** Bytes read and dropped after a failure before the connection is cut instead. */
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;

/** A problem with an upload that is the client's to fix: its HTTP status and a sentence. */
export class UploadError extends Error {
	constructor(
		readonly status: 400 | 413 | 415,
		message: string
	) {
		super(message);
		this.name = 'UploadError';
	}
}

export interface UploadOptions {
	/** The folder under which each upload gets its own new folder. */
	root: string;
	/** Most bytes of file content one request may bring, over all its files. */
	maxBytes: number;
	/** Names of the file parts that are data files (default `file`). */
	filePart?: string;
	/** The name of the optional single part that is a side file (the mapping), kept apart. */
	sidePart?: string;
	/** Text fields accepted; any other field is a 400. */
	fields: string[];
	/**
	 * Checks a text field as soon as it arrives, so a bad value stops the upload before the
	 * file bytes are written: returns the problem, or null when the value is fine.
	 */
	checkField?: (name: string, value: string) => string | null;
}

export interface ReceivedUpload {
	/** The new folder holding the data files, and nothing else at its top level. */
	dir: string;
	files: Array<{ name: string; bytes: number }>;
	/** Path of the side file (in a `.side/` subfolder that folder imports skip), or null. */
	sidePath: string | null;
	fields: Record<string, string>;
}

/** Folder uploads are written under: `uploads/` beside the database file (a temp folder for `:memory:`). */
export function uploadRoot(dbPath: string): string {
	if (!dbPath || dbPath === ':memory:') return join(tmpdir(), 'deskpulse-uploads');
	return join(dirname(resolve(dbPath)), 'uploads');
}

/** The upload limit in bytes: $DESKPULSE_UPLOAD_MAX_MB (MiB, default 1024) over all files of one request. */
export function uploadMaxBytes(): number {
	const mb = Number(process.env.DESKPULSE_UPLOAD_MAX_MB);
	return Math.floor((Number.isFinite(mb) && mb > 0 ? mb : 1024) * 1024 * 1024);
}

/**
 * A client's file name made safe to write: its last path segment (either slash), without
 * control characters or leading dots, at most 200 characters; null when nothing is left.
 */
export function safeFileName(name: string | undefined): string | null {
	if (!name) return null;
	const base = name.split(/[/\\]/).pop() ?? '';
	// eslint-disable-next-line no-control-regex
	const clean = base.replace(/[\u0000-\u001f\u007f:*?"<>|]/g, '_').replace(/^[.\s]+/, '').trim().slice(0, 200);
	return clean || null;
}

function folderName(now = new Date()): string {
	const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
	return `${stamp}-${randomBytes(4).toString('hex')}`;
}

/**
 * Streams a `multipart/form-data` request to disk: each file part into a new folder under
 * `root`, chunk by chunk with backpressure, so memory stays bounded whatever the size. The
 * limit counts file bytes as they arrive; passing it stops writing, removes the folder and
 * throws a 413 (a declared length far over it is refused before reading). Any failure removes
 * the folder. Names are sanitised (`safeFileName`); two
 * files with the same name are a 400 (the generic format reads meaning from names, so
 * renaming one would change what it is).
 */
export async function receiveUpload(request: Request, options: UploadOptions): Promise<ReceivedUpload> {
	const contentType = request.headers.get('content-type') ?? '';
	if (!/^multipart\/form-data/i.test(contentType)) throw new UploadError(415, 'an upload must be multipart/form-data');
	const limitText = `${(options.maxBytes / 1024 / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
	const tooLarge = `the upload is larger than the limit of ${limitText} (DESKPULSE_UPLOAD_MAX_MB)`;
	// The declared length includes the multipart framing: allow some of it before refusing up front.
	const declared = Number(request.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > options.maxBytes + 1024 * 1024) {
		throw new UploadError(413, tooLarge);
	}
	if (!request.body) throw new UploadError(400, 'the upload has no body');

	const filePart = options.filePart ?? 'file';
	const dir = join(options.root, folderName());
	mkdirSync(dir, { recursive: true });

	const files: ReceivedUpload['files'] = [];
	const fields: Record<string, string> = {};
	let sidePath: string | null = null;
	let total = 0;
	let failure: Error | null = null;
	const abort = new AbortController();
	const writes: Promise<void>[] = [];

	let failed!: () => void;
	const failedSignal = new Promise<void>((resolve) => (failed = resolve));
	const fail = (error: Error) => {
		if (failure) return;
		failure = error;
		failed();
		// Stop the parser and the file writes, but not from inside the parser's own event.
		setImmediate(() => {
			abort.abort(error);
			parser.destroy();
		});
	};

	let parser: busboy.Busboy;
	try {
		parser = busboy({
			headers: { 'content-type': contentType },
			defParamCharset: 'utf8',
			limits: { fieldSize: 4096, fields: 20, files: 1000, parts: 1020, fieldNameSize: 100 }
		});
	} catch {
		rmSync(dir, { recursive: true, force: true });
		throw new UploadError(400, 'the multipart body has no boundary in its content-type');
	}

	parser.on('file', (name, stream, info) => {
		// Destroying the parser destroys the part's stream too; its error is `failure`'s echo.
		stream.on('error', () => undefined);
		const isSide = options.sidePart !== undefined && name === options.sidePart;
		// A file input left empty still sends its part, with an empty name and no bytes.
		if (info.filename === '' && !failure) {
			stream.resume();
			return;
		}
		if (failure || (name !== filePart && !isSide)) {
			if (!failure) fail(new UploadError(400, `unexpected file part "${name}": files go in "${filePart}" parts${options.sidePart ? ` (and one "${options.sidePart}")` : ''}`));
			stream.resume();
			return;
		}
		const safe = safeFileName(info.filename);
		if (!safe) {
			fail(new UploadError(400, `a "${name}" part has no usable file name`));
			stream.resume();
			return;
		}
		let target: string;
		if (isSide) {
			if (sidePath) {
				fail(new UploadError(400, `only one "${name}" file may be sent`));
				stream.resume();
				return;
			}
			mkdirSync(join(dir, '.side'), { recursive: true });
			target = sidePath = join(dir, '.side', safe);
		} else {
			if (files.some((f) => f.name === safe)) {
				fail(new UploadError(400, `two files are named "${safe}": send each name once`));
				stream.resume();
				return;
			}
			target = join(dir, safe);
		}
		const entry = { name: safe, bytes: 0 };
		if (!isSide) files.push(entry);
		const counter = new Transform({
			transform(chunk: Buffer, _enc, done) {
				total += chunk.length;
				entry.bytes += chunk.length;
				if (total > options.maxBytes) done(new UploadError(413, tooLarge));
				else done(null, chunk);
			}
		});
		writes.push(
			pipeline(stream, counter, createWriteStream(target, { flags: 'wx' }), { signal: abort.signal }).catch((e: Error) => {
				fail(e instanceof UploadError ? e : (failure ?? e));
				stream.resume();
			})
		);
	});
	parser.on('field', (name, value, info) => {
		if (failure) return;
		if (!options.fields.includes(name)) {
			const expected = [filePart, ...(options.sidePart ? [options.sidePart] : []), ...options.fields].join(', ');
			fail(new UploadError(400, name === filePart ? `the "${name}" part must be a file` : `unexpected part "${name}": expected ${expected}`));
			return;
		}
		if (info.valueTruncated || info.nameTruncated) return fail(new UploadError(400, `the "${name}" field is too long`));
		const problem = options.checkField?.(name, value) ?? null;
		if (problem) return fail(new UploadError(400, problem));
		fields[name] = value;
	});
	const tooMany = () => fail(new UploadError(400, 'the upload has too many parts'));
	parser.on('partsLimit', tooMany).on('filesLimit', tooMany).on('fieldsLimit', tooMany);

	parser.on('error', (e: Error) => fail(new UploadError(400, `the multipart body could not be read: ${e.message}`)));

	// The body is read here rather than piped: after a failure the rest of it is read and
	// dropped, so the client gets the 4xx answer. Cancelling the body would make adapter-node
	// destroy the socket, and the browser would only see a broken connection.
	const reader = request.body.getReader();
	try {
		let dropped = 0;
		for (;;) {
			const { done, value } = await reader.read().catch((e: { status?: number }) => {
				// adapter-node's own limit (BODY_SIZE_LIMIT) ends the body with a 413; anything else
				// is a client that went away mid-upload.
				if (e?.status === 413) throw new UploadError(413, tooLarge);
				throw new UploadError(400, 'the upload broke off before its end');
			});
			if (done) break;
			if (failure) {
				dropped += value.byteLength;
				if (dropped > DRAIN_MAX_BYTES) {
					await reader.cancel();
					break;
				}
				continue;
			}
			if (!parser.write(value)) await Promise.race([once(parser, 'drain').catch(() => undefined), failedSignal]);
		}
		if (!failure) {
			parser.end();
			await Promise.race([finished(parser).catch(() => undefined), failedSignal]);
		}
		await Promise.all(writes);
		if (failure) throw failure;
		return { dir, files, sidePath, fields };
	} catch (e) {
		rmSync(dir, { recursive: true, force: true });
		throw e;
	}
}
