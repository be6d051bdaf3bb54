// How deskpulse learns where a request came from, for bin/start.js. adapter-node builds a
// request's URL from ORIGIN, else from PROTOCOL_HEADER and the Host header, and its client
// address (event.getClientAddress(): rate limits, the audit log) from ADDRESS_HEADER and
// XFF_DEPTH, else from the socket. Forwarded headers are believed only when the operator says
// a proxy in front sets them (DESKPULSE_TRUST_PROXY=1, or the adapter-node variables named
// directly): otherwise any client could claim https, or another client's address.

const TRUE = new Set(['1', 'true', 'on', 'yes']);

/**
 * The adapter-node variables to set (only those the environment leaves unset), how each
 * request's X-Forwarded-* headers are to be treated, and warnings for the operator.
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ set: Record<string, string>, trustForwarded: boolean, fillForwardedFor: boolean, warnings: string[] }}
 */
export function proxySettings(env) {
	/** @type {Record<string, string>} */
	const set = {};
	const warnings = [];
	if (env.DESKPULSE_PUBLIC_URL && !env.ORIGIN) {
		let url = null;
		try {
			url = new URL(env.DESKPULSE_PUBLIC_URL);
		} catch {
			warnings.push(`DESKPULSE_PUBLIC_URL "${env.DESKPULSE_PUBLIC_URL}" is not a URL (write it as https://deskpulse.example.com): ignored.`);
		}
		if (url && url.protocol !== 'http:' && url.protocol !== 'https:') {
			warnings.push(`DESKPULSE_PUBLIC_URL must start with https:// or http://, got "${env.DESKPULSE_PUBLIC_URL}": ignored.`);
			url = null;
		}
		if (url) {
			// Every request's URL is then the public one, whatever the last hop said: links,
			// the form-post origin check and Secure cookies follow what the browser sees.
			set.ORIGIN = url.origin;
			if (url.pathname !== '/') warnings.push(`DESKPULSE_PUBLIC_URL has the path "${url.pathname}": deskpulse is served at the root of its host, so the path is ignored.`);
		}
	}
	const trustProxy = TRUE.has((env.DESKPULSE_TRUST_PROXY ?? '').trim().toLowerCase());
	if (trustProxy) {
		if (!env.PROTOCOL_HEADER) set.PROTOCOL_HEADER = 'x-forwarded-proto';
		if (!env.ADDRESS_HEADER) set.ADDRESS_HEADER = 'x-forwarded-for';
	} else if (!env.PROTOCOL_HEADER) {
		// bin/start.js serves plain HTTP: each request says so (see trustForwarded).
		set.PROTOCOL_HEADER = 'x-forwarded-proto';
	}
	const addressHeader = (env.ADDRESS_HEADER || set.ADDRESS_HEADER || '').toLowerCase();
	return {
		set,
		// The operator trusts the proto header when they asked for the proxy to be trusted or
		// named the header themselves; otherwise it is overwritten with the truth: http.
		trustForwarded: trustProxy || !!env.PROTOCOL_HEADER,
		// A request that reaches the server directly, not through the proxy, carries no
		// X-Forwarded-For: its socket address stands in, so reading the address cannot fail.
		fillForwardedFor: addressHeader === 'x-forwarded-for',
		warnings
	};
}

/**
 * Sets a request's X-Forwarded-Proto (and X-Forwarded-For when it is the address header)
 * before adapter-node reads them.
 * @param {import('node:http').IncomingMessage} req
 * @param {{ trustForwarded: boolean, fillForwardedFor: boolean }} settings
 */
export function prepareForwardedHeaders(req, settings) {
	if (!settings.trustForwarded || !req.headers['x-forwarded-proto']) req.headers['x-forwarded-proto'] = 'http';
	if (settings.fillForwardedFor && !req.headers['x-forwarded-for']) req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
}
