import type { Database } from '../../src/lib/server/db/database';
import { sqlKeysIn, sqlText } from '../../src/lib/server/db/sql-files';

/** Runs every sql/checks/ query; returns the ones that found rows, with a few of them. */
export async function failingChecks(db: Database): Promise<Record<string, unknown[]>> {
	const failing: Record<string, unknown[]> = {};
	for (const key of sqlKeysIn('checks')) {
		const rows = await db.query(sqlText(key));
		if (rows.length) failing[key] = rows.slice(0, 5);
	}
	return failing;
}
