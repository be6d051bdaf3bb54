import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { isRole, type Role } from '../../roles';
import { hashPassword, passwordProblem } from './passwords';
import { newSecret, secretHash } from './secrets';

export interface User {
	user_id: number;
	email: string;
	role: Role;
}

export class UserError extends Error {}

/** An email as stored: trimmed, lower-case; a plain shape check (the mail server is the real test). */
export function normalEmail(email: string): string {
	const e = email.trim().toLowerCase();
	if (!/^[^\s@]+@[^\s@]+$/.test(e) || e.length > 254) throw new UserError(`"${email}" is not an email address`);
	return e;
}

function roleOf(role: string): Role {
	if (!isRole(role)) throw new UserError(`role must be viewer, analyst or admin, got "${role}"`);
	return role;
}

export async function findUser(db: Database, by: { id?: number; email?: string }): Promise<(User & { password_hash: string | null }) | null> {
	const [row] = await db.query(sqlText('auth/find_user'), { user_id: by.id ?? null, email: by.email ? by.email.trim().toLowerCase() : null });
	return (row as unknown as User & { password_hash: string | null }) ?? null;
}

/** Adds a user, with a password or (none given) without one until a one-time link sets it. */
export async function addUser(db: Database, input: { email: string; role: string; password?: string | null }, now = new Date()): Promise<User> {
	const email = normalEmail(input.email);
	const role = roleOf(input.role);
	if (await findUser(db, { email })) throw new UserError(`a user ${email} exists already`);
	let hash: string | null = null;
	if (input.password != null) {
		const problem = passwordProblem(input.password);
		if (problem) throw new UserError(problem);
		hash = await hashPassword(input.password);
	}
	const [row] = await db.query(sqlText('auth/add_user'), { email, role, password_hash: hash, now: now.toISOString() });
	return row as unknown as User;
}

export async function listUsers(db: Database, now = new Date()) {
	return db.query(sqlText('auth/list_users'), { now: now.toISOString() });
}

export async function userCounts(db: Database): Promise<{ users: number; admins: number }> {
	const [row] = await db.query<{ users: number; admins: number }>(sqlText('auth/count_users'));
	return { users: Number(row.users), admins: Number(row.admins) };
}

async function existing(db: Database, email: string): Promise<User> {
	const user = await findUser(db, { email });
	if (!user) throw new UserError(`no user ${email.trim().toLowerCase()}`);
	return user;
}

/** The last admin cannot be removed or demoted: nobody could manage users afterwards. */
async function keepAnAdmin(db: Database, user: User): Promise<void> {
	if (user.role === 'admin' && (await userCounts(db)).admins <= 1) throw new UserError(`${user.email} is the only admin: make another user admin first`);
}

/** Changes a user's role; their sessions end, so the new role applies from the next sign-in. */
export async function setRole(db: Database, email: string, role: string): Promise<User> {
	const user = await existing(db, email);
	const next = roleOf(role);
	if (next !== 'admin') await keepAnAdmin(db, user);
	await db.transaction(async (c) => {
		await c.run(sqlText('auth/set_role'), { user_id: user.user_id, role: next });
		await c.run(sqlText('auth/delete_user_sessions'), { user_id: user.user_id });
	});
	return { ...user, role: next };
}

/** Removes a user: they can no longer sign in and their sessions end; the audit log keeps their name. */
export async function removeUser(db: Database, email: string, now = new Date()): Promise<User> {
	const user = await existing(db, email);
	await keepAnAdmin(db, user);
	await db.transaction(async (c) => {
		await c.run(sqlText('auth/delete_user_sessions'), { user_id: user.user_id });
		await c.run(sqlText('auth/remove_user'), { user_id: user.user_id, now: now.toISOString() });
	});
	return user;
}

/** Sets a password (checked for length); every session of the user ends. */
export async function setPassword(db: Database, userId: number, password: string): Promise<void> {
	const problem = passwordProblem(password);
	if (problem) throw new UserError(problem);
	const hash = await hashPassword(password);
	await db.transaction(async (c) => {
		await c.run(sqlText('auth/set_password'), { user_id: userId, password_hash: hash });
		await c.run(sqlText('auth/delete_user_sessions'), { user_id: userId });
	});
}

/** How long a one-time link works. */
export const LINK_HOURS = 72;

export type LinkPurpose = 'setup' | 'set-password';

/**
 * A one-time link's secret: `setup` creates the first admin (no user yet), `set-password`
 * lets a new user choose their password. Only its hash is stored.
 */
export async function createLink(db: Database, purpose: LinkPurpose, userId: number | null, now = new Date()): Promise<string> {
	const secret = newSecret();
	await db.query(sqlText('auth/insert_link'), {
		link_hash: secretHash(secret),
		user_id: userId,
		purpose,
		now: now.toISOString(),
		expires_at: new Date(now.getTime() + LINK_HOURS * 3600_000).toISOString()
	});
	return secret;
}

/** The link of a secret, if it is unused and unexpired (not spent by looking). */
export async function findLink(db: Database, secret: string, now = new Date()): Promise<{ purpose: LinkPurpose; user_id: number | null } | null> {
	const [row] = await db.query(sqlText('auth/find_link'), { link_hash: secretHash(secret), now: now.toISOString() });
	return row ? { purpose: row.purpose as LinkPurpose, user_id: row.user_id as number | null } : null;
}

/**
 * Spends a link and does what it is for, in one transaction: a second use, or two at once,
 * finds it spent. Returns the user who may now sign in.
 */
export async function useLink(db: Database, secret: string, input: { email?: string; password: string }, now = new Date()): Promise<User> {
	const problem = passwordProblem(input.password);
	if (problem) throw new UserError(problem);
	const hash = await hashPassword(input.password);
	return db.transaction(async (c) => {
		const [link] = await c.query(sqlText('auth/use_link'), { link_hash: secretHash(secret), now: now.toISOString() });
		if (!link) throw new UserError('this link has been used or has expired: ask an admin for a new one');
		if (link.purpose === 'setup') {
			const [{ users }] = await c.query<{ users: number }>(sqlText('auth/count_users'));
			if (Number(users) > 0) throw new UserError('deskpulse has users already: sign in, or ask an admin');
			const email = normalEmail(input.email ?? '');
			const [row] = await c.query(sqlText('auth/add_user'), { email, role: 'admin', password_hash: hash, now: now.toISOString() });
			return row as unknown as User;
		}
		const userId = link.user_id as number;
		const [user] = await c.query(sqlText('auth/find_user'), { user_id: userId, email: null });
		if (!user) throw new UserError('this link\'s user has been removed');
		await c.run(sqlText('auth/set_password'), { user_id: userId, password_hash: hash });
		await c.run(sqlText('auth/delete_user_sessions'), { user_id: userId });
		return { user_id: userId, email: user.email as string, role: user.role as Role };
	});
}
