import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { signIn } from '$lib/server/auth/sign-in';
import { setSessionCookie, overTls } from '$lib/server/auth/cookies';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { authMode } from '$lib/server/auth/mode';

/** Where to go after signing in: a path on this site only (never another host). */
function nextPath(value: string | null): string {
	return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

export const load: PageServerLoad = ({ url, locals }) => {
	if (locals.principal?.kind === 'user') redirect(303, nextPath(url.searchParams.get('next')));
	return { next: nextPath(url.searchParams.get('next')), required: authMode().required };
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
		setSessionCookie(cookies, outcome.cookie, overTls(url));
		redirect(303, nextPath(url.searchParams.get('next')));
	}
};
