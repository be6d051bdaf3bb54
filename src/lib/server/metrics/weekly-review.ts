import type { Database } from '../db/database';
import { METRIC_IDS, metricInfo, type MetricUnit } from '../../metric-catalog';
import type { KpiQuery } from '../../filters';
import { computeKpis } from './kpis';
import { headlineCards, type HeadlineCard } from './headlines';
import { FLAG_WEEKLY_METRICS, computeFlags, type FlagRow } from './flags';
import { addLocalDays, isoWeekLabel, isoWeekStart, weekProgress } from '../../periods';
import { cachedResult } from './result-cache';
import { reviewNext, type ReviewNext } from './review-next';
import { changeOf, changeSize, formatChange, spokenMetric, type Change } from '../../format';
import { NOTABLE_POINTS, NOTABLE_RELATIVE } from '../../review/wording';
import { maturityWords } from '../../maturity';
import { metricTarget, missesTarget } from '../../metric-catalog-targets';

/**
 * The weekly review of one ISO week: the headline KPIs with their change and 12-week trend,
 * SLA achievement by plan x priority, the backlog, the review flags and the notable changes
 * in sentences. Everything comes from computeKpis and computeFlags, so the review shows the
 * numbers every other surface shows. The page and `deskpulse review` render this.
 */

/** The KPIs a support manager reads first, in the order the review lists them. */
export const HEADLINE_METRICS = [
	'tickets_created',
	'tickets_solved',
	'backlog_open',
	'frt_median_min',
	'resolution_median_min',
	'sla_achievement_rate',
	'csat_rate',
	'deflection_rate',
	'reopen_rate',
	'cost_per_ticket'
];

/** Weeks of trend behind each headline. */
export const TREND_WEEKS = 12;

/**
 * A headline with its change from the previous week, as its unit measures it: points for a
 * rate ({kind: 'points', value: -9.7}), relative for the rest ({kind: 'relative', value:
 * 0.12}); null when undefined.
 */
export interface HeadlineKpi extends HeadlineCard {
	change: Change | null;
	/** The metric's target (metric-catalog-targets.ts) in its unit, drawn on its trend; null without one. */
	target: number | null;
}

export interface SlaCell {
	plan: string | null;
	priority: string | null;
	rate: number | null;
	tickets: number;
	lowSample: boolean;
	/** Achievement below the SLA achievement target (a cell without tickets under a target misses nothing). */
	missed: boolean;
}

export interface WeeklyReview {
	meta: {
		week: string;
		week_start: string;
		week_end: string;
		previous_week: string;
		/** Whether the week is over at as_of; a week under way shows its numbers so far, without changes. */
		complete: boolean;
		tz: string;
		hours: string;
		as_of: string;
		/** The ISO code money is in, or null when the costs name none (or several). */
		currency: string | null;
		notes: string[];
	};
	headlines: HeadlineKpi[];
	/** `target`: the SLA achievement target every cell is judged against, a fraction. */
	sla: { plans: Array<string | null>; priorities: Array<string | null>; cells: SlaCell[]; target: number };
	backlog: { open: number | null; age_p90_min: number | null };
	flags: FlagRow[];
	notEvaluated: Record<string, string>;
	/** The week's notable changes, as sentences. */
	changes: string[];
	/** What comes next: the staffing outlook of the ticket forecast, as of as_of. */
	next: ReviewNext;
}

/** Whether a change is big enough to be a sentence of the review (review/wording.ts). */
function notable(change: Change): boolean {
	return change.kind === 'points' ? Math.abs(change.value) >= NOTABLE_POINTS : Math.abs(change.value) >= NOTABLE_RELATIVE;
}

/** Computes the review of `week` (an ISO week label) with the query's filters, zone and hours. */
export function computeWeeklyReview(db: Database, q: KpiQuery & { week: string }): Promise<WeeklyReview> {
	return cachedResult(db, 'weekly-review', q, () => computeWeeklyReviewUncached(db, q));
}

