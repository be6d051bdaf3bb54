import type { Database } from '../db/database';
import { parseKpiQuery } from '../../filters';
import { computeKpis } from './kpis';
import { computeWeeklyReview, parseReviewQuery } from './weekly-review';

/**
 * Computes the default views once when the server starts, in the background: the first
 * page anybody opens then finds the fact tables in DuckDB's buffer pool and the query paths
 * warm (at the demo's size the first overview drops from about 430 ms to the 150-250 ms of
 * any later uncached view), and within the start's minute the answers are already cached.
 * Failures only go to the log: a report that fails here fails the same way when asked.
 */
export async function warmReports(db: Database): Promise<void> {
	try {
		const query = parseKpiQuery(new URLSearchParams());
		await computeKpis(db, query);
		await computeWeeklyReview(db, parseReviewQuery(new URLSearchParams(), query));
	} catch (e) {
		console.error('[deskpulse] warming the default reports failed:', (e as Error).message);
	}
}
