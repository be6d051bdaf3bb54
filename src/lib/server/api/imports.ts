import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { importPath } from '../ingest/import-path';
import { SOURCE_IDS } from '../ingest/adapters';
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
			const timezone = typeof body?.timezone === 'string' && body.timezone ? body.timezone : null;
			const adapter = typeof body?.source === 'string' ? body.source : 'auto';
			if (!SOURCE_IDS.includes(adapter)) throw new HTTPException(400, { message: `source must be one of ${SOURCE_IDS.join(', ')}, got "${adapter}"` });
			const label = typeof body?.label === 'string' ? body.label : undefined;
			if (label !== undefined && !/^[a-z0-9_-]{1,40}$/i.test(label)) throw new HTTPException(400, { message: 'label takes letters, digits, _ and - (at most 40)' });
			const mapping = typeof body?.mapping === 'string' ? body.mapping : null;
			try {
				return c.json(await importPath(await deps.db(), path, { adapter, source: label, timezone, mappingPath: mapping }));
			} catch (e) {
				if (e instanceof ImportFileError) throw new HTTPException(400, { message: e.message });
				throw e;
			}
		});
}
