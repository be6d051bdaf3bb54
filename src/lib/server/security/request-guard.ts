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
	if (env.DESKPULSE_PUBLIC_URL) {
		try {
			hosts.add(new URL(env.DESKPULSE_PUBLIC_URL).hostname.toLowerCase());
		} catch {
			// A malformed public URL adds no host; the server says so where it reads it.
		}
	}
	return { allowedHosts: hosts };
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
	'Content-Security-Policy': "frame-ancestors 'none'",
	'Referrer-Policy': 'same-origin',
	'Cross-Origin-Opener-Policy': 'same-origin'
};
