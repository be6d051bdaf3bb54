import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { importGenericPath } from '../ingest/import-path';
import { ImportFileError } from '../ingest/errors';
import { getImportRun, listImportRuns } from '../ingest/runs';
import type { ApiDeps } from './index';

/**
 * Import runs. POST takes a path on the server's own disk (the CLI uses it when a server
 * holds the database); uploads arrive with the vendor adapters.
 */
export function importsApi(deps: ApiDeps) {
	return new Hono()
		.get('/', async (c) => {
			const limit = Math.min(Number(c.req.query('limit') ?? 100) || 100, 1000);
			return c.json({ runs: await listImportRuns(await deps.db(), limit) });
		})
		.get('/:id', async (c) => {
			const id = Number(c.req.param('id'));
			if (!Number.isInteger(id) || id < 1) throw new HTTPException(400, { message: 'id must be a positive whole number' });
			const found = await getImportRun(await deps.db(), id);
			if (!found) throw new HTTPException(404, { message: `no import run ${id}` });
			return c.json(found);
		})
		.post('/', async (c) => {
			const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
			const path = body && typeof body.path === 'string' ? body.path : null;
			if (!path) throw new HTTPException(400, { message: 'body must be JSON with "path": a file or folder on the server' });
			const timezone = typeof body?.timezone === 'string' ? body.timezone : 'UTC';
			const source = typeof body?.source === 'string' && /^[a-z0-9_-]{1,40}$/i.test(body.source) ? body.source : 'generic';
			try {
				return c.json(await importGenericPath(await deps.db(), path, { timezone, source }));
			} catch (e) {
				if (e instanceof ImportFileError) throw new HTTPException(400, { message: e.message });
				throw e;
			}
		});
}
