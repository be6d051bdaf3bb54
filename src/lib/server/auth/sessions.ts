import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import type { Principal, Role } from '../../roles';
import { newSecret, secretHash, TOUCH_EVERY_MS } from './secrets';

export const SESSION_COOKIE = 'deskpulse_session';

/**
 * A session ends after this long without a request (a laptop left open overnight), and in any
 * case this long after sign-in; either way the user signs in again.
 */
export const SESSION_IDLE_MS = minutesFromEnv('DESKPULSE_SESSION_IDLE_MINUTES', 12 * 60) * 60_000;
export const SESSION_MAX_MS = minutesFromEnv('DESKPULSE_SESSION_MAX_MINUTES', 14 * 24 * 60) * 60_000;


function minutesFromEnv(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * Starts a session for a user who just proved who they are, and returns the cookie's value.
 * A new value every sign-in (never the one the browser brought), so a value planted before
 * sign-in is worth nothing after it; `replaces` is that earlier session, ended here.
 */
export async function startSession(
	db: Database,
	userId: number,
	meta: { ip?: string | null; userAgent?: string | null; replaces?: string | null } = {},
	now = new Date()
): Promise<string> {
	const secret = newSecret();
	await db.transaction(async (c) => {
		if (meta.replaces) await c.run(sqlText('auth/delete_session'), { session_hash: secretHash(meta.replaces) });
		await c.run(sqlText('auth/delete_expired_sessions'), { now: now.toISOString(), idle_since: new Date(now.getTime() - SESSION_IDLE_MS).toISOString() });
		await c.run(sqlText('auth/insert_session'), {
			session_hash: secretHash(secret),
			user_id: userId,
			now: now.toISOString(),
			expires_at: new Date(now.getTime() + SESSION_MAX_MS).toISOString(),
			ip: meta.ip ?? null,
			user_agent: (meta.userAgent ?? '').slice(0, 300) || null
		});
	});
	return secret;
}

/** The signed-in user of a cookie's value, or null (unknown, expired, idle too long, user removed). */
export async function sessionPrincipal(db: Database, cookie: string | undefined | null, now = new Date()): Promise<(Principal & { userId: number }) | null> {
	if (!cookie || cookie.length > 100) return null;
	const sessionHash = secretHash(cookie);
	const [row] = await db.query(sqlText('auth/find_session'), {
		session_hash: sessionHash,
		now: now.toISOString(),
		idle_since: new Date(now.getTime() - SESSION_IDLE_MS).toISOString()
	});
	if (!row) return null;
	if (now.getTime() - new Date(String(row.last_seen_at)).getTime() > TOUCH_EVERY_MS) {
		await db.query(sqlText('auth/touch_session'), { session_hash: sessionHash, now: now.toISOString() });
	}
	const userId = Number(row.user_id);
	return { kind: 'user', id: String(userId), name: String(row.email), role: row.role as Role, userId };
}

/** Ends one session (sign-out). */
export async function endSession(db: Database, cookie: string): Promise<void> {
	await db.query(sqlText('auth/delete_session'), { session_hash: secretHash(cookie) });
}

/** Ends every session of a user (sign-out everywhere). */
export async function endUserSessions(db: Database, userId: number): Promise<void> {
	await db.query(sqlText('auth/delete_user_sessions'), { user_id: userId });
}
