import type { Database } from './database';
import { sqlKeysIn, sqlText } from './sql-files';
import type { Row } from './values';

/** One integrity check of sql/checks/: a query that must find no row. */
export interface CheckResult {
	/** The check's file name, e.g. `no_negative_durations`. */
	name: string;
	/** What the file's first comment says it guards. */
	guards: string;
	/** Rows found (0: passed). */
	failing: number;
	/** The first rows found, to see what is wrong. */
	sample: Row[];
}

const SAMPLE_ROWS = 5;

/**
 * Runs every query of sql/checks/ on the database; `deskpulse check` and GET /api/v1/checks.
 * With a `source`, a check whose rows name their source keeps that source's rows only (an
 * import checks what it touched; the filter is pushed into the check's scans).
 */
export async function runChecks(db: Database, scope: { source?: string } = {}): Promise<CheckResult[]> {
	const results: CheckResult[] = [];
	for (const key of sqlKeysIn('checks')) {
		const text = sqlText(key);
		let query = text.trim().replace(/;$/, '');
		const params: Record<string, string> = {};
		if (scope.source !== undefined) {
			const columns = await db.query<{ column_name: string }>(`select column_name from (describe select * from (${query}))`);
			if (columns.some((c) => c.column_name === 'source')) {
				query = `select * from (${query}) where source = $source`;
				params.source = scope.source;
			}
		}
		// A sample first; only a check with more rows than it shows is counted in full.
		const rows = await db.query(`select * from (${query}) limit ${SAMPLE_ROWS + 1}`, params);
		const [{ n }] = rows.length > SAMPLE_ROWS ? await db.query<{ n: number }>(`select count(*)::integer as n from (${query})`, params) : [{ n: rows.length }];
		results.push({ name: key.replace(/^checks\//, ''), guards: firstComment(text), failing: n, sample: rows.slice(0, SAMPLE_ROWS) });
	}
	return results;
}

/** The leading comment of a check file, as one sentence. */
function firstComment(text: string): string {
	const lines: string[] = [];
	for (const line of text.split('\n')) {
		if (!line.startsWith('--')) break;
		lines.push(line.replace(/^--\s?/, ''));
	}
	return lines.join(' ').trim();
}
