import { error } from '@sveltejs/kit';
import type { Database } from '../db/database';
import { pageQuery } from '../page-query';
import { computeKpis } from '../metrics/kpis';
import { computeSurvival } from '../metrics/survival';
import { computeCustomerAge } from '../metrics/customer-age';
import { drillKindOf } from '../metrics/drill-through';
import { dimensionValues } from '../metrics/dimension-values';
import { parseKpiQuery } from '../../filters';
import { METRIC_IDS } from '../../metric-catalog';
import { COHORT_POINTS, COHORT_WEEKS } from '../../cohorts';
import { CUSTOMER_AGE_MONTHS } from '../../customer-age';
import { lastWeeks, signupMonthsFrom } from '../../periods';

const DEFAULT_METRIC = 'frt_median_min';

/** The cohorts page (heatmaps by segment and plan, survival, customer age) for its URL's query. */
export async function cohortsView(db: Database, search: URLSearchParams) {
	const metric = search.get('metric')?.trim() || DEFAULT_METRIC;
	if (!METRIC_IDS.includes(metric)) error(400, `metric: unknown metric "${metric}" (known: ${METRIC_IDS.join(', ')})`);
	const query = pageQuery(() => parseKpiQuery(search));
	// The heatmaps are per week; without a range, the last 12 weeks up to as_of.
	const range = query.from || query.to ? { from: query.from, to: query.to } : lastWeeks(query.asOf, query.tz, COHORT_WEEKS);
	const q = { ...query, grain: 'week' as const, metrics: [metric], ...range };
	// Orgs that signed up in the last 12 months (of the zone), their tickets by age in months.
	const ageRange = { fromMonth: signupMonthsFrom(query.asOf, query.tz, CUSTOMER_AGE_MONTHS), maxAge: CUSTOMER_AGE_MONTHS - 1 };
	// Independent reports: the pool runs them side by side.
	const [bySegment, byPlan, survival, customerAge, options] = await Promise.all([
		computeKpis(db, { ...q, by: ['segment'] }),
		computeKpis(db, { ...q, by: ['plan'] }),
		computeSurvival(db, { ...q, by: [], points: COHORT_POINTS }),
		computeCustomerAge(db, { ...q, ...ageRange }),
		dimensionValues(db, query.asOf)
	]);
	return {
		/** The filters as the URL gave them (the filter bar's state). */
		filterQuery: query,
		/** What the numbers were computed for: week grain, the range, the metric. */
		query: { ...q, hours: bySegment.meta.hours },
		metric,
		ticketDrill: drillKindOf(metric) === 'tickets',
		bySegment,
		byPlan,
		survival,
		customerAge,
		customerAgeRange: ageRange,
		options
	};
}
