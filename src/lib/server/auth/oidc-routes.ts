import type { OidcPending } from './oidc';

/** The address the provider sends the browser back to: registered with the provider as is. */
export function oidcRedirectUri(url: URL): string {
	return new URL('/signin/oidc/callback', process.env.DESKPULSE_PUBLIC_URL || url.origin).href;
}

/** The pending sign-in the cookie holds, or null when it is missing or not one. */
export function pendingOf(cookie: string | undefined): OidcPending | null {
	if (!cookie) return null;
	try {
		const p = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')) as Partial<OidcPending>;
		return typeof p.verifier === 'string' && typeof p.state === 'string' && typeof p.nonce === 'string' && typeof p.next === 'string' ? (p as OidcPending) : null;
	} catch {
		return null;
	}
}
