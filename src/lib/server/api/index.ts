import { runChecks } from '../db/integrity';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Database } from '../db/database';
import { FilterError } from '../../filters';
import { UserError } from '../auth/users';
import { OWNER_HEADER, ownerSecretMatches } from '../db/owner';
import { appVersion } from '../db/project-root';
import { kpisApi } from './kpis';
import { importsApi } from './imports';
import { reportsApi } from './reports';
import { accountsApi } from './accounts';
import { authorize, type ApiEnv } from './access';
import type { Principal } from '../../roles';
import { erasuresApi } from './erasures';
import { pilotsApi } from './pilots';
import { deliveriesApi } from './deliveries';
import { DigestNotFound } from '../delivery/digests';
import { AlertRuleNotFound } from '../delivery/alert-rules';

export interface ApiDeps {
	/** The process's database (opened once by the server, or a test's in-memory one). */
	db: () => Promise<Database>;
	/** The caller of requests that bring no `principal` binding: an in-process API's (tests). */
	assume?: Principal;
}

/** The JSON API, mounted at /api. Errors are JSON; internals never reach the client. */
export function createApi(deps: ApiDeps) {
	const api = new Hono<ApiEnv>().basePath('/api');
	// Before any route: the caller must have the access its endpoint declares (auth/access.ts).
	api.use('*', authorize(deps.assume ?? null));
	// Whether the server is up, and which build: no database path or process id, which would
	// tell a caller about the machine (the CLI finds its server by /v1/owner-check instead).
	api.get('/v1/health', (c) => c.json({ ok: true, version: appVersion() }));
	// The CLI's proof that this server holds its database: the header carries the secret of the
	// owner file beside the database (mode 0600, db/owner.ts). No role middleware: the header is
	// the credential, and the answer says nothing but yes (200) or no (401).
	api.get('/v1/owner-check', (c) =>
		ownerSecretMatches(c.req.header(OWNER_HEADER)) ? c.json({ ok: true }) : c.json({ error: { message: 'not this server\'s owner secret' } }, 401)
	);
	// The integrity checks (sql/checks/): every one with the rows it found, none expected.
	api.get('/v1/checks', async (c) => c.json({ checks: await runChecks(await deps.db()) }));
	api.route('/v1', kpisApi(deps));
	api.route('/v1', reportsApi(deps));
	api.route('/v1/imports', importsApi(deps));
	api.route('/v1', accountsApi(deps));
	api.route('/v1/erasures', erasuresApi(deps));
	api.route('/v1/pilots', pilotsApi(deps));
	api.route('/v1', deliveriesApi(deps));
	api.notFound((c) => c.json({ error: { message: `no API route ${c.req.method} ${new URL(c.req.url).pathname}` } }, 404));
	api.onError((err, c) => {
		if (err instanceof FilterError) return c.json({ error: { param: err.param, message: err.message } }, 400);
		if (err instanceof DigestNotFound || err instanceof AlertRuleNotFound) return c.json({ error: { message: err.message } }, 404);
		// A user or token change the rules refuse (unknown email, the last admin, a bad role).
		if (err instanceof UserError) return c.json({ error: { message: err.message } }, 400);
		if (err instanceof HTTPException) return c.json({ error: { message: err.message } }, err.status);
		console.error('[api]', err);
		return c.json({ error: { message: 'internal error: the server log has the details' } }, 500);
	});
	return api;
}

export type Api = ReturnType<typeof createApi>;
