import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { signIn } from '$lib/server/auth/sign-in';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { authMode } from '$lib/server/auth/mode';
import { nextPath } from '$lib/server/auth/next-path';
import { oidcSettings } from '$lib/server/auth/oidc';

/** Why single sign-on sent the reader back here, in fixed words (never text from the URL). */
const SSO_PROBLEMS: Record<string, string> = {
	failed: 'The sign-in with your provider did not complete: try again.',
	unverified: 'Your provider did not vouch for a verified email address, which deskpulse needs to know who you are.',
	'no-account': 'Your provider knows you, but you have no deskpulse account yet: ask an admin to add you.',
	unavailable: 'Single sign-on is not available right now (the provider did not answer): try again, or use a password.'
};

export const load: PageServerLoad = ({ url, locals }) => {
	if (locals.principal?.kind === 'user') redirect(303, nextPath(url.searchParams.get('next')));
	const sso = oidcSettings();
	return {
		next: nextPath(url.searchParams.get('next')),
		required: authMode().required,
		sso: sso ? { label: sso.label } : null,
		ssoProblem: SSO_PROBLEMS[url.searchParams.get('sso') ?? ''] ?? null
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '');
		const password = String(form.get('password') ?? '');
		const outcome = await signIn(await appDatabase(), {
			email,
			password,
			ip: getClientAddress(),
			userAgent: request.headers.get('user-agent'),
			previous: cookies.get(SESSION_COOKIE) ?? null
		});
		if (!outcome.ok) {
			if (outcome.retryAfter) setHeaders({ 'retry-after': String(outcome.retryAfter) });
			return fail(outcome.status, { email, message: outcome.message });
		}
		setSessionCookie(cookies, outcome.cookie, url);
		redirect(303, nextPath(url.searchParams.get('next')));
	}
};
