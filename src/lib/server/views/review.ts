import type { Database } from '../db/database';
import { pageQuery } from '../page-query';
import { computeWeeklyReview, parseReviewQuery } from '../metrics/weekly-review';
import { parseKpiQuery } from '../../filters';
import { addLocalDays, isoWeekLabel, weekProgress } from '../../periods';

/** The weekly review page for its URL's query, with its links to the weeks beside it. */
export async function reviewView(db: Database, search: URLSearchParams) {
	const query = pageQuery(() => parseReviewQuery(search, parseKpiQuery(search)));
	const review = await computeWeeklyReview(db, query);
	const step = (days: number) => isoWeekLabel(addLocalDays(review.meta.week_start, days));
	// No link to a week that has not begun at as_of: it has nothing to review.
	const next = step(7);
	const nextWeek = weekProgress(next, review.meta.as_of, review.meta.tz) === 'future' ? null : next;
	return { review, previousWeek: step(-7), nextWeek, search: search.toString() };
}
