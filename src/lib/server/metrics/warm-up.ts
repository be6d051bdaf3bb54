import type { Database } from '../db/database';
import { parseKpiQuery } from '../../filters';
import { computeOverview } from './overview';
import { computeSlaReport } from './sla-report';
import { computeWeeklyReview, parseReviewQuery } from './weekly-review';

/**
 * Computes the default views of the heaviest pages (overview, weekly review, SLA) once when
 * the server starts, in the background, one after another: the first page anybody opens
 * then finds the fact tables in DuckDB's buffer pool and the query paths warm, and within
 * the start's minute those pages are answered from the cache. Failures only go to the log:
 * a report that fails here fails the same way when asked.
 */
export async function warmReports(db: Database): Promise<void> {
	try {
		const query = parseKpiQuery(new URLSearchParams());
		await computeOverview(db, query);
		await computeWeeklyReview(db, parseReviewQuery(new URLSearchParams(), query));
		await computeSlaReport(db, query);
	} catch (e) {
		console.error('[deskpulse] warming the default reports failed:', (e as Error).message);
	}
}
