import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Hono, type Context } from 'hono';
import { stream } from 'hono/streaming';
import { HTTPException } from 'hono/http-exception';
import { toCsv } from '../../csv';
import { warmDefaultViews } from '../views';
import { alertsAfterImport } from '../delivery/alerts';
import { importPath, importRunning, type ImportProgress, type PathImportResult } from '../ingest/import-path';
import { SOURCE_IDS } from '../ingest/adapters';
import { SOURCE_LABEL, SOURCE_LABEL_RULE } from '../ingest/source-label';
import { ImportBusyError, ImportFileError } from '../ingest/errors';
import { getImportRun, listImportRuns } from '../ingest/runs';
import { DATE_FORMAT_CHOICES, parseDateOrder } from '../ingest/timestamp-formats';
import { receiveUpload, uploadMaxBytes, uploadRoot, UploadError } from '../ingest/upload';
import { markPreview, prunePreviews, unmarkPreview } from '../ingest/previews';
import { CSAT_SCALES, type CsatScale } from '../ingest/csat-scale';
import { ENCODING_CHOICES, parseEncoding } from '../ingest/csv-text';
import { inFormWords } from '../ingest/form-words';
import { mergeOverrides, override, OverrideError, parseMapArgument, type ValueOverride } from '../ingest/value-overrides';
import { ImportPathError } from '../ingest/import-root';
import { showPaths, showPathsIn, shownFolder, shownRun, tempFolders, type ShownFolder } from '../ingest/shown-paths';
import { engineReason } from '../ingest/errors';
import { recordAudit } from '../auth/audit';
import { namedServerPaths, runFolders, type NamedPaths } from './server-paths';
import type { Database } from '../db/database';
import type { ApiDeps } from './index';
import type { ApiEnv } from './access';

const LABEL_RULE = `label takes ${SOURCE_LABEL_RULE}`;

/** The most quarantine rows one rejects CSV holds (the column is an integer in SQL). */
const ALL_REJECTS = 2_147_483_647;

function sourceProblem(source: string): string | null {
	return SOURCE_IDS.includes(source) ? null : `source must be one of ${SOURCE_IDS.join(', ')}, got "${source}"`;
}

/** The problem with a `csat_scale` value, or null when it names 1-5 or 0-10. */
function csatScaleProblem(value: string): string | null {
	return (CSAT_SCALES as readonly string[]).includes(value) ? null : `csat_scale must be ${CSAT_SCALES.join(' or ')}, got "${value}"`;
}

/** The problem with a `date_format` value, or null when it names day-first or month-first. */
function dateFormatProblem(value: string): string | null {
	return parseDateOrder(value) ? null : `date_format must be ${DATE_FORMAT_CHOICES}, got "${value}"`;
}

/** `map` lines ("status=Waiting on Customer=pending", one per line) or a JSON list of them or of {field, from, to}. */
function overridesOf(value: unknown): ValueOverride[] {
	if (value === undefined || value === null || value === '') return [];
	const items = typeof value === 'string' ? value.split(/\r?\n/).filter((l) => l.trim() !== '') : Array.isArray(value) ? value : null;
	if (!items) throw new HTTPException(400, { message: 'map must be lines FIELD=VALUE=CANONICAL, or a list of them' });
	try {
		return mergeOverrides(
			...items.map((item) => {
				if (typeof item === 'string') return parseMapArgument(item);
				const o = item as Record<string, unknown> | null;
				if (o && typeof o.field === 'string' && typeof o.from === 'string' && typeof o.to === 'string') return [override(o.field, o.from, o.to)];
				throw new OverrideError('each map is "FIELD=VALUE=CANONICAL" or {"field", "from", "to"}');
			})
		);
	} catch (e) {
		if (e instanceof OverrideError) throw new HTTPException(400, { message: e.message });
		throw e;
	}
}

/** An upload folder a preview kept, named by the preview's answer: never a path of the caller's. */
const UPLOAD_NAME = /^\d{8}T\d{6}Z-[0-9a-f]{8}$/;

/** The most bytes a JSON request body may hold: options and a path, never data. */
const JSON_MAX_BYTES = 1024 * 1024;

/**
 * A JSON request body read up to JSON_MAX_BYTES (a larger one is a 413, never buffered whole),
 * as an object, or null when it is not one.
 */
