import { runChecks } from '../db/integrity';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Database } from '../db/database';
import { FilterError } from '../../filters';
import { kpisApi } from './kpis';
import { importsApi } from './imports';
import { reportsApi } from './reports';
import { erasuresApi } from './erasures';

export interface ApiDeps {
	/** The process's database (opened once by the server, or a test's in-memory one). */
	db: () => Promise<Database>;
}

/** The JSON API, mounted at /api. Errors are JSON; internals never reach the client. */
export function createApi(deps: ApiDeps) {
	const api = new Hono().basePath('/api');
	api.get('/v1/health', async (c) => {
		const db = await deps.db();
		return c.json({ ok: true, db: db.path, pid: process.pid });
	});
	// The integrity checks (sql/checks/): every one with the rows it found, none expected.
	api.get('/v1/checks', async (c) => c.json({ checks: await runChecks(await deps.db()) }));
	api.route('/v1', kpisApi(deps));
	api.route('/v1', reportsApi(deps));
	api.route('/v1/imports', importsApi(deps));
	api.route('/v1/erasures', erasuresApi(deps));
	api.notFound((c) => c.json({ error: { message: `no API route ${c.req.method} ${new URL(c.req.url).pathname}` } }, 404));
	api.onError((err, c) => {
		if (err instanceof FilterError) return c.json({ error: { param: err.param, message: err.message } }, 400);
		if (err instanceof HTTPException) return c.json({ error: { message: err.message } }, err.status);
		console.error('[api]', err);
		return c.json({ error: { message: 'internal error: the server log has the details' } }, 500);
	});
	return api;
}

export type Api = ReturnType<typeof createApi>;
