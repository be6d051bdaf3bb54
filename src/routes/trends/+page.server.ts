import type { PageServerLoad } from './$types';
import { pageQuery } from '$lib/server/page-query';
import { appDatabase } from '$lib/server/app-db';
import { computeKpis } from '$lib/server/metrics/kpis';
import { dimensionValues } from '$lib/server/metrics/dimension-values';
import { addLocalDays, isoWeekLabel } from '$lib/periods';
import { computeTrends, parseTrendsQuery } from '$lib/server/metrics/trends';
import { parseKpiQuery } from '$lib/filters';

export const load: PageServerLoad = async ({ url }) => {
	let query = pageQuery(() => parseTrendsQuery(url.searchParams, parseKpiQuery(url.searchParams)));
	// The week replaces from/to and grain: the page is one ISO week against the 8 before it.
	query = { ...query, grain: 'week' as const, from: null, to: null, by: [], metrics: ['tickets_created'] };
	const db = await appDatabase();
	const trends = await computeTrends(db, query);
	const { week_start: weekStart, week_end: weekEnd } = trends.meta;
	const volume = await computeKpis(db, { ...query, from: weekStart, to: weekEnd });
	const shift = (days: number) => isoWeekLabel(addLocalDays(weekStart, days));
	return {
		query,
		trends,
		ticketsCreated: (volume.rows[0]?.tickets_created as number | undefined) ?? 0,
		previousWeek: shift(-7),
		// Only complete weeks: the next one when it ended by as_of (UTC date, close enough for a link).
		nextWeek: addLocalDays(weekEnd, 7) <= query.asOf.slice(0, 10) ? shift(7) : null,
		options: await dimensionValues(db, query.asOf)
	};
};
