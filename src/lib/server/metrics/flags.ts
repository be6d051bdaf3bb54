import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { appliedFilters, FilterError, type KpiQuery } from '../../filters';
import { weekTicketsParams } from '../../links';
import { METRIC_IDS } from '../../metric-catalog';
import { computeKpis, metricParams, selectMetrics, type KpiResult } from './kpis';
import { cachedResult } from './result-cache';
import { redactRow, redactText, shownPersonId } from '../privacy/redact';
import { displayCurrency } from './currency';
import { formatMetric, spokenMetric } from '../../format';
import { addLocalDays, isoWeekLabel, isoWeekStart, lastCompleteWeek, localMidnight, weekProgress } from '../../periods';
import { CSAT_TARGET } from '../../metric-catalog-targets';

/**
 * The weekly review's flags (docs/metrics.md, "Weekly review flags"): hiring triggers, churn
 * signals and top movers for one ISO week. Every number comes from the metric SQL (through
 * computeKpis) or from sql/reports/; this module compares them to the thresholds.
 */

/** The CSAT hiring trigger's threshold, from the catalog's targets. */
export { CSAT_TARGET };
/** Weeks the FRT median of a plan must stay above its target to be a hiring trigger. */
export const FRT_FLAG_WEEKS = 3;
export const UTILIZATION_LIMIT = 0.8;
/**
 * Churn signals listed one by one (the orgs with the most P0/P1 tickets first); the rest are
 * one row that counts them. A large customer base has hundreds of high-value orgs with two
 * incidents a month: listed whole, they made the 10M review's flags 885 KB and unreadable.
 */
export const MAX_CHURN_FLAGS = 10;

/** Paid hours per agent FTE in a week: the denominator of utilization. */
const FTE_MINUTES_PER_WEEK = 40 * 60;

export type FlagKind = 'frt_above_target' | 'csat_below_target' | 'utilization_high' | 'backlog_growing' | 'churn_signal' | 'top_mover';

export interface FlagRow {
	flag: FlagKind;
	/** What the flag is about: "plan premium", an org, "category billing", "all tickets". */
	subject: string;
	week: string;
	value: number | null;
	threshold: number | null;
	unit: 'minutes' | 'rate' | 'count';
	/** The finding as a sentence for the review. */
	message: string;
	/** The drill-through that shows the tickets behind it: GET /api/v1/tickets with these. */
	tickets: Record<string, string>;
	/** Numbers behind the flag (weekly values, ticket ids, ...). */
	detail: Record<string, unknown>;
}

export interface FlagsQuery extends KpiQuery {
	/** ISO week label, e.g. 2026-W46. */
	week: string;
}

export interface FlagsResult {
	meta: {
		week: string;
		week_start: string;
		week_end: string;
		tz: string;
		as_of: string;
		hours: string;
		filters: Record<string, string[]>;
		/** Flags that could not be judged, with why (e.g. no handle time imported). */
		not_evaluated: Record<string, string>;
	};
	rows: FlagRow[];
}

/** Re-exported for the callers that read the week arithmetic with the flags; it lives in periods.ts. */

/** The ungrouped weekly KPIs the flags read, beyond the FRT by plan. */
/** The columns of a flags CSV (the API's and the CLI's). */
export const FLAG_CSV_COLUMNS = ['week', 'flag', 'subject', 'value', 'threshold', 'unit', 'message'];

export const FLAG_WEEKLY_METRICS = ['csat_rate', 'agent_fte', 'backlog_open'];

/**
 * Computes the review flags of one week. `weekly`, when given, is an ungrouped weekly KPI
 * result of the same filters, zone and hours that the caller computes anyway (the weekly
 * review's trend): the flags read their CSAT, FTE and backlog weeks from it instead of asking
 * again, where it covers them. The flags are the same either way.
 */
export function computeFlags(db: Database, q: FlagsQuery, weekly?: Promise<KpiResult>): Promise<FlagsResult> {
	return cachedResult(db, 'flags', q, () => computeFlagsUncached(db, q, weekly));
}

