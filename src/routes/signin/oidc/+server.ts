import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { beginSignIn, OIDC_COOKIE, oidcSettings } from '$lib/server/auth/oidc';
import { nextPath } from '$lib/server/auth/next-path';
import { oidcRedirectUri } from '$lib/server/auth/oidc-routes';
import { servedOverTls } from '$lib/server/security/request-guard';

/** Leaves for the provider's sign-in; what to check on return waits in a short-lived httpOnly cookie. */
export const GET: RequestHandler = async ({ url, cookies }) => {
	const settings = oidcSettings();
	if (!settings) redirect(303, '/signin');
	let target: URL;
	try {
		const begun = await beginSignIn(settings, oidcRedirectUri(url), nextPath(url.searchParams.get('next')));
		cookies.set(OIDC_COOKIE, Buffer.from(JSON.stringify(begun.pending)).toString('base64url'), {
			path: '/signin/oidc',
			httpOnly: true,
			sameSite: 'lax',
			secure: servedOverTls({ url }),
			maxAge: 600
		});
		target = begun.url;
	} catch (e) {
		console.error('[deskpulse] single sign-on: the provider did not answer', e);
		redirect(303, '/signin?sso=unavailable');
	}
	redirect(303, target.href);
};
