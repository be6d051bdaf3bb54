import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { computeKpis } from '$lib/server/metrics/kpis';
import { dimensionValues } from '$lib/server/metrics/dimension-values';
import { FilterError, parseKpiQuery } from '$lib/filters';
import { metricInfo } from '$lib/metric-catalog';
import { periodEnd } from '$lib/charts/sla';
import { HEADLINE_METRICS, LOWER_IS_BETTER, NEUTRAL, TREND_PERIODS, UNIT_METRICS, latestCompleteStart, periodsBefore } from '$lib/charts/unit-economics';

/** The tickets/FRT chart's metrics: its CSV holds exactly these. */
const OVERVIEW_METRICS = ['tickets_created', 'frt_median_min'];

export const load: PageServerLoad = async ({ url }) => {
	let query;
	try {
		query = parseKpiQuery(url.searchParams);
	} catch (e) {
		if (e instanceof FilterError) error(400, `${e.param}: ${e.message}`);
		throw e;
	}
	query = { ...query, metrics: OVERVIEW_METRICS };
	const db = await appDatabase();
	const kpis = await computeKpis(db, query);
	// The unit-economics chart on its own, so its rows are exactly what its CSV (the API) returns.
	// Cost data may reach beyond the tickets (a cost row covers its whole month), so without an
	// explicit range it takes the tickets chart's periods, and its CSV link the same from/to.
	const first = kpis.rows[0]?.period_start;
	const last = kpis.rows.at(-1)?.period_start;
	const unitQuery = {
		...query,
		from: query.from ?? first ?? null,
		to: query.to ?? (last ? periodEnd(last, kpis.meta.grain) : null),
		metrics: UNIT_METRICS
	};
	// These run while the headline cards compute; awaited at the end (which rethrows a failure),
	// marked handled here so a failure during the cards' queries is no unhandled rejection.
	const unitPending = computeKpis(db, unitQuery);
	const optionsPending = dimensionValues(db, query.asOf);
	unitPending.catch(() => undefined);
	optionsPending.catch(() => undefined);

	// Headline cards: the latest complete period of the grain, its predecessor and the trend behind it.
	const grain = kpis.meta.grain;
	const latestStart = latestCompleteStart(
		kpis.rows.map((r) => r.period_start),
		grain,
		kpis.meta.as_of,
		kpis.meta.tz,
		query.to
	);
	let headline = null;
	if (latestStart) {
		const trendStart = periodsBefore(latestStart, grain, TREND_PERIODS - 1);
		const previousStart = periodsBefore(latestStart, grain, 1);
		const trend = await computeKpis(db, { ...query, by: [], metrics: HEADLINE_METRICS, from: trendStart, to: periodEnd(latestStart, grain) });
		const at = (start: string) => trend.rows.findIndex((r) => r.period_start === start);
		const now = at(latestStart);
		const before = at(previousStart);
		const hours = trend.meta.hours;
		const starts = Array.from({ length: TREND_PERIODS }, (_, i) => periodsBefore(trendStart, grain, -i));
		headline = {
			period: now >= 0 ? trend.rows[now].period : latestStart,
			period_start: latestStart,
			previous: before >= 0 ? trend.rows[before].period : null,
			cards: HEADLINE_METRICS.map((id) => {
				const info = metricInfo(id)!;
				const value = now >= 0 ? ((trend.rows[now][id] as number | null) ?? null) : null;
				const previous = before >= 0 ? ((trend.rows[before][id] as number | null) ?? null) : null;
				return {
					id,
					label: info.hoursFlavoured ? `${info.label} (${hours} hours)` : info.label,
					unit: info.unit,
					value,
					previous,
					lowerIsBetter: LOWER_IS_BETTER.has(id),
					neutral: NEUTRAL.has(id),
					trend: starts.map((s) => {
						const i = at(s);
						return i >= 0 ? ((trend.rows[i][id] as number | null) ?? null) : null;
					}),
					lowSample: now >= 0 && trend.samples[now].low_sample.includes(id),
					estimated: now >= 0 && trend.samples[now].estimated.includes(id)
				};
			})
		};
	}
	return { query, kpis, unit: await unitPending, unitQuery, headline, options: await optionsPending };
};
