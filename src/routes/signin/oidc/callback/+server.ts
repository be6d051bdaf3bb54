import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { finishSignIn, OIDC_COOKIE, OidcError, oidcSettings } from '$lib/server/auth/oidc';
import { oidcRedirectUri, pendingOf } from '$lib/server/auth/oidc-routes';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { nextPath } from '$lib/server/auth/next-path';
import { servedOverTls } from '$lib/server/security/request-guard';

/** The provider sent the browser back: finish the sign-in, or say on the sign-in page why not. */
export const GET: RequestHandler = async ({ url, cookies, request, getClientAddress }) => {
	const settings = oidcSettings();
	const pending = pendingOf(cookies.get(OIDC_COOKIE));
	cookies.delete(OIDC_COOKIE, { path: '/signin/oidc', httpOnly: true, sameSite: 'lax', secure: servedOverTls({ url }) });
	if (!settings || !pending) redirect(303, '/signin?sso=failed');
	// The callback as registered with the provider (behind a proxy, the public address), with the provider's parameters.
	const callback = new URL(oidcRedirectUri(url));
	callback.search = url.search;
	let signedIn: { cookie: string };
	try {
		signedIn = await finishSignIn(await appDatabase(), settings, callback, pending, {
			ip: getClientAddress(),
			userAgent: request.headers.get('user-agent'),
			previous: cookies.get(SESSION_COOKIE) ?? null
		});
	} catch (e) {
		if (!(e instanceof OidcError)) throw e;
		redirect(303, `/signin?sso=${e.reason}`);
	}
	setSessionCookie(cookies, signedIn.cookie, url);
	redirect(303, nextPath(pending.next));
};
