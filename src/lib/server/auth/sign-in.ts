import type { Database } from '../db/database';
import { recordAudit } from './audit';
import { passwordMatches } from './passwords';
import { SignInLimiter } from './rate-limit';
import { startSession } from './sessions';
import { findUser } from './users';

/** One limiter per server process (it owns the database). */
export const signInLimiter = new SignInLimiter();

export type SignInOutcome =
	| { ok: true; cookie: string; email: string }
	| { ok: false; status: 400 | 429; message: string; retryAfter?: number };

/**
 * Checks an email and password, and starts a session (a new cookie value, the one the browser
 * brought ended). Failures are counted per address and email, and answered alike whether the
 * email exists or not; both outcomes go to the audit log.
 */
export async function signIn(
	db: Database,
	input: { email: string; password: string; ip: string; userAgent?: string | null; previous?: string | null },
	limiter = signInLimiter
): Promise<SignInOutcome> {
	const email = input.email.trim().toLowerCase();
	const wait = limiter.retryAfter(input.ip, email);
	if (wait > 0) {
		await recordAudit(db, { actor: null, action: 'sign-in-refused', subject: email, detail: { retry_after_s: wait }, ip: input.ip });
		return { ok: false, status: 429, message: `Too many failed sign-ins: try again in ${Math.ceil(wait / 60)} minute(s).`, retryAfter: wait };
	}
	const user = email ? await findUser(db, { email }) : null;
	const matches = await passwordMatches(user?.password_hash ?? null, input.password);
	if (!user || !matches) {
		limiter.failed(input.ip, email);
		await recordAudit(db, { actor: null, action: 'sign-in-failed', subject: email || null, ip: input.ip });
		return { ok: false, status: 400, message: 'That email and password do not match an account.' };
	}
	limiter.succeeded(email);
	const cookie = await startSession(db, user.user_id, { ip: input.ip, userAgent: input.userAgent, replaces: input.previous });
	await recordAudit(db, { actor: { kind: 'user', id: String(user.user_id), name: user.email, role: user.role }, action: 'sign-in', subject: user.email, ip: input.ip });
	return { ok: true, cookie, email: user.email };
}
