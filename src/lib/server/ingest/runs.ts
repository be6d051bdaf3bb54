import type { Database } from '../db/database';
import type { Row } from '../db/values';
import { sqlText } from '../db/sql-files';

/** The most recent import runs, newest first. */
export function listImportRuns(db: Database, limit = 100): Promise<Row[]> {
	return db.query(sqlText('ingest/list_import_runs'), { limit });
}

/** One run with its rejected rows (up to `limit`), or null when there is no such run. */
export async function getImportRun(db: Database, runId: number, limit = 1000): Promise<{ run: Row; rejects: Row[] } | null> {
	const [run] = await db.query(sqlText('ingest/get_import_run'), { run_id: runId });
	if (!run) return null;
	const rejects = await db.query(sqlText('ingest/import_run_rejects'), { run_id: runId, limit });
	return { run, rejects };
}
