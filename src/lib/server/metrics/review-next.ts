import type { Database } from '../db/database';
import { kpiQuerySearch, parseKpiQuery, type KpiQuery } from '../../filters';
import { computeForecast, parseForecastQuery, TOTAL_SERIES, type ForecastResult } from './forecast';
import { computeAnomalies, type AnomalyRow, type KpiAnomalyRow } from './anomalies';
import { addLocalDays, isoWeekStart, localMidnight } from '../../periods';
import { listPilotSummaries } from './pilots';
import { describeGroup } from '../../pilots';

/** Anomalies the review lists, the most significant first. */
export const REVIEW_ANOMALIES = 10;

/**
 * The weekly review's "Next" section: the week's volume anomalies (computeAnomalies, as the
 * API gives them) and the staffing outlook from the ticket forecast (the same
 * computeForecast the staffing page reads, with its default scenario), in sentences.
 */
export interface ReviewNext {
	/** The week's anomalies, at most REVIEW_ANOMALIES, with their tickets. */
	anomalies: AnomalyRow[];
	/** How many series were flagged in all (more than listed when over REVIEW_ANOMALIES). */
	anomaliesFlagged: number;
	/** The week's KPI anomalies (FRT, CSAT, reopen rate overall and per segment), all of them. */
	kpiAnomalies: KpiAnomalyRow[];
	/** The staffing sentences, in the order the review prints them. */
	staffing: string[];
	/** The staffing page with the review's filters, where the outlook can be changed. */
	href: string;
	/** The pilots running in the review week, each with its verdict as of the review's as_of. */
	pilots: ReviewPilot[];
}

export interface ReviewPilot {
	pilot_id: number;
	name: string;
	/** "Export article kb-217 (category how_to, tag export; week 4 of the pilot): Not enough data yet: ..." */
	sentence: string;
	status: string;
	href: string;
}

const whole = (v: number) => Math.round(v).toLocaleString('en-US');
const one = (v: number) => (Math.round(v * 10) / 10).toLocaleString('en-US');
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

/** The review week's anomalies, and the default forecast of its filters as of its as_of, and what they say. */
export async function reviewNext(db: Database, q: KpiQuery & { week: string }): Promise<ReviewNext> {
	const weekStart = isoWeekStart(q.week);
	const anomaliesPending = computeAnomalies(db, { ...q, windowFrom: weekStart, windowTo: addLocalDays(weekStart, 7), week: q.week });
	anomaliesPending.catch(() => undefined);
	// The staffing page's default view of the same filters, zone and as_of: one cache entry for
	// both (the import's warm-up computes each page's default once, not this forecast twice).
	const search = kpiQuerySearch({ tz: q.tz, where: q.where });
	search.set('as_of', q.asOf);
	const forecast = await computeForecast(db, parseForecastQuery(search, parseKpiQuery(search)));
	const anomalies = await anomaliesPending;
	const pilots = await runningPilots(db, q, weekStart);
	return {
		pilots,
		anomalies: anomalies.rows.slice(0, REVIEW_ANOMALIES),
		anomaliesFlagged: anomalies.rows.length,
		kpiAnomalies: anomalies.kpis,
		staffing: outlookSentences(forecast),
		href: `/staffing?${search}`
	};
}

/**
 * The pilots that ran during the review week (started before its end, not ended before its
 * start), each with its verdict read at the review's as_of. Pilots are not filtered by the
 * review's filters: a pilot names its own groups.
 */
async function runningPilots(db: Database, q: KpiQuery, weekStart: string): Promise<ReviewPilot[]> {
	const from = localMidnight(weekStart, q.tz);
	const to = localMidnight(addLocalDays(weekStart, 7), q.tz);
	const pilots = await listPilotSummaries(db, q, (p) => Date.parse(p.starts_at) < to && (p.ends_at === null || Date.parse(p.ends_at) > from));
	return pilots.map((p) => ({
		pilot_id: p.pilot_id,
		name: p.name,
		sentence: `${p.name} (${describeGroup(p.treated)}; ${p.after_weeks} complete week${p.after_weeks === 1 ? '' : 's'}): ${p.verdict.text}`,
		status: p.verdict.status,
		href: `/pilots/${p.pilot_id}`
	}));
}

export function outlookSentences(f: ForecastResult): string[] {
	const ahead = f.rows.filter((r) => r.is_total && r.kind === 'forecast');
	if (!ahead.length) return ['No forecast: no complete week of inbound tickets for these filters.'];
	const next = ahead[1] ?? ahead[0];
	const sentences = [
		`Tickets: ${whole(next.forecast!)} expected in ${next.week} (80 % interval ${whole(next.lo_80!)}–${whole(next.hi_80!)}), ${whole(ahead.reduce((s, r) => s + r.forecast!, 0))} over the ${ahead.length} weeks from ${ahead[0].week}.`
	];
	const accuracy = f.meta.accuracy.find((a) => a.series === TOTAL_SERIES);
	if (accuracy && accuracy.mape !== null && accuracy.baseline_mape !== null) {
		sentences.push(
			`In the backtest the forecast missed by ${pct(accuracy.mape)} on average (${accuracy.beats_baseline ? 'better than' : 'no better than'} the seasonal naive ${pct(accuracy.baseline_mape)}).`
		);
	}
	const s = f.meta.staffing;
	if (s?.peak) {
		const onHand = s.current_agents.value;
		const source = { entered: 'entered', costs: 'agent FTE of the imported costs', assignees: 'assignees active in the last 4 weeks' }[s.current_agents.source ?? 'entered'];
		const against = onHand === null ? 'with no agent count to compare' : `against ${one(onHand)} on hand (${source})`;
		sentences.push(`Agents: the forecast needs ${one(s.peak.fte)} FTE at its peak (${s.peak.week}) ${against}.`);
		if (s.hiring_trigger) {
			sentences.push(`Hiring trigger: from ${s.hiring_trigger.week} the need (${one(s.hiring_trigger.fte)} FTE) passes the agents on hand.`);
		} else if (onHand !== null) {
			sentences.push(`No hiring trigger within ${ahead.length} weeks.`);
		}
	} else if (s) {
		sentences.push('Agents: not computed; a channel has no handle time (see the staffing page).');
	}
	return sentences;
}
