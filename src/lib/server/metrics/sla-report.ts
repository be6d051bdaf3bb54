import { format, parseISO, startOfQuarter } from 'date-fns';
import type { Database } from '../db/database';
import type { Dimension, Hours, KpiQuery } from '../../filters';
import { computeKpis, selectMetrics, type KpiResult } from './kpis';
import { dimensionValues } from './dimension-values';

const SLA_METRICS = ['sla_achievement_rate', 'sla_frt_breach_rate', 'sla_resolution_breach_rate'];
/** The breakdowns of the page, each one table and bar chart. */
const BREAKDOWNS: Dimension[] = ['plan', 'priority', 'channel', 'group'];

/**
 * What the SLA page shows for a query: the achievement and breach trend, the latest quarter
 * by plan, priority, channel and group, FRT in business and calendar hours, and the filter
 * bar's values. The page's view (server/views/) calls this, for a request and for the warm-up alike.
 */
export async function computeSlaReport(db: Database, filters: KpiQuery) {
	const query: KpiQuery = { ...filters, by: [], metrics: SLA_METRICS };
	// The filter bar's values are computed beside the page's numbers, and awaited at the end
	// (which rethrows a failure); marked handled so an earlier failure leaves no unhandled one.
	const optionsPending = dimensionValues(db, query.asOf);
	optionsPending.catch(() => undefined);
	// The trend and the FRT median in the query's flavour of hours are one query; the chart
	// keeps the SLA rates, the hours comparison the FRT.
	const withFrt = await computeKpis(db, { ...query, metrics: [...SLA_METRICS, 'frt_median_min'] });
	const trend = selectMetrics(withFrt, SLA_METRICS);
	// Breakdowns cover the latest calendar quarter of the range with tickets (grain=quarter,
	// clipped to from/to): one quarter is enough tickets per group to compare, and still
	// recent. They are asked from the quarter of the last trend period with SLA tickets, so
	// they read one or two quarters, not the whole range, and take the later one.
	const lastIndex = trend.samples.findLastIndex((s) => (s.n.sla_achievement_rate ?? 0) > 0);
	const lastStart = lastIndex >= 0 ? trend.rows[lastIndex].period_start : null;
	const fromQuarter = lastStart && format(startOfQuarter(parseISO(lastStart)), 'yyyy-MM-dd');
	const inQuarter = { ...query, grain: 'quarter' as const, from: fromQuarter && (!query.from || query.from < fromQuarter) ? fromQuarter : query.from };
	// FRT median in both flavours; SLA breaches are judged in business minutes either way.
	const asked = withFrt.meta.hours;
	const other: Hours = asked === 'business' ? 'calendar' : 'business';
	const [otherFrt, ...results] = await Promise.all([
		computeKpis(db, { ...query, metrics: ['frt_median_min'], hours: other }),
		...(lastStart ? BREAKDOWNS.map((dim) => computeKpis(db, { ...inQuarter, by: [dim] })) : [])
	]);
	const frt = { [asked]: selectMetrics(withFrt, ['frt_median_min']), [other]: otherFrt } as Record<Hours, KpiResult>;
	const quarter = results[0]?.rows.at(-1)?.period_start ?? null;
	const breakdowns = results.map((result, i) => {
		const keep = result.rows.map((r, j) => ({ row: r, sample: result.samples[j] })).filter(({ row }) => row.period_start === quarter);
		return { dim: BREAKDOWNS[i], period: keep[0]?.row.period ?? null, rows: keep.map((k) => k.row), samples: keep.map((k) => k.sample) };
	});
	return {
		query,
		trend,
		quarter,
		breakdowns,
		hoursCompare: { business: frt.business, calendar: frt.calendar },
		options: await optionsPending
	};
}
