import type { Database } from '../db/database';
import type { Row } from '../db/values';
import { sqlText } from '../db/sql-files';

/** The most recent import runs, newest first. */
export function listImportRuns(db: Database, limit = 100): Promise<Row[]> {
	return db.query(sqlText('ingest/list_import_runs'), { limit });
}

export interface ImportRunDetail {
	run: Row;
	/** Rejected rows by reason, and the rejected rows' problems (up to `limit`). */
	reject_reasons: Row[];
	rejects: Row[];
	/** Kept rows' adjusted values by column and rule, and the values themselves (up to `limit`). */
	adjustment_reasons: Row[];
	adjustments: Row[];
}

/** One run with its rejected rows and adjusted values (up to `limit` each), or null when there is no such run. */
export async function getImportRun(db: Database, runId: number, limit = 1000): Promise<ImportRunDetail | null> {
	const [run] = await db.query(sqlText('ingest/get_import_run'), { run_id: runId });
	if (!run) return null;
	const params = { run_id: runId, limit };
	const [reject_reasons, rejects, adjustment_reasons, adjustments] = await Promise.all([
		db.query(sqlText('ingest/reject_reasons'), params),
		db.query(sqlText('ingest/import_run_rejects'), params),
		db.query(sqlText('ingest/adjustment_reasons'), params),
		db.query(sqlText('ingest/import_run_adjustments'), params)
	]);
	return { run, reject_reasons, rejects, adjustment_reasons, adjustments };
}