async function computeWeeklyReviewUncached(db: Database, q: KpiQuery & { week: string }): Promise<WeeklyReview> {
	const weekStart = isoWeekStart(q.week);
	const weekEnd = addLocalDays(weekStart, 7);
	const previousStart = addLocalDays(weekStart, -7);
	const trendStart = addLocalDays(weekStart, -7 * (TREND_WEEKS - 1));
	const metrics = HEADLINE_METRICS.filter((m) => METRIC_IDS.includes(m));
	// Backlog age is shown beside the backlog, not as a headline card of its own; the flags'
	// weekly metrics ride along so that they read them from this trend.
	const base: KpiQuery = { ...q, grain: 'week', by: [], metrics: [...new Set([...metrics, 'backlog_age_p90_min', ...FLAG_WEEKLY_METRICS])].filter((m) => METRIC_IDS.includes(m)) };

	// The trend, the SLA matrix and the flags are independent: the pool runs them side by side.
	const trendPending = computeKpis(db, { ...base, from: trendStart, to: weekEnd });
	const matrixPending = computeKpis(db, { ...base, from: weekStart, to: weekEnd, by: ['plan', 'priority'], metrics: ['sla_achievement_rate'] });
	const flagsPending = computeFlags(db, { ...q, week: q.week }, trendPending);
	const nextPending = reviewNext(db, q);
	nextPending.catch(() => undefined);
	// Awaited below (which rethrows a failure); marked handled so that a failure while an
	// earlier one is awaited is no unhandled rejection.
	matrixPending.catch(() => undefined);
	flagsPending.catch(() => undefined);
	const trend = await trendPending;
	const hours = trend.meta.hours;
	const rowOf = (start: string) => trend.rows.findIndex((r) => r.period_start === start);
	const now = rowOf(weekStart);
	const weeks = Array.from({ length: TREND_WEEKS }, (_, i) => addLocalDays(trendStart, 7 * i));
	// A week under way has partial numbers: a change against a whole week would read as news.
	const complete = weekProgress(q.week, q.asOf, q.tz) === 'complete';
	const headlines: HeadlineKpi[] = headlineCards(trend, metrics, { current: weekStart, previous: previousStart, trend: weeks }).map(
		// A value still maturing (outcomes undecided at as_of) is not compared with a settled week.
		(card) => ({
			...card,
			change: complete && !card.maturity ? changeOf(card.value, card.previous, card.unit) : null,
			target: metricTarget(card.id)?.value ?? null
		})
	);

	const matrix = await matrixPending;
	const cells: SlaCell[] = matrix.rows.map((r, i) => ({
		plan: (r.plan as string | null) ?? null,
		priority: (r.priority as string | null) ?? null,
		rate: (r.sla_achievement_rate as number | null) ?? null,
		tickets: matrix.samples[i].n.sla_achievement_rate ?? 0,
		lowSample: matrix.samples[i].low_sample.includes('sla_achievement_rate'),
		missed: missesTarget('sla_achievement_rate', r.sla_achievement_rate as number | null)
	}));
	const sortKeys = (values: Array<string | null>) => [...new Set(values)].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));

	const flags = await flagsPending;
	const maturing = headlines.filter((h) => h.maturity);
	const changes = complete
		? [
				...(await notableChanges(db, base, headlines, weekStart, weekEnd, previousStart, hours, trend.meta.currency)),
				...(maturing.length
					? [`Still maturing, no change computed: ${maturing.map((h) => `${metricInfo(h.id)!.label} (${maturityWords(h.id, h.maturity!)})`).join('; ')}.`]
					: [])
			]
		: [];
	const headline = (id: string) => headlines.find((h) => h.id === id)?.value ?? null;
	return {
		meta: {
			week: q.week,
			week_start: weekStart,
			week_end: weekEnd,
			previous_week: isoWeekLabel(previousStart),
			complete,
			tz: q.tz,
			hours,
			as_of: q.asOf,
			currency: trend.meta.currency,
			notes: complete ? trend.meta.notes : [`${q.week} is not over as of ${q.asOf}: its numbers are so far, and no change is computed against ${isoWeekLabel(previousStart)}`, ...trend.meta.notes]
		},
		headlines,
		sla: { plans: sortKeys(cells.map((c) => c.plan)), priorities: sortKeys(cells.map((c) => c.priority)), cells, target: metricTarget('sla_achievement_rate')!.value },
		backlog: { open: headline('backlog_open'), age_p90_min: (trend.rows[now]?.backlog_age_p90_min as number | null) ?? null },
		flags: flags.rows,
		notEvaluated: flags.meta.not_evaluated,
		next: await nextPending,
		changes
	};
}

/**
 * Sentences for the headline changes of at least 10 % (5 points for a rate) between two weeks
 * with enough items behind them, each with where it came from and the plan that moved most
 * in the same direction: "SLA achievement fell 9.7 points to 75.9 % (from 85.6 %), driven by
 * the premium plan (−14.2 pts)".
 */
async function notableChanges(
	db: Database,
	base: KpiQuery,
	headlines: HeadlineKpi[],
	weekStart: string,
	weekEnd: string,
	previousStart: string,
	hours: string,
	currency: string | null
): Promise<string[]> {
	const moved = headlines.filter((h) => h.change !== null && notable(h.change) && !h.lowSample && h.value !== null && h.previous !== null);
	if (moved.length === 0) return [];
	const byPlan = await computeKpis(db, { ...base, from: previousStart, to: weekEnd, by: ['plan'], metrics: moved.map((h) => h.id) });
	return moved.map((h) => {
		const change = h.change as Change;
		const rose = change.value > 0;
		const sentence = `${metricInfo(h.id)!.label} ${rose ? 'rose' : 'fell'} ${changeSize(change)} to ${spokenMetric(h.value as number, h.unit, { hours, currency })} (from ${spokenMetric(h.previous as number, h.unit, { hours, currency })})`;
		// The plan whose own value moved most in the same direction, among plans with enough items.
		let driver: { plan: string; change: Change } | null = null;
		for (const row of byPlan.rows.filter((r) => r.period_start === weekStart && r.plan !== null)) {
			const i = byPlan.rows.indexOf(row);
			if (byPlan.samples[i].low_sample.includes(h.id)) continue;
			const previous = byPlan.rows.find((r) => r.period_start === previousStart && r.plan === row.plan);
			const delta = changeOf((row[h.id] as number | null) ?? null, (previous?.[h.id] as number | null) ?? null, h.unit);
			if (delta === null || Math.sign(delta.value) !== Math.sign(change.value)) continue;
			if (!driver || Math.abs(delta.value) > Math.abs(driver.change.value)) driver = { plan: String(row.plan), change: delta };
		}
		return driver ? `${sentence}, driven by the ${driver.plan} plan (${formatChange(driver.change)}).` : `${sentence}.`;
	});
}

/** Reads `week` (default: the last complete ISO week before as_of) on top of a KPI query. */
export { parseFlagsQuery as parseReviewQuery } from './flags';
