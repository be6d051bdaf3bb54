import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { endSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { recordAudit } from '$lib/server/auth/audit';

// Signing out changes state: only by POST (the header's button); a GET shows the button.
export const load: PageServerLoad = () => ({});

export const actions: Actions = {
	default: async ({ cookies, locals, url, getClientAddress }) => {
		const cookie = cookies.get(SESSION_COOKIE);
		const db = await appDatabase();
		if (cookie) await endSession(db, cookie);
		clearSessionCookie(cookies, url);
		if (locals.principal?.kind === 'user') await recordAudit(db, { actor: locals.principal, action: 'sign-out', subject: locals.principal.name, ip: getClientAddress() });
		redirect(303, '/signin');
	}
};
