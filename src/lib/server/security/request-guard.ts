import { isIP } from 'node:net';

/**
 * The first line of defence of a server anyone on the machine (or network) can reach: a
 * request must name this server in its Host header, and a state-changing request from a
 * browser must come from this server's own pages. A page on attacker.example that rebinds
 * its name to 127.0.0.1 (DNS rebinding) sends `Host: attacker.example`; a page elsewhere
 * posting JSON here sends its own Origin. Both are refused before any route runs.
 */
export interface GuardConfig {
	/** Host names (lower case, no port) requests may name. */
	allowedHosts: Set<string>;
	/** DESKPULSE_PUBLIC_URL is https: browsers are told to come back over https only (HSTS). */
	publicHttps: boolean;
}

const LOCAL_NAMES = ['localhost', '127.0.0.1', '::1'];

/**
 * The allowed host names: DESKPULSE_ALLOWED_HOSTS (comma-separated) when set, else the local
 * names, the bound HOST (unless it binds every address) and DESKPULSE_PUBLIC_URL's host. An
 * IP address is always allowed (see hostAllowed).
 */
export function guardConfig(env: NodeJS.ProcessEnv = process.env): GuardConfig {
	const configured = env.DESKPULSE_ALLOWED_HOSTS?.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
	const hosts = new Set(configured?.length ? configured : LOCAL_NAMES);
	const bound = env.HOST?.trim().toLowerCase();
	if (bound && bound !== '0.0.0.0' && bound !== '::') hosts.add(bound);
	const publicUrl = parsedPublicUrl(env);
	if (publicUrl) hosts.add(publicUrl.hostname.toLowerCase());
	return { allowedHosts: hosts, publicHttps: publicUrl?.protocol === 'https:' };
}

/** DESKPULSE_PUBLIC_URL parsed; null when unset or malformed (bin/start.js says so at start). */
function parsedPublicUrl(env: NodeJS.ProcessEnv): URL | null {
	if (!env.DESKPULSE_PUBLIC_URL) return null;
	try {
		return new URL(env.DESKPULSE_PUBLIC_URL);
	} catch {
		return null;
	}
}

/**
 * Whether the browser reached this request over TLS, so a cookie may be marked Secure: the
 * request's URL is https (adapter-node builds it from ORIGIN, which bin/start.js sets from
 * DESKPULSE_PUBLIC_URL, or from a trusted proxy's X-Forwarded-Proto), or the public URL is
 * https (a proxy terminates TLS and forwards plain HTTP on the last hop).
 */
export function servedOverTls(event: { url: URL }, env: NodeJS.ProcessEnv = process.env): boolean {
	return event.url.protocol === 'https:' || parsedPublicUrl(env)?.protocol === 'https:';
}

/** The host name of a Host header, lower case, without port or IPv6 brackets; null when unreadable. */
export function hostName(hostHeader: string | null): string | null {
	if (!hostHeader) return null;
	try {
		return new URL(`http://${hostHeader}`).hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
	} catch {
		return null;
	}
}

/**
 * Whether a request's Host may be served. An IP address always may: DNS rebinding needs the
 * attacker's own name in the Host header, and a server bound to every address is reached by
 * its IP until an operator names it in DESKPULSE_ALLOWED_HOSTS.
 */
export function hostAllowed(hostHeader: string | null, config: GuardConfig): boolean {
	const name = hostName(hostHeader);
	if (name === null) return false;
	return isIP(name) !== 0 || config.allowedHosts.has(name);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request may change state: safe methods always; others when they carry no Origin
 * (the CLI and scripts, which a web page cannot be) or an Origin of this very host. A page
 * on another site, or a sandboxed one (`Origin: null`), is refused whatever the content type:
 * SvelteKit's own check covers form posts only.
 */
export function originAllowed(method: string, origin: string | null, hostHeader: string | null): boolean {
	if (SAFE_METHODS.has(method.toUpperCase()) || origin === null) return true;
	try {
		return origin !== 'null' && new URL(origin).host.toLowerCase() === (hostHeader ?? '').toLowerCase();
	} catch {
		return false;
	}
}

/** Headers every response carries: no sniffing, no framing, no referrer to other sites. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'X-Content-Type-Options': 'nosniff',
	'X-Frame-Options': 'DENY',
	'Referrer-Policy': 'same-origin',
	'Cross-Origin-Opener-Policy': 'same-origin'
};

/**
 * The policy of every response that is not a page (JSON, CSV, Markdown, the refusals): nothing
 * in it may load or run anything. Pages get the policy of svelte.config.js (kit.csp) with
 * kit's nonce for its start-up script.
 */
export const API_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The policy of an HTML document the API serves (the weekly review, format=html): its own
 * <style> element and nothing else, no script at all. Its text is escaped where it is built
 * (src/lib/review/render.ts), so the inline style is the one it was written with.
 */
export const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Browsers that reached the https public URL keep to https for a year, on its subdomains too. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The security headers a response lacks: the fixed ones, HSTS when the public URL is https,
 * and a CSP when kit gave it none (a page has kit's): the document policy for HTML, the API
 * policy for anything else.
 */
export function missingSecurityHeaders(headers: Headers, config: GuardConfig): [string, string][] {
	const wanted: [string, string][] = Object.entries(SECURITY_HEADERS);
	if (config.publicHttps) wanted.push(['Strict-Transport-Security', HSTS]);
	const html = (headers.get('content-type') ?? '').toLowerCase().startsWith('text/html');
	wanted.push(['Content-Security-Policy', html ? DOCUMENT_CSP : API_CSP]);
	return wanted.filter(([name]) => !headers.has(name));
}

/** The response with the security headers it lacks; a response with immutable headers is copied. */
export function withSecurityHeaders(response: Response, config: GuardConfig): Response {
	const missing = missingSecurityHeaders(response.headers, config);
	try {
		for (const [name, value] of missing) response.headers.set(name, value);
		return response;
	} catch {
		// A response with immutable headers (one fetched from elsewhere) is copied to add them.
		const copy = new Response(response.body, response);
		for (const [name, value] of missing) copy.headers.set(name, value);
		return copy;
	}
}
