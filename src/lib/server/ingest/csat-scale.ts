import type { Connection } from '../db/database';
import type { CheckInput } from './check-sql';

export const CSAT_SCALES = ['1-5', '0-10'] as const;
export type CsatScale = (typeof CSAT_SCALES)[number];

/** The scale a file's CSAT answers were read on, and how it was decided, for the summary. */
export interface CsatScaleDecision {
	scale: CsatScale;
	/** '--csat-scale', 'first import' (this import's answers), or 'earlier import' (kept). */
	decidedBy: '--csat-scale' | 'first import' | 'earlier import';
	/** The scale the source had before an explicit --csat-scale changed it. */
	changedFrom: CsatScale | null;
}

/** The lowest and highest numeric answer of a scale, bound into the check (check-sql.ts). */
export function csatBounds(scale: CsatScale | null): { csat_min: number; csat_max: number; csat_expect: string } {
	if (scale === '1-5') return { csat_min: 1, csat_max: 5, csat_expect: "1-5 (the source's scale), good or bad" };
	if (scale === '0-10') return { csat_min: 0, csat_max: 10, csat_expect: "0-10 (the source's scale), good or bad" };
	return { csat_min: 0, csat_max: 10, csat_expect: '1-5, 0-10, good or bad' };
}

/**
 * Decides the numeric CSAT scale of a source's file before its rows are checked: the one
 * --csat-scale names (a change from the stored one is reported), else the one the source
 * already has, else, at its first import with numeric answers, from all of them: 0-10 when
 * any is 0 or above 5, else 1-5. Recorded in source_csat_scales inside the file's
 * transaction. Null when the source has no scale yet and the file no numeric answer.
 */
export async function decideCsatScale(
	conn: Connection,
	input: CheckInput,
	source: string,
	requested: CsatScale | null
): Promise<CsatScaleDecision | null> {
	const [stored] = await conn.query<{ scale: CsatScale }>(`select scale from source_csat_scales where source = $source`, { source });
	const record = (scale: CsatScale, decidedBy: string) =>
		conn.run(`insert or replace into source_csat_scales values ($source, $scale, $decided_by, now())`, { source, scale, decided_by: decidedBy });
	if (requested) {
		if (stored?.scale !== requested) await record(requested, '--csat-scale');
		return { scale: requested, decidedBy: '--csat-scale', changedFrom: stored && stored.scale !== requested ? stored.scale : null };
	}
	if (stored) return { scale: stored.scale, decidedBy: 'earlier import', changedFrom: null };
	const answer = input.columns.get('csat_score');
	if (!answer) return null;
	const [seen] = await conn.query<{ answers: number; low: number | null; high: number | null }>(
		`select count(*)::integer as answers, min(n) as low, max(n) as high
		 from (select try_cast(trim(${answer}) as integer) as n from ${input.table} where ${input.rows} and regexp_full_match(trim(${answer}), '[0-9]{1,2}'))
		 where n is not null`
	);
	if (!seen || seen.answers === 0) return null;
	const scale: CsatScale = seen.low === 0 || (seen.high ?? 0) > 5 ? '0-10' : '1-5';
	await record(scale, 'first import');
	return { scale, decidedBy: 'first import', changedFrom: null };
}
