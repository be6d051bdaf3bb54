import type { Database } from '../db/database';
import { pageQuery } from '../page-query';
import { computeKpis } from '../metrics/kpis';
import { dimensionValues } from '../metrics/dimension-values';
import { computeTrends, parseTrendsQuery } from '../metrics/trends';
import { addLocalDays, isoWeekLabel } from '../../periods';
import { parseKpiQuery } from '../../filters';

/** The trends page (one ISO week against the 8 before it) for its URL's query. */
export async function trendsView(db: Database, search: URLSearchParams) {
	let query = pageQuery(() => parseTrendsQuery(search, parseKpiQuery(search)));
	// The week replaces from/to and grain: the page is one ISO week against the 8 before it.
	query = { ...query, grain: 'week' as const, from: null, to: null, by: [], metrics: ['tickets_created'] };
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
}
