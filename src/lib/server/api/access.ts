import type { MiddlewareHandler } from 'hono';
import type { Principal } from '../../roles';
import { apiAccess } from '../auth/access';
import { mayAccess } from '../../access';
import { viewerQueryProblem } from '../auth/viewer-limits';

/**
 * The API's Hono environment. The SvelteKit route that mounts the API resolves the caller
 * (session cookie, API token, the CLI's owner secret, or single-user mode) and passes it as the
 * `principal` binding; null means nobody signed in.
 */
export interface ApiEnv {
	Bindings: { principal?: Principal | null; ip?: string | null };
	Variables: { principal: Principal };
}

/**
 * Every API request, before its route: the access its endpoint declares in API_ACCESS
 * (auth/access.ts). An endpoint not declared there is answered as unknown (404): refused by
 * default. `assume` is the caller of an in-process API (tests) that passes no binding.
 */
export function authorize(assume: Principal | null = null): MiddlewareHandler<ApiEnv> {
	return async (c, next) => {
		const url = new URL(c.req.url);
		const access = apiAccess(c.req.method, url.pathname);
		if (access === null) return c.json({ error: { message: `no API route ${c.req.method} ${url.pathname}` } }, 404);
		const principal = c.env && 'principal' in c.env ? (c.env.principal ?? null) : assume;
		if (!mayAccess(principal, access)) {
			if (!principal) return c.json({ error: { message: 'sign in first: send a session cookie or an API token (Authorization: Bearer ...)' } }, 401);
			return c.json({ error: { message: `this needs the ${access} role; you have ${principal.role}` } }, 403);
		}
		const overreach = viewerQueryProblem(principal, url.searchParams);
		if (overreach) return c.json({ error: { message: `figures per ${overreach} name people: they need the analyst role; you have ${principal!.role}` } }, 403);
		if (principal) c.set('principal', principal);
		await next();
	};
}
