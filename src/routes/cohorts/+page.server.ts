import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { pageQuery } from '$lib/server/page-query';
import { appDatabase } from '$lib/server/app-db';
import { computeKpis } from '$lib/server/metrics/kpis';
import { computeSurvival } from '$lib/server/metrics/survival';
import { computeCustomerAge } from '$lib/server/metrics/customer-age';
import { drillKindOf } from '$lib/server/metrics/drill-through';
import { dimensionValues } from '$lib/server/metrics/dimension-values';
import { parseKpiQuery } from '$lib/filters';
import { METRIC_IDS } from '$lib/metric-catalog';
import { COHORT_POINTS, COHORT_WEEKS } from '$lib/charts/cohorts';
import { CUSTOMER_AGE_MONTHS } from '$lib/customer-age';
import { lastWeeks, signupMonthsFrom } from '$lib/periods';

const DEFAULT_METRIC = 'frt_median_min';

export const load: PageServerLoad = async ({ url }) => {
	const metric = url.searchParams.get('metric')?.trim() || DEFAULT_METRIC;
	if (!METRIC_IDS.includes(metric)) error(400, `metric: unknown metric "${metric}" (known: ${METRIC_IDS.join(', ')})`);
	const query = pageQuery(() => parseKpiQuery(url.searchParams));
	// The heatmaps are per week; without a range, the last 12 weeks up to as_of.
	const range = query.from || query.to ? { from: query.from, to: query.to } : lastWeeks(query.asOf, query.tz, COHORT_WEEKS);
	const q = { ...query, grain: 'week' as const, metrics: [metric], ...range };
	const db = await appDatabase();
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
};
