import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { endUserSessions, SESSION_COOKIE, startSession } from '$lib/server/auth/sessions';
import { clearSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { recordAudit } from '$lib/server/auth/audit';
import { findUser, setPassword, UserError } from '$lib/server/auth/users';
import { passwordMatches, MIN_PASSWORD_LENGTH } from '$lib/server/auth/passwords';
import { authMode } from '$lib/server/auth/mode';

export const load: PageServerLoad = ({ locals }) => ({ minLength: MIN_PASSWORD_LENGTH, required: authMode().required, kind: locals.principal?.kind ?? null });

/** The signed-in user's id, or a 400 for callers that are not a user (single-user mode, a token). */
function userId(locals: App.Locals): number | null {
	return locals.principal?.kind === 'user' ? Number(locals.principal.id) : null;
}

export const actions: Actions = {
	/** Ends every session of this user, this browser's too. */
	everywhere: async ({ locals, cookies, url, getClientAddress }) => {
		const id = userId(locals);
		if (id === null) return fail(400, { message: 'Only a signed-in user has sessions to end.' });
		const db = await appDatabase();
		await endUserSessions(db, id);
		await recordAudit(db, { actor: locals.principal, action: 'sign-out-everywhere', subject: locals.principal!.name, ip: getClientAddress() });
		clearSessionCookie(cookies, url);
		redirect(303, '/signin');
	},
	/** A new password ends every other session; this browser gets a new one. */
	password: async ({ locals, request, cookies, url, getClientAddress }) => {
		const id = userId(locals);
		if (id === null) return fail(400, { message: 'Only a signed-in user has a password.' });
		const form = await request.formData();
		const current = String(form.get('current') ?? '');
		const next = String(form.get('password') ?? '');
		if (next !== String(form.get('confirm') ?? '')) return fail(400, { message: 'The two new passwords differ.' });
		const db = await appDatabase();
		const user = await findUser(db, { id });
		if (!user || !(await passwordMatches(user.password_hash, current))) return fail(400, { message: 'The current password is not right.' });
		try {
			await setPassword(db, id, next);
		} catch (e) {
			if (e instanceof UserError) return fail(400, { message: e.message });
			throw e;
		}
		await recordAudit(db, { actor: locals.principal, action: 'password-set', subject: user.email, ip: getClientAddress() });
		const cookie = await startSession(db, id, { ip: getClientAddress(), userAgent: request.headers.get('user-agent'), replaces: cookies.get(SESSION_COOKIE) ?? null });
		setSessionCookie(cookies, cookie, url);
		return { changed: true };
	}
};
