import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE, SESSION_MAX_MS } from './sessions';
import { servedOverTls } from '../security/request-guard';

/**
 * The session cookie: httpOnly (no script reads it), SameSite=Lax (another site's page cannot
 * send it with a POST), Secure when the server is reached over TLS, for the whole site.
 */
export function setSessionCookie(cookies: Cookies, value: string, url: URL): void {
	cookies.set(SESSION_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure: servedOverTls({ url }), maxAge: Math.floor(SESSION_MAX_MS / 1000) });
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: servedOverTls({ url }) });
}