async function computeFlagsUncached(db: Database, q: FlagsQuery, weekly?: Promise<KpiResult>): Promise<FlagsResult> {
	const weekStart = isoWeekStart(q.week);
	const weekEnd = addLocalDays(weekStart, 7);
	const back = (days: number) => addLocalDays(weekStart, -days);
	const kpis = (from: string, metrics: string[], by: KpiQuery['by'] = []) =>
		computeKpis(db, { ...q, grain: 'week', from, to: weekEnd, by, metrics: metrics.filter((m) => METRIC_IDS.includes(m)) });
	// Weekly rows do not depend on the range around them: a result over more weeks serves.
	const ungrouped = async (from: string, metrics: string[]) => {
		const given = await weekly;
		const covers = given && given.meta.grain === 'week' && given.meta.by.length === 0 && given.meta.from !== null && given.meta.from <= from && given.meta.to === weekEnd;
		const wanted = metrics.filter((m) => METRIC_IDS.includes(m));
		return covers && wanted.every((m) => given.rows.every((r) => m in r)) ? selectMetrics(given, wanted) : kpis(from, metrics);
	};
	const weekRow = (result: KpiResult) => {
		const i = result.rows.findIndex((r) => r.period_start === weekStart);
		return { row: i >= 0 ? result.rows[i] : undefined, sample: i >= 0 ? result.samples[i] : undefined };
	};
	// Every flag's numbers are independent: ask for all of them at once, so the pool runs
	// them side by side.
	const weekEndInstant = new Date(Math.min(localMidnight(weekEnd, q.tz), Date.parse(q.asOf))).toISOString();
	const [frt, targetRows, csat, csatBySegment, handleRows, fteResult, backlog, churn, movers] = await Promise.all([
		kpis(back(7 * (FRT_FLAG_WEEKS - 1)), ['frt_median_min'], ['plan']),
		db.query<{ plan: string; frt_target_minutes: number }>(sqlText('reports/plan_frt_targets')),
		ungrouped(weekStart, ['csat_rate']),
		kpis(weekStart, ['csat_rate'], ['segment']),
		db.query<{ handle_minutes: number | null; tickets_with_handle_time: number }>(sqlText('reports/handle_time'), {
			...metricParams({ ...q, from: weekStart, to: weekEnd }, 'calendar')
		}),
		ungrouped(weekStart, ['agent_fte']),
		ungrouped(back(21), ['backlog_open']),
		db.query(sqlText('reports/churn_signals'), { ...metricParams(q, 'calendar'), window_end: weekEndInstant }),
		db.query(sqlText('reports/top_movers'), { ...metricParams(q, 'calendar'), week_start: weekStart, week_end: weekEnd, limit: 10 })
	]);
	const drill = (metric: string, extra: Record<string, string> = {}) => weekTicketsParams(q, weekStart, metric, extra);
	const rows: FlagRow[] = [];
	const notEvaluated: Record<string, string> = {};

	// 1. FRT median above the plan's SLA target for the week and the two before it.
	const targets = new Map(targetRows.map((t) => [t.plan, t.frt_target_minutes]));
	const weeks = Array.from({ length: FRT_FLAG_WEEKS }, (_, i) => back(7 * (FRT_FLAG_WEEKS - 1 - i)));
	for (const [plan, target] of targets) {
		const medians = weeks.map((w) => frt.rows.find((r) => r.period_start === w && r.plan === plan)?.frt_median_min ?? null) as Array<number | null>;
		if (medians.every((m) => m !== null && m > target)) {
			const last = medians[FRT_FLAG_WEEKS - 1]!;
			rows.push({
				flag: 'frt_above_target',
				subject: `plan ${plan}`,
				week: q.week,
				value: last,
				threshold: target,
				unit: 'minutes',
				message: `FRT median of the ${plan} plan has been above its ${spokenMetric(target, 'minutes')} target for ${FRT_FLAG_WEEKS} weeks (${medians.map((m) => spokenMetric(m!, 'minutes')).join(', ')}, ${frt.meta.hours} hours): a hiring trigger.`,
				tickets: drill('frt_median_min', { plan, sort: 'frt_minutes' }),
				detail: { weeks: weeks.map((w) => isoWeekLabel(w)), medians, hours: frt.meta.hours }
			});
		}
	}

	// 2. CSAT below target, overall and per segment.
	const csatCells = [
		{ subject: 'all tickets', ...weekRow(csat), extra: {} as Record<string, string> },
		...csatBySegment.rows.map((row, i) => ({
			subject: `segment ${row.segment ?? '(none)'}`,
			row,
			sample: csatBySegment.samples[i],
			extra: row.segment ? { segment: String(row.segment) } : ({} as Record<string, string>)
		}))
	];
	for (const { subject, row, sample, extra } of csatCells) {
		const value = row?.csat_rate;
		if (typeof value !== 'number' || value >= CSAT_TARGET) continue;
		const n = sample?.n.csat_rate ?? 0;
		rows.push({
			flag: 'csat_below_target',
			subject,
			week: q.week,
			value,
			threshold: CSAT_TARGET,
			unit: 'rate',
			message: `CSAT for ${subject} was ${spokenMetric(value, 'rate')}, below the ${spokenMetric(CSAT_TARGET, 'rate')} target (${n} ratings${n < csat.meta.low_sample_threshold ? ', low sample' : ''}).`,
			tickets: drill('csat_rate', { ...extra, numerator: 'false' }),
			detail: { ratings: n, low_sample: n < csat.meta.low_sample_threshold }
		});
	}

	// 3. Agent utilization above 80 %: handle time of solved tickets / paid agent time.
	const handle = handleRows[0];
	const fte = weekRow(fteResult).row?.agent_fte;
	if (!handle?.handle_minutes) notEvaluated.utilization_high = 'the imports carry no handle time for the week\'s solved tickets';
	else if (typeof fte !== 'number' || fte <= 0) notEvaluated.utilization_high = 'no agent FTE in the imported costs for the week';
	else {
		const utilization = handle.handle_minutes / (fte * FTE_MINUTES_PER_WEEK);
		if (utilization > UTILIZATION_LIMIT) {
			rows.push({
				flag: 'utilization_high',
				subject: 'agents',
				week: q.week,
				value: utilization,
				threshold: UTILIZATION_LIMIT,
				unit: 'rate',
				message: `Agent utilization was ${spokenMetric(utilization, 'rate')} (${Math.round(handle.handle_minutes / 60)} h handled by ${fte.toFixed(1)} FTE), above ${spokenMetric(UTILIZATION_LIMIT, 'rate')}: a hiring trigger.`,
				tickets: drill('tickets_solved'),
				detail: { handle_minutes: handle.handle_minutes, agent_fte: fte, tickets_with_handle_time: handle.tickets_with_handle_time }
			});
		}
	}

	// 4. Backlog growing week over week for 3+ weeks: four rising week-end snapshots.
	const levels = [back(21), back(14), back(7), weekStart].map((w) => backlog.rows.find((r) => r.period_start === w)?.backlog_open);
	if (levels.every((l) => typeof l === 'number') && levels.every((l, i) => i === 0 || (l as number) > (levels[i - 1] as number))) {
		rows.push({
			flag: 'backlog_growing',
			subject: 'all tickets',
			week: q.week,
			value: levels[3] as number,
			threshold: null,
			unit: 'count',
			message: `The open backlog grew for 3 weeks running: ${levels.join(' -> ')} tickets at week end.`,
			tickets: drill('backlog_open', { sort: 'age_minutes' }),
			detail: { weeks: [back(21), back(14), back(7), weekStart].map(isoWeekLabel), backlog: levels }
		});
	}

	// 5. Churn signals: high-value orgs with 2+ P0/P1 tickets in the 30 days to the week's end.
	const currency = churn.length ? (await displayCurrency(db)).code : null;
	for (const o of churn.slice(0, MAX_CHURN_FLAGS)) {
		// The CSM is a person: a pseudonym where DESKPULSE_REDACT hides names (org names stay).
		const csm = o.csm_id ? shownPersonId('csm', o.source as string | null, String(o.csm_id)) : null;
		rows.push({
			flag: 'churn_signal',
			subject: `${o.org_name ?? o.org_id} (${o.plan ?? 'no plan'})`,
			week: q.week,
			value: Number(o.incident_count),
			threshold: 2,
			unit: 'count',
			message: `${o.org_name ?? o.org_id} (${o.plan}, ARR ${o.arr_amount === null || o.arr_amount === undefined ? 'unknown' : formatMetric(Number(o.arr_amount), 'money', currency)}) filed ${o.incident_count} P0/P1 tickets in 30 days, ${o.still_open} still open: alert ${csm ? `CSM ${csm}` : 'its CSM'}.`,
			tickets: { org: String(o.org_id), priority: 'P0,P1', from: addLocalDays(weekEnd, -30), to: weekEnd, as_of: q.asOf, tz: q.tz },
			detail: redactRow(o)
		});
	}

	if (churn.length > MAX_CHURN_FLAGS) {
		const more = churn.length - MAX_CHURN_FLAGS;
		rows.push({
			flag: 'churn_signal',
			subject: `${more} more high-value orgs`,
			week: q.week,
			value: more,
			threshold: 2,
			unit: 'count',
			message: `${more} more high-value orgs filed 2+ P0/P1 tickets in 30 days (the ${MAX_CHURN_FLAGS} above filed the most); their tickets are among the P0/P1 tickets of those 30 days.`,
			tickets: { priority: 'P0,P1', from: addLocalDays(weekEnd, -30), to: weekEnd, as_of: q.asOf, tz: q.tz },
			detail: { more_orgs: more, orgs_listed: MAX_CHURN_FLAGS }
		});
	}

	// 6. Top movers for the product team.
	for (const m of movers) {
		const baseline = Number(m.baseline_weekly);
		rows.push({
			flag: 'top_mover',
			subject: `${m.kind} ${m.value}`,
			week: q.week,
			value: Number(m.week_count),
			threshold: null,
			unit: 'count',
			message: `${m.kind === 'tag' ? 'Tag' : 'Category'} "${m.value}" rose to ${m.week_count} tickets from a trailing 8-week level of ${baseline.toFixed(1)} a week (z = ${Number(m.z_score).toFixed(1)}).`,
			tickets: drill('tickets_created', m.kind === 'category' ? { category: String(m.value) } : {}),
			detail: m
		});
	}

	const filters = appliedFilters(q.where);
	return {
		meta: { week: q.week, week_start: weekStart, week_end: weekEnd, tz: q.tz, as_of: q.asOf, hours: frt.meta.hours, filters, not_evaluated: notEvaluated },
		// Subjects and messages quote org names, tags and categories, which can hold an address.
		rows: rows.map((row) => ({ ...row, subject: redactText(row.subject), message: redactText(row.message) }))
	};
}

/**
 * Reads `week` (default: the last complete ISO week before as_of) on top of a KPI query. A
 * week that has not begun at as_of is refused: its zeros would read as a fall to nothing.
 */
export function parseFlagsQuery(search: URLSearchParams, base: KpiQuery): FlagsQuery {
	const week = search.get('week')?.trim() || lastCompleteWeek(base.asOf, base.tz);
	if (weekProgress(week, base.asOf, base.tz) === 'future') {
		const current = isoWeekLabel(addLocalDays(isoWeekStart(lastCompleteWeek(base.asOf, base.tz)), 7));
		throw new FilterError('week', `${week} has not begun as of ${base.asOf} (${base.tz}): the latest week is ${current}, still under way`);
	}
	return { ...base, week };
}
