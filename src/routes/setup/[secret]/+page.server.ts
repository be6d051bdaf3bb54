import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { findLink, findUser, useLink, UserError } from '$lib/server/auth/users';
import { startSession } from '$lib/server/auth/sessions';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { recordAudit } from '$lib/server/auth/audit';
import { MIN_PASSWORD_LENGTH } from '$lib/server/auth/passwords';

/**
 * A one-time link: the first admin's setup (email and password), or a new user's password.
 * Looking at the page does not spend it; setting the password does.
 */
export const load: PageServerLoad = async ({ params }) => {
	const db = await appDatabase();
	const link = await findLink(db, params.secret);
	if (!link) error(404, 'This link has been used or has expired: ask an admin for a new one.');
	const user = link.user_id === null ? null : await findUser(db, { id: link.user_id });
	return { purpose: link.purpose, email: user?.email ?? null, minLength: MIN_PASSWORD_LENGTH };
};

export const actions: Actions = {
	default: async ({ params, request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const password = String(form.get('password') ?? '');
		const email = String(form.get('email') ?? '');
		if (password !== String(form.get('confirm') ?? '')) return fail(400, { email, message: 'The two passwords differ.' });
		const db = await appDatabase();
		try {
			const user = await useLink(db, params.secret, { email, password });
			const principal = { kind: 'user' as const, id: String(user.user_id), name: user.email, role: user.role };
			await recordAudit(db, { actor: principal, action: 'password-set', subject: user.email, detail: { via: 'one-time link' }, ip: getClientAddress() });
			const cookie = await startSession(db, user.user_id, { ip: getClientAddress(), userAgent: request.headers.get('user-agent') });
			setSessionCookie(cookies, cookie, url);
		} catch (e) {
			if (e instanceof UserError) return fail(400, { email, message: e.message });
			throw e;
		}
		redirect(303, '/');
	}
};
