import type { Database } from '../../src/lib/server/db/database';
import { runChecks } from '../../src/lib/server/db/integrity';

/** Runs every sql/checks/ query; returns the ones that found rows, with a few of them. */
export async function failingChecks(db: Database): Promise<Record<string, unknown[]>> {
	const failing: Record<string, unknown[]> = {};
	for (const check of await runChecks(db)) if (check.failing > 0) failing[`checks/${check.name}`] = check.sample;
	return failing;
}
