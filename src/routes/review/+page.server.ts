import type { PageServerLoad } from './$types';
import { pageQuery } from '$lib/server/page-query';
import { appDatabase } from '$lib/server/app-db';
import { parseKpiQuery } from '$lib/filters';
import { computeWeeklyReview, parseReviewQuery } from '$lib/server/metrics/weekly-review';
import { addLocalDays, isoWeekLabel, weekProgress } from '$lib/periods';

export const load: PageServerLoad = async ({ url }) => {
	const query = pageQuery(() => parseReviewQuery(url.searchParams, parseKpiQuery(url.searchParams)));
	const review = await computeWeeklyReview(await appDatabase(), query);
	const step = (days: number) => isoWeekLabel(addLocalDays(review.meta.week_start, days));
	// No link to a week that has not begun at as_of: it has nothing to review.
	const next = step(7);
	const nextWeek = weekProgress(next, review.meta.as_of, review.meta.tz) === 'future' ? null : next;
	return { review, previousWeek: step(-7), nextWeek, search: url.searchParams.toString() };
};
