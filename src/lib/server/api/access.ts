import type { MiddlewareHandler } from 'hono';
import { roleAtLeast, type Principal, type Role } from '../../roles';

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
 * The role an endpoint needs, declared on the route itself: 401 without a credential, 403
 * with one whose role is below it. Sets `principal` for the handler (audit entries name it).
 */
export function needs(role: Role): MiddlewareHandler<ApiEnv> {
	return async (c, next) => {
		const principal = c.env?.principal ?? null;
		if (!principal) return c.json({ error: { message: 'sign in first: send a session cookie or an API token (Authorization: Bearer ...)' } }, 401);
		if (!roleAtLeast(principal.role, role)) return c.json({ error: { message: `this needs the ${role} role; you have ${principal.role}` } }, 403);
		c.set('principal', principal);
		await next();
	};
}
