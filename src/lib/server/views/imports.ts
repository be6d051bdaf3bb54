import type { Database } from '../db/database';
import { ADAPTERS } from '../ingest/adapters';
import { listImportRuns } from '../ingest/runs';
import { uploadMaxBytes } from '../ingest/upload';
import { computeReconcile } from '../metrics/reconcile';
import type { ImportRunRow } from '../../import-runs';

/** Runs the history lists; older ones stay in the database and GET /api/v1/imports?limit=. */
const RUNS_SHOWN = 200;

/** The imports page: the run history, the upload form's choices and the reconciliation with the vendor. */
export async function importsView(db: Database, _search: URLSearchParams) {
	const rows = await listImportRuns(db, RUNS_SHOWN);
	const runs: ImportRunRow[] = rows.map((r) => ({
		run_id: r.run_id as number,
		source: r.source as string,
		adapter: r.adapter as string,
		entity: (r.entity as string | null) ?? null,
		file_name: r.file_name as string,
		status: r.status as string,
		rows_read: r.rows_read as number,
		rows_accepted: r.rows_accepted as number,
		rows_rejected: r.rows_rejected as number,
		rows_adjusted: (r.rows_adjusted as number | null) ?? 0,
		error: (r.error as string | null) ?? null,
		started_at: r.started_at as string,
		finished_at: (r.finished_at as string | null) ?? null
	}));
	return {
		runs,
		runsShown: RUNS_SHOWN,
		sources: [{ id: 'auto', label: 'Recognise from the files' }, ...ADAPTERS.map((a) => ({ id: a.id, label: a.label }))],
		maxUploadBytes: uploadMaxBytes(),
		reconcile: await computeReconcile(db, { source: null, toleranceMinutes: 1, limit: 10 })
	};
}
