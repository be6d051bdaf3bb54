import type { Database } from '../db/database';
import type { Principal } from '../../roles';
import { authMode } from './mode';
import { sessionPrincipal, SESSION_COOKIE } from './sessions';
import { tokenPrincipal } from './tokens';
import { ownerSecretMatches } from '../db/owner';

/** Single-user mode's one user: the person at this machine, with every right. */
export const LOCAL_ADMIN: Principal = Object.freeze({ kind: 'local', id: 'local', name: 'local user', role: 'admin' });

/** The CLI on the server's own machine: it read the owner file beside the database, as good as having the file. */
export const CLI_ADMIN: Principal = Object.freeze({ kind: 'cli', id: 'cli', name: 'cli', role: 'admin' });


export interface Credentials {
	authorization: string | null;
	ownerSecret: string | null;
	sessionCookie: string | null;
}

/**
 * Who is calling, from the request's credentials, in this order: the CLI's owner secret, an
 * API token (`Authorization: Bearer`), a session cookie. A credential that is present but
 * wrong is not passed over for a weaker one: the caller is then nobody. In single-user mode a
 * request without credentials is the local user.
 */
export async function resolvePrincipal(db: Database, creds: Credentials, required = authMode().required): Promise<Principal | null> {
	if (creds.ownerSecret) return ownerSecretMatches(creds.ownerSecret) ? CLI_ADMIN : null;
	const bearer = /^Bearer\s+(\S+)$/i.exec(creds.authorization ?? '');
	if (creds.authorization) return bearer ? tokenPrincipal(db, bearer[1]) : null;
	if (creds.sessionCookie) {
		const user = await sessionPrincipal(db, creds.sessionCookie);
		if (user) return user;
	}
	return required ? null : LOCAL_ADMIN;
}

