import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { isRole, type Principal, type Role } from '../../roles';
import { newSecret, secretHash, TOUCH_EVERY_MS } from './secrets';
import { UserError } from './users';

/** Every token starts so: a leaked one is recognisable in logs and by secret scanners. */
const TOKEN_PREFIX = 'dpt_';

export interface CreatedToken {
	token_id: number;
	name: string;
	role: Role;
	/** The secret, shown once: only its hash is kept. */
	token: string;
}

/** Creates an API token for scripts and the CLI; the secret is returned once and never stored. */
export async function createToken(db: Database, input: { name: string; role: string; createdBy?: string | null }, now = new Date()): Promise<CreatedToken> {
	const name = input.name.trim();
	if (!/^[\p{L}\p{N} ._@-]{1,60}$/u.test(name)) throw new UserError('a token name has 1 to 60 letters, digits, spaces, . _ @ or -');
	if (!isRole(input.role)) throw new UserError(`role must be viewer, analyst or admin, got "${input.role}"`);
	const token = TOKEN_PREFIX + newSecret();
	const [row] = await db.query(sqlText('auth/insert_token'), {
		name,
		role: input.role,
		token_hash: secretHash(token),
		prefix: token.slice(0, TOKEN_PREFIX.length + 6),
		created_by: input.createdBy ?? null,
		now: now.toISOString()
	});
	return { token_id: Number(row.token_id), name, role: input.role, token };
}

/** The caller of a bearer token, or null for an unknown or revoked one. */
export async function tokenPrincipal(db: Database, token: string, now = new Date()): Promise<Principal | null> {
	if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
	const [row] = await db.query(sqlText('auth/find_token'), { token_hash: secretHash(token) });
	if (!row) return null;
	// A script calls many times a minute: when it was last used is written once a minute at most.
	if (row.last_used_at === null || now.getTime() - new Date(String(row.last_used_at)).getTime() > TOUCH_EVERY_MS) {
		await db.query(sqlText('auth/touch_token'), { token_id: row.token_id as number, now: now.toISOString() });
	}
	return { kind: 'token', id: String(row.token_id), name: `token ${row.name}`, role: row.role as Role };
}

export function listTokens(db: Database, all = false) {
	return db.query(sqlText('auth/list_tokens'), { all });
}

/** Revokes a token: the next request with it is refused. */
export async function revokeToken(db: Database, tokenId: number, now = new Date()): Promise<{ token_id: number; name: string }> {
	const [row] = await db.query(sqlText('auth/revoke_token'), { token_id: tokenId, now: now.toISOString() });
	if (!row) throw new UserError(`no active token ${tokenId}`);
	return { token_id: Number(row.token_id), name: String(row.name) };
}
