/**
 * Links in a sent message: absolute, to the server's public address (DESKPULSE_PUBLIC_URL, as
 * behind a reverse proxy; else the address the server binds). A link carries a view's filters
 * and its as_of, never a credential: with sign-in on, the page asks the recipient to sign in
 * and then opens the same view.
 */
export function publicBaseUrl(): string {
	const configured = process.env.DESKPULSE_PUBLIC_URL?.trim();
	if (configured) {
		try {
			return new URL(configured).origin;
		} catch {
			// Malformed: bin/start.js says so at start; fall back to the bound address.
		}
	}
	const host = process.env.HOST || '127.0.0.1';
	return `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${process.env.PORT || '3000'}`;
}

/** `path` (with its query) as an absolute link on the public address. */
export function absoluteUrl(path: string): string {
	return new URL(path, publicBaseUrl()).href;
}
