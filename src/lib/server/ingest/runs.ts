import type { Database } from '../db/database';
import type { Row } from '../db/values';
import { sqlText } from '../db/sql-files';
import { redactColumnValue, redactReason, redactRecord, redactText } from '../privacy/redact';

/** The most recent import runs, newest first. */
export function listImportRuns(db: Database, limit = 100): Promise<Row[]> {
	return db.query(sqlText('ingest/list_import_runs'), { limit });
}

export interface ImportRunDetail {
	run: Row;
	/** Rejected rows by reason, and the rejected rows' problems (up to `limit`). */
	reject_reasons: Row[];
	/** `raw_record` (the row as read) only with `includeRaw`. */
	rejects: Row[];
	/** Kept rows' adjusted values by column and rule, and the values themselves (up to `limit`). */
	adjustment_reasons: Row[];
	adjustments: Row[];
}

export interface ImportRunOptions {
	/** Rejected rows per list (default 1000). */
	limit?: number;
	/**
	 * Whether each rejected row brings its record as read (`raw_record`): every field of the
	 * export's row, personal data included, so only for admins (lib/roles.ts). Default false.
	 */
	includeRaw?: boolean;
}

/**
 * One run with its rejected rows and adjusted values (up to `limit` each), or null when there
 * is no such run. Values and records are shown as DESKPULSE_REDACT says (privacy/redact.ts).
 */
export async function getImportRun(db: Database, runId: number, options: ImportRunOptions = {}): Promise<ImportRunDetail | null> {
	const [run] = await db.query(sqlText('ingest/get_import_run'), { run_id: runId });
	if (!run) return null;
	const params = { run_id: runId, limit: options.limit ?? 1000 };
	const [reject_reasons, rejects, adjustment_reasons, adjustments] = await Promise.all([
		db.query(sqlText('ingest/reject_reasons'), params),
		db.query(sqlText('ingest/import_run_rejects'), params),
		db.query(sqlText('ingest/adjustment_reasons'), params),
		db.query(sqlText('ingest/import_run_adjustments'), params)
	]);
	const ctx = { entity: (run.entity as string | null) ?? null, source: (run.source as string | null) ?? null };
	return {
		run,
		reject_reasons: reject_reasons.map((r) => ({ ...r, reason: redactText(String(r.reason)) })),
		rejects: rejects.map(({ raw_record, ...r }) => {
			const column = (r.column_name as string | null) ?? null;
			const shown = { ...r, reason: redactReason(column, String(r.reason), ctx) };
			return options.includeRaw ? { ...shown, raw_record: redactRecord(raw_record, ctx) } : shown;
		}),
		adjustment_reasons: adjustment_reasons.map((r) => ({ ...r, reason: redactText(String(r.reason)) })),
		adjustments: adjustments.map((a) => {
			const column = (a.column_name as string | null) ?? null;
			return {
				...a,
				value: redactColumnValue(column, (a.value as string | null) ?? null, ctx),
				adjusted_to: redactColumnValue(column, (a.adjusted_to as string | null) ?? null, ctx),
				rule: redactText(String(a.rule))
			};
		})
	};
}
