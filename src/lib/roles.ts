/**
 * Who may see what. Three roles, each seeing everything the one before it sees:
 * - viewer: dashboards and the weekly review, aggregates only (no subjects, requester or
 *   agent names, no ticket-level list or CSV);
 * - analyst: drill-through, ticket lists and their CSVs;
 * - admin: imports, users, tokens, the quarantine's raw records, the audit log.
 */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` may do what `needed` may. */
export function roleAtLeast(role: Role, needed: Role): boolean {
	return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/**
 * The caller of a request, after sign-in: a user (session cookie), an API token, the CLI on
 * the server's own machine (it proved it can read the database's owner file), or the one
 * local user of single-user mode (loopback, sign-in off).
 */
export interface Principal {
	kind: 'user' | 'token' | 'cli' | 'local';
	/** User id, token id, or 'cli' / 'local'. */
	id: string;
	/** What the audit log and the page header show: an email, a token's name. */
	name: string;
	role: Role;
}
