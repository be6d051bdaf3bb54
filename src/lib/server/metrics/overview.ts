import type { Database } from '../db/database';
import type { KpiQuery } from '../../filters';
import { latestCompleteStart, periodEnd, periodsBefore } from '../../periods';
import { HEADLINE_METRICS, TREND_PERIODS, UNIT_METRICS } from '../../metric-catalog-overview';
import { computeKpis, selectMetrics } from './kpis';
import { dimensionValues } from './dimension-values';
import { headlineCards } from './headlines';

/** The tickets/FRT chart's metrics: its CSV holds exactly these. */
export const OVERVIEW_METRICS = ['tickets_created', 'frt_median_min'];

/**
 * What the overview page (`/`) shows for a query: the tickets/FRT chart, the unit-economics
 * chart, the headline cards and the filter bar's values. The page's view (server/views/) calls this,
 * for a request and for the warm-up alike.
 */
export async function computeOverview(db: Database, filters: KpiQuery) {
	// The overview is never grouped: every chart and card is one line over time.
	const query: KpiQuery = { ...filters, by: [], metrics: OVERVIEW_METRICS };
	const optionsPending = dimensionValues(db, query.asOf);
	// Awaited at the end (which rethrows a failure); marked handled here so that a failure
	// while the charts compute is no unhandled rejection.
	optionsPending.catch(() => undefined);

	// The range's periods (the tickets' first to last when from/to are open). Cost data may
	// reach beyond the tickets (a cost row covers its whole month), so the unit-economics chart
	// takes the tickets chart's periods as an explicit range, and its CSV link the same from/to.
	const periods = await computeKpis(db, { ...query, metrics: [] });
	const first = periods.rows[0]?.period_start;
	const last = periods.rows.at(-1)?.period_start;
	const range = { from: query.from ?? first ?? null, to: query.to ?? (last ? periodEnd(last, periods.meta.grain) : null) };
	const unitQuery = { ...query, ...range, metrics: UNIT_METRICS };
	// Both charts and the cards' trends are rows of one query over that range: each metric
	// file runs once for the page. Each chart keeps exactly its own metrics, the rows its CSV
	// (the API, asked for those metrics) returns.
	const all = await computeKpis(db, { ...query, ...range, metrics: [...new Set([...OVERVIEW_METRICS, ...UNIT_METRICS, ...HEADLINE_METRICS])] });
	const chart = selectMetrics(all, OVERVIEW_METRICS);
	// Its meta says the range as the page was asked (open ends stay open), as its CSV does.
	const kpis = { ...chart, meta: { ...chart.meta, from: query.from, to: query.to } };
	const unit = selectMetrics(all, UNIT_METRICS);

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
		// The cards' 12 periods are in the charts' rows unless the range is shorter than that.
		const trend =
			range.from && range.from <= trendStart
				? selectMetrics(all, HEADLINE_METRICS)
				: await computeKpis(db, { ...query, metrics: HEADLINE_METRICS, from: trendStart, to: periodEnd(latestStart, grain) });
		const now = trend.rows.find((r) => r.period_start === latestStart);
		const before = trend.rows.find((r) => r.period_start === previousStart);
		const starts = Array.from({ length: TREND_PERIODS }, (_, i) => periodsBefore(trendStart, grain, -i));
		headline = {
			period: now?.period ?? latestStart,
			period_start: latestStart,
			previous: before?.period ?? null,
			cards: headlineCards(trend, HEADLINE_METRICS, { current: latestStart, previous: previousStart, trend: starts })
		};
	}
	return { query, kpis, unit, unitQuery, headline, options: await optionsPending };
}