async function jsonBody(request: Request): Promise<Record<string, unknown> | null> {
	if (Number(request.headers.get('content-length')) > JSON_MAX_BYTES) throw new HTTPException(413, { message: 'a JSON body is at most 1 MB' });
	const reader = request.body?.getReader();
	if (!reader) return null;
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > JSON_MAX_BYTES) {
			await reader.cancel();
			throw new HTTPException(413, { message: 'a JSON body is at most 1 MB' });
		}
		chunks.push(value);
	}
	try {
		const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

/**
 * An imported upload's files are not needed any more (their rows are in the database, their
 * checksums in the runs): removed, unless DESKPULSE_KEEP_UPLOADS=1 asks to keep them.
 */
function doneWithUpload(dir: string): void {
	if (process.env.DESKPULSE_KEEP_UPLOADS === '1') unmarkPreview(dir);
	else rmSync(dir, { recursive: true, force: true });
}

/** The mapping file an upload brought (its `.side/` folder), if any. */
function sideFile(dir: string): string | null {
	const side = join(dir, '.side');
	if (!existsSync(side)) return null;
	const [name] = readdirSync(side);
	return name ? join(side, name) : null;
}

/** A yes/no form field: 'true' or '1' is yes. */
function flagValue(text: string | undefined): boolean {
	return text === 'true' || text === '1';
}

function runId(text: string): number {
	const id = Number(text);
	if (!Number.isInteger(id) || id < 1) throw new HTTPException(400, { message: 'id must be a positive whole number' });
	return id;
}

function encodingProblem(value: string): string | null {
	return parseEncoding(value) ? null : `encoding must be ${ENCODING_CHOICES}, got "${value}"`;
}

const NDJSON = 'application/x-ndjson';
/** How often a streamed import reports its progress at most (and at each new file or phase). */
const PROGRESS_EVERY_MS = 250;

/**
 * Runs the import and streams it as NDJSON (`Accept: application/x-ndjson`; the CLI asks for
 * it): `{"progress": {...}}` lines while it runs, then one `{"result": {...}}` or `{"error":
 * {"status", "message"}}`. A client that goes away stops the stream, never the import: the
 * import runs to its end, as it would have for a client that waited, so no half state is left.
 */
function streamImport(c: Context<ApiEnv>, db: Database, path: string, options: Parameters<typeof importPath>[2], done: () => void, folders: ShownFolder[]): Response {
	if (importRunning(db)) throw new HTTPException(409, { message: new ImportBusyError().message });
	c.header('content-type', NDJSON);
	c.header('cache-control', 'no-store');
	return stream(c, async (out) => {
		const send = (line: unknown) => out.write(`${JSON.stringify(line)}\n`).catch(() => undefined);
		let last = 0;
		let lastStep = '';
		const onProgress = (p: ImportProgress) => {
			const step = `${p.fileIndex}:${p.phase}`;
			if (step === lastStep && Date.now() - last < PROGRESS_EVERY_MS) return;
			[last, lastStep] = [Date.now(), step];
			void send({ progress: showPathsIn(p, folders) });
		};
		try {
			const result = await importThenWarm(db, path, { ...options, onProgress });
			done();
			await send({ result: showPathsIn(result, folders) });
		} catch (e) {
			const known = e instanceof ImportFileError || e instanceof ImportBusyError;
			if (!known) console.error(e);
			const message = known ? showPaths(e.message, folders) : serverFailure(e, folders);
			await send({ error: { status: e instanceof ImportBusyError ? 409 : known ? 400 : 500, message } });
		}
	});
}

/**
 * What an admin is told when an import fails for a reason that is not the export's (the
 * engine ran out of memory, the disk filled): the engine's reason, its first sentence, with
 * the server's folders shown as the caller may see them, so the failure can be acted on
 * without the server's log. Only admins import.
 */
export function serverFailure(e: unknown, folders: ShownFolder[]): string {
	return `the import failed on the server: ${showPaths(engineReason(e), [...folders, ...tempFolders()])}`;
}

/** An upload imported (or a preview confirmed): who, which files by name, and what landed. */
async function auditUpload(c: Context<ApiEnv>, db: Database, names: string[], files: Array<{ rowsAccepted?: number; rowsRejected?: number }>): Promise<void> {
	const sum = (key: 'rowsAccepted' | 'rowsRejected') => files.reduce((n, f) => n + (f[key] ?? 0), 0);
	await recordAudit(db, {
		actor: c.get('principal') ?? c.env?.principal ?? null,
		action: 'import-upload',
		subject: names.join(', ').slice(0, 300),
		detail: files.length ? { files: files.length, rows_accepted: sum('rowsAccepted'), rows_rejected: sum('rowsRejected') } : { confirmed_preview: true },
		ip: c.env?.ip ?? null
	});
}

/**
 * The import, then, when it changed the data, every page's default view computed into the
 * result cache before it reports done (views/index.ts): the first page opened after an
 * import is answered as fast as a reload; then the alert rules (delivery/alerts.ts). Both
 * show as its last progress steps.
 */
async function importThenWarm(db: Database, path: string, options: Parameters<typeof importPath>[2]): Promise<PathImportResult> {
	// The server's database answers reports while it imports: the import keeps their budget.
	const result = await importPath(db, path, { ...options, sharedDatabase: true });
	if (result.modelRefresh !== 'none') {
		const fileCount = Math.max(result.files.length, 1);
		options?.onProgress?.({ fileIndex: fileCount - 1, fileCount, file: 'default views', phase: 'modelling', bytesDone: 0, bytesTotal: 0 });
		await warmDefaultViews(db);
		options?.onProgress?.({ fileIndex: fileCount - 1, fileCount, file: 'alert rules', phase: 'modelling', bytesDone: 0, bytesTotal: 0 });
		await alertsAfterImport(db);
	}
	return result;
}

/**
 * Runs the import; a problem with the export itself (not the server) is a 400. The answer
 * shows the server's folders as `folders` say (none for the CLI: they are its own paths).
 */
async function runImport(db: Database, path: string, options: Parameters<typeof importPath>[2], folders: ShownFolder[]): Promise<PathImportResult> {
	try {
		return showPathsIn(await importThenWarm(db, path, options), folders);
	} catch (e) {
		if (e instanceof ImportFileError) throw new HTTPException(400, { message: showPaths(e.message, folders) });
		if (e instanceof ImportBusyError) throw new HTTPException(409, { message: e.message });
		throw e;
	}
}

/**
 * Import runs. POST takes either a path on the server's own disk (JSON; the CLI uses it when
 * a server holds the database) or an upload (multipart: `file` parts, optional `mapping`
 * file, `source`, `label`, `timezone`, `sheet`, `date_format`, `map` lines, `dry_run`,
 * `keep_extra`: store the columns deskpulse does not read, an admin's choice),
 * streamed into its own folder beside the database and imported from there. Both answer with
 * the same import result. A dry run writes nothing; an upload's preview names its kept folder
 * (`upload`), which a JSON `{"upload": ...}` then imports with the options it states.
 */
export function importsApi(deps: ApiDeps) {
	return new Hono<ApiEnv>()
		.get('/', async (c) => {
			const limitText = c.req.query('limit') ?? '100';
			const limit = Number(limitText);
			if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new HTTPException(400, { message: `limit must be a whole number from 1 to 1000, got "${limitText}"` });
			const db = await deps.db();
			const folders = runFolders(db);
			return c.json({ runs: (await listImportRuns(db, limit)).map((run) => shownRun(run, folders)) });
		})
		.get('/:id', async (c) => {
			const id = runId(c.req.param('id'));
			const db = await deps.db();
			// The rows as read (every field of the export, personal data included): imports are an admin's (auth/access.ts).
			const found = await getImportRun(db, id, { includeRaw: true });
			if (!found) throw new HTTPException(404, { message: `no import run ${id}` });
			return c.json({ ...found, run: shownRun(found.run, runFolders(db)) });
		})
		.get('/:id/rejects.csv', async (c) => {
			// Every quarantined problem of the run, one line each (a row with two bad columns has
			// two), with the record's own fields after line, column and reason. Known limit: the
			// rows are gathered in memory before writing, fine for the rejects of one file. The
			// records are shown as DESKPULSE_REDACT says (ingest/runs.ts).
			const id = runId(c.req.param('id'));
			const found = await getImportRun(await deps.db(), id, { limit: ALL_REJECTS, includeRaw: true });
			if (!found) throw new HTTPException(404, { message: `no import run ${id}` });
			const fixed = ['line', 'column', 'reason'];
			const fieldKeys = new Map<string, string>();
			const rows = found.rejects.map((r) => {
				const raw = typeof r.raw_record === 'string' ? (JSON.parse(r.raw_record) as unknown) : r.raw_record;
				const row: Record<string, unknown> = { line: r.line, column: r.column_name, reason: r.reason };
				if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
					for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
						// A record field named like one of the first three columns keeps its value apart.
						if (!fieldKeys.has(name)) fieldKeys.set(name, fixed.includes(name) ? `${name} (record)` : name);
						row[fieldKeys.get(name)!] = value === null || typeof value !== 'object' ? value : JSON.stringify(value);
					}
				}
				return row;
			});
			const file = String(found.run.file_name ?? 'import').replace(/[^A-Za-z0-9._-]+/g, '_');
			return c.body(toCsv([...fixed, ...fieldKeys.values()], rows), 200, {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="deskpulse-run-${id}-rejects-${file}.csv"`
			});
		})
		.get('/:id/adjustments.csv', async (c) => {
			// Every value a kept row had adjusted: line, column, the value as read, what the model
			// holds instead (empty: emptied) and the rule that did it.
			const id = runId(c.req.param('id'));
			const found = await getImportRun(await deps.db(), id, { limit: ALL_REJECTS });
			if (!found) throw new HTTPException(404, { message: `no import run ${id}` });
			const rows = found.adjustments.map((a) => ({ line: a.line, column: a.column_name, value: a.value, adjusted_to: a.adjusted_to, rule: a.rule }));
			const file = String(found.run.file_name ?? 'import').replace(/[^A-Za-z0-9._-]+/g, '_');
			return c.body(toCsv(['line', 'column', 'value', 'adjusted_to', 'rule'], rows), 200, {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="deskpulse-run-${id}-adjustments-${file}.csv"`
			});
		})
		.post('/', async (c) => {
			const db = await deps.db();
			if (/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
				let upload;
				prunePreviews(uploadRoot(db.path));
				try {
					upload = await receiveUpload(c.req.raw, {
						root: uploadRoot(db.path),
						maxBytes: uploadMaxBytes(),
						filePart: 'file',
						sidePart: 'mapping',
						fields: ['source', 'label', 'timezone', 'sheet', 'date_format', 'map', 'dry_run', 'csat_scale', 'encoding', 'keep_extra'],
						checkField: (name, value) => {
							if (name === 'source') return sourceProblem(value || 'auto');
							if (name === 'csat_scale' && value) return csatScaleProblem(value);
							if (name === 'encoding' && value) return encodingProblem(value);
							if (name === 'map') {
								try {
									overridesOf(value);
								} catch (e) {
									return (e as Error).message;
								}
							}
							if (name === 'date_format' && value) return dateFormatProblem(value);
							if (name === 'label' && value && !SOURCE_LABEL.test(value)) return LABEL_RULE;
							return null;
						}
					});
				} catch (e) {
					if (e instanceof UploadError) throw new HTTPException(e.status, { message: e.message });
					throw e;
				}
				if (upload.files.length === 0) {
					rmSync(upload.dir, { recursive: true, force: true });
					throw new HTTPException(400, { message: 'the upload has no "file" part: send one or more files' });
				}
				const { source, label, timezone, sheet, date_format: dateFormat, map, dry_run: dryRunText, csat_scale: csatScale, encoding, keep_extra: keepExtraText } = upload.fields;
				const dryRun = flagValue(dryRunText);
				try {
					const imported = await importThenWarm(db, upload.dir, {
						adapter: source || 'auto',
						source: label || undefined,
						timezone: timezone || null,
						mappingPath: upload.sidePath,
						sheet: sheet || null,
						dateFormat: dateFormat ? parseDateOrder(dateFormat) : null,
						overrides: overridesOf(map),
						dryRun,
						csatScale: (csatScale || null) as CsatScale | null,
						encoding: encoding ? parseEncoding(encoding) : null,
						keepExtra: flagValue(keepExtraText)
					});
					// The page's user has a form, not the command line: messages name its fields, and
					// files by their names in the upload, not the server's folder.
					const shown = showPathsIn(imported, [...shownFolder(upload.dir, 'the upload'), ...tempFolders()]);
					const result = { ...shown, files: shown.files.map((f) => ({ ...f, error: f.error && inFormWords(f.error) })) };
					// A preview keeps its upload, named in the answer, for the import that confirms it.
					if (!dryRun) {
						await auditUpload(c, db, upload.files.map((f) => f.name), result.files);
						doneWithUpload(upload.dir);
						return c.json(result);
					}
					markPreview(upload.dir);
					return c.json({ ...result, upload: basename(upload.dir) });
				} catch (e) {
					if (e instanceof ImportBusyError) {
						rmSync(upload.dir, { recursive: true, force: true });
						throw new HTTPException(409, { message: e.message });
					}
					if (!(e instanceof ImportFileError)) throw e;
					// Nothing was recorded from a folder that could not be read at all: drop it (a
					// folder whose runs were recorded stays: the runs' file paths point into it). The
					// message names the upload, not the server's folder.
					rmSync(upload.dir, { recursive: true, force: true });
					const message = showPaths(e.message, [...shownFolder(upload.dir, 'the upload'), ...tempFolders()]);
					throw new HTTPException(400, { message: inFormWords(message) });
				}
			}
			const body = await jsonBody(c.req.raw);
			// `upload` confirms a preview: the folder its upload was kept in, by name.
			const upload = body && typeof body.upload === 'string' ? body.upload : null;
			if (upload !== null && !UPLOAD_NAME.test(upload)) throw new HTTPException(400, { message: 'upload must name a previewed upload' });
			const uploaded = upload === null ? null : join(uploadRoot(db.path), upload);
			if (uploaded !== null && !existsSync(uploaded)) throw new HTTPException(404, { message: `no previewed upload ${upload}` });
			const given = uploaded === null && body && typeof body.path === 'string' && body.path ? body.path : null;
			if (uploaded === null && given === null) {
				throw new HTTPException(400, {
					message: 'send multipart/form-data with "file" parts, JSON with "upload" (a previewed upload), or JSON with "path": a file or folder inside the server\'s import root'
				});
			}
			const mapping = typeof body?.mapping === 'string' ? body.mapping : null;
			let named: NamedPaths | null = null;
			if (given !== null) {
				try {
					named = namedServerPaths(c, given, mapping);
				} catch (e) {
					if (!(e instanceof ImportPathError) && !(e instanceof HTTPException)) throw e;
					const status = e.status as 400 | 403;
					// The refusal is kept, without the path: it may name anything on the server.
					await recordAudit(db, { actor: c.get('principal'), action: 'import-path-refused', detail: { status }, ip: c.env?.ip ?? null });
					throw e instanceof ImportPathError ? new HTTPException(status, { message: e.message }) : e;
				}
			}
			const path = uploaded ?? named!.path;
			const timezone = typeof body?.timezone === 'string' && body.timezone ? body.timezone : null;
			const adapter = typeof body?.source === 'string' ? body.source : 'auto';
			const problem = sourceProblem(adapter);
			if (problem) throw new HTTPException(400, { message: problem });
			const label = typeof body?.label === 'string' ? body.label : undefined;
			if (label !== undefined && !SOURCE_LABEL.test(label)) throw new HTTPException(400, { message: LABEL_RULE });
			const sheet = typeof body?.sheet === 'string' && body.sheet ? body.sheet : null;
			const dateFormatText = typeof body?.date_format === 'string' && body.date_format ? body.date_format : null;
			const dateProblem = dateFormatText === null ? null : dateFormatProblem(dateFormatText);
			if (dateProblem) throw new HTTPException(400, { message: dateProblem });
			const dateFormat = dateFormatText === null ? null : parseDateOrder(dateFormatText);
			// A confirmed upload reads its own mapping file (kept in .side/), never a path the caller names.
			const mappingPath = uploaded !== null ? sideFile(uploaded) : named!.mappingPath;
			const overrides = overridesOf(body?.map);
			const dryRun = body?.dry_run === true;
			const csatScaleText = typeof body?.csat_scale === 'string' && body.csat_scale ? body.csat_scale : null;
			const scaleProblem = csatScaleText === null ? null : csatScaleProblem(csatScaleText);
			if (scaleProblem) throw new HTTPException(400, { message: scaleProblem });
			const csatScale = csatScaleText as CsatScale | null;
			const encodingText = typeof body?.encoding === 'string' && body.encoding ? body.encoding : null;
			const encodingError = encodingText === null ? null : encodingProblem(encodingText);
			if (encodingError) throw new HTTPException(400, { message: encodingError });
			const encoding = encodingText === null ? null : parseEncoding(encodingText);
			const keepExtra = body?.keep_extra === true;
			const options = { adapter, source: label, timezone, mappingPath, sheet, dateFormat, overrides, dryRun, csatScale, encoding, keepExtra, confineTo: named?.confineTo ?? null };
			const done = () => {
				if (uploaded !== null && !dryRun) doneWithUpload(uploaded);
			};
			const folders = named?.folders ?? [...shownFolder(uploaded!, 'the upload'), ...tempFolders()];
			if (uploaded !== null && !dryRun) await auditUpload(c, db, [upload!], []);
			if (named) {
				await recordAudit(db, {
					actor: named.actor,
					action: 'import-path',
					subject: named.subject,
					detail: { dry_run: dryRun, mapping: named.mappingPath !== null, cli: named.byCli },
					ip: c.env?.ip ?? null
				});
			}
			if (c.req.header('accept')?.includes(NDJSON)) return streamImport(c, db, path, options, done, folders);
			const result = await runImport(db, path, options, folders);
			done();
			return c.json(result);
		});
}
