import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import type { ApiEnv } from './access';
import { checkErasure, erase, ErasureError } from '../privacy/erase';
import type { ApiDeps } from './index';

/**
 * POST /v1/erasures {requester | org, source?}: erases a requester's or an org's data
 * (privacy/erase.ts) and answers what it removed, table by table. Admins only (auth/access.ts).
 */
export function erasuresApi(deps: ApiDeps) {
	// A request names one id: a body past a few kilobytes is no erasure request.
	const small = bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.json({ error: { message: 'an erasure request is at most 16 KB of JSON' } }, 413) });
	return new Hono<ApiEnv>().post('/', small, async (c) => {
		const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
		if (!body || typeof body !== 'object' || Array.isArray(body)) {
			throw new HTTPException(400, { message: 'send JSON {"requester": ID} or {"org": ID}, with "source" to limit it to one source' });
		}
		try {
			const request = checkErasure(body);
			const result = await erase(await deps.db(), request, c.get('principal'), c.env?.ip ?? null);
			return c.json(result);
		} catch (e) {
			if (e instanceof ErasureError) throw new HTTPException(e.status, { message: e.message });
			throw e;
		}
	});
}
