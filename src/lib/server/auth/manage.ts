import type { Database } from '../db/database';
import type { Principal } from '../../roles';
import { recordAudit } from './audit';
import { addUser, createLink, removeUser, setRole, type User } from './users';
import { createToken, revokeToken, type CreatedToken } from './tokens';

/**
 * The user and token changes, each with its audit entry: one place for the admin pages, the
 * API and the CLI, so none of them changes an account without a record of who did it.
 */
export interface Actor {
	principal: Principal;
	ip?: string | null;
}

/** A new user; without a password, the answer holds a one-time link's secret to choose one. */
export async function addUserAudited(db: Database, actor: Actor, input: { email: string; role: string; password?: string | null }): Promise<{ user: User; linkSecret: string | null }> {
	const user = await addUser(db, input);
	const linkSecret = input.password == null ? await createLink(db, 'set-password', user.user_id) : null;
	await recordAudit(db, { actor: actor.principal, action: 'user-add', subject: user.email, detail: { role: user.role, password: input.password == null ? 'one-time link' : 'set' }, ip: actor.ip });
	return { user, linkSecret };
}

/** A new one-time link for an existing user (a forgotten password): their sessions stay until it is used. */
export async function newLinkAudited(db: Database, actor: Actor, user: User): Promise<string> {
	const secret = await createLink(db, 'set-password', user.user_id);
	await recordAudit(db, { actor: actor.principal, action: 'user-link', subject: user.email, ip: actor.ip });
	return secret;
}

export async function setRoleAudited(db: Database, actor: Actor, email: string, role: string): Promise<User> {
	const user = await setRole(db, email, role);
	await recordAudit(db, { actor: actor.principal, action: 'user-set-role', subject: user.email, detail: { role }, ip: actor.ip });
	return user;
}

export async function removeUserAudited(db: Database, actor: Actor, email: string): Promise<User> {
	const user = await removeUser(db, email);
	await recordAudit(db, { actor: actor.principal, action: 'user-remove', subject: user.email, ip: actor.ip });
	return user;
}

export async function createTokenAudited(db: Database, actor: Actor, input: { name: string; role: string }): Promise<CreatedToken> {
	const token = await createToken(db, { ...input, createdBy: actor.principal.name });
	await recordAudit(db, { actor: actor.principal, action: 'token-create', subject: token.name, detail: { token_id: token.token_id, role: token.role }, ip: actor.ip });
	return token;
}

export async function revokeTokenAudited(db: Database, actor: Actor, tokenId: number): Promise<{ token_id: number; name: string }> {
	const token = await revokeToken(db, tokenId);
	await recordAudit(db, { actor: actor.principal, action: 'token-revoke', subject: token.name, detail: { token_id: token.token_id }, ip: actor.ip });
	return token;
}

/** The address a one-time link opens: the public URL when set, else the server's own. */
export function linkUrl(secret: string, base: string): string {
	return new URL(`/setup/${secret}`, process.env.DESKPULSE_PUBLIC_URL || base).href;
}
