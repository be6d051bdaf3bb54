import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ApiEnv } from './access';
import type { Actor } from '../auth/manage';

/**
 * What the API's endpoints read from a request alike: who acts (for the audit log) and the
 * JSON object a POST sends.
 */

/** The caller and their address, as the audit log records them. */
export function actorOf(c: Context<ApiEnv>): Actor {
	return { principal: c.get('principal'), ip: c.env?.ip ?? null };
}

/** The body as a JSON object (400 otherwise); `optional`: an empty body is `{}`. */
export async function jsonBody(c: Context<ApiEnv>, { optional = false } = {}): Promise<Record<string, unknown>> {
	const text = await c.req.text();
	if (optional && !text.trim()) return {};
	let body: unknown = null;
	try {
		body = JSON.parse(text);
	} catch {
		// Answered below, as any body that is no object.
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HTTPException(400, { message: 'send a JSON object' });
	return body as Record<string, unknown>;
}
