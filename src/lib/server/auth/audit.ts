import type { Database } from '../db/database';
import type { Row } from '../db/values';
import { sqlText } from '../db/sql-files';
import type { Principal } from '../../roles';

export interface AuditEntry {
	/** Who acted; null for an anonymous caller (a failed sign-in). */
	actor: Principal | null;
	/** sign-in, sign-in-failed, sign-out, import, export, erase, user-add, token-create, ... */
	action: string;
	/** What it acted on: an email, a run id, a file name (never an absolute server path). */
	subject?: string | null;
	/** A few facts worth keeping (counts, a role); never file contents or personal data. */
	detail?: Record<string, unknown> | null;
	ip?: string | null;
}

/** Records one entry in the audit log. */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
	await db.query(sqlText('auth/record_audit'), {
		actor_kind: entry.actor?.kind ?? 'anonymous',
		actor: entry.actor?.name ?? null,
		action: entry.action,
		subject: entry.subject ?? null,
		detail: entry.detail ? JSON.stringify(entry.detail) : null,
		ip: entry.ip ?? null
	});
}

/** The audit log, newest first (`before`: an audit id, for the next page). */
export function listAudit(db: Database, options: { limit?: number; action?: string | null; before?: number | null } = {}): Promise<Row[]> {
	return db.query(sqlText('auth/list_audit'), { limit: options.limit ?? 100, action: options.action ?? null, before: options.before ?? null });
}
