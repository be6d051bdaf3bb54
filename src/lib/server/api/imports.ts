import { rmSync } from 'node:fs';
import { sep } from 'node:path';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { toCsv } from '../../csv';
import { importPath, type PathImportResult } from '../ingest/import-path';
import { SOURCE_IDS } from '../ingest/adapters';
import { ImportFileError } from '../ingest/errors';
import { getImportRun, listImportRuns } from '../ingest/runs';
import { receiveUpload, uploadMaxBytes, uploadRoot, UploadError } from '../ingest/upload';
import type { Database } from '../db/database';
import type { ApiDeps } from './index';

const LABEL = /^[a-z0-9_-]{1,40}$/i;
const LABEL_RULE = 'label takes letters, digits, _ and - (at most 40)';

/** The most quarantine rows one rejects CSV holds (the column is an integer in SQL). */
const ALL_REJECTS = 2_147_483_647;

function sourceProblem(source: string): string | null {
	return SOURCE_IDS.includes(source) ? null : `source must be one of ${SOURCE_IDS.join(', ')}, got "${source}"`;
}

function runId(text: string): number {
	const id = Number(text);
	if (!Number.isInteger(id) || id < 1) throw new HTTPException(400, { message: 'id must be a positive whole number' });
	return id;
}

/** Runs the import; a problem with the export itself (not the server) is a 400. */
async function runImport(db: Database, path: string, options: Parameters<typeof importPath>[2]): Promise<PathImportResult> {
	try {
		return await importPath(db, path, options);
	} catch (e) {
		if (e instanceof ImportFileError) throw new HTTPException(400, { message: e.message });
		throw e;
	}
}

/**
 * Import runs. POST takes either a path on the server's own disk (JSON; the CLI uses it when
 * a server holds the database) or an upload (multipart: `file` parts, optional `mapping`
 * file, `source`, `label`, `timezone`), streamed into its own folder beside the database
 * and imported from there. Both answer with the same import result.
 */
export function importsApi(deps: ApiDeps) {
	return new Hono()
		.get('/', async (c) => {
			const limit = Math.min(Number(c.req.query('limit') ?? 100) || 100, 1000);
			return c.json({ runs: await listImportRuns(await deps.db(), limit) });
		})
		.get('/:id', async (c) => {
			const id = runId(c.req.param('id'));
			const found = await getImportRun(await deps.db(), id);
			if (!found) throw new HTTPException(404, { message: `no import run ${id}` });
			return c.json(found);
		})
		.get('/:id/rejects.csv', async (c) => {
			// Every quarantined problem of the run, one line each (a row with two bad columns has
			// two), with the record's own fields after line, column and reason. Known limit: the
			// rows are gathered in memory before writing, fine for the rejects of one file.
			const id = runId(c.req.param('id'));
			const found = await getImportRun(await deps.db(), id, ALL_REJECTS);
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
		.post('/', async (c) => {
			const db = await deps.db();
			if (/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
				let upload;
				try {
					upload = await receiveUpload(c.req.raw, {
						root: uploadRoot(db.path),
						maxBytes: uploadMaxBytes(),
						filePart: 'file',
						sidePart: 'mapping',
						fields: ['source', 'label', 'timezone'],
						checkField: (name, value) => {
							if (name === 'source') return sourceProblem(value || 'auto');
							if (name === 'label' && value && !LABEL.test(value)) return LABEL_RULE;
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
				const { source, label, timezone } = upload.fields;
				try {
					return c.json(
						await importPath(db, upload.dir, {
							adapter: source || 'auto',
							source: label || undefined,
							timezone: timezone || null,
							mappingPath: upload.sidePath
						})
					);
				} catch (e) {
					if (!(e instanceof ImportFileError)) throw e;
					// Nothing was recorded from a folder that could not be read at all: drop it (a
					// folder whose runs were recorded stays: the runs' file paths point into it). The
					// message names the upload, not the server's folder.
					rmSync(upload.dir, { recursive: true, force: true });
					const message = e.message.split(`${upload.dir}${sep}`).join('').split(upload.dir).join('the upload');
					throw new HTTPException(400, { message });
				}
			}
			const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
			const path = body && typeof body.path === 'string' ? body.path : null;
			if (!path) {
				throw new HTTPException(400, {
					message: 'send multipart/form-data with "file" parts, or JSON with "path": a file or folder on the server'
				});
			}
			const timezone = typeof body?.timezone === 'string' && body.timezone ? body.timezone : null;
			const adapter = typeof body?.source === 'string' ? body.source : 'auto';
			const problem = sourceProblem(adapter);
			if (problem) throw new HTTPException(400, { message: problem });
			const label = typeof body?.label === 'string' ? body.label : undefined;
			if (label !== undefined && !LABEL.test(label)) throw new HTTPException(400, { message: LABEL_RULE });
			const mapping = typeof body?.mapping === 'string' ? body.mapping : null;
			return c.json(await runImport(db, path, { adapter, source: label, timezone, mappingPath: mapping }));
		});
}
