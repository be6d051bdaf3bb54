/**
 * The targets a metric's value is judged against (docs/metrics.md, "Targets"): the one place
 * the review's highlighted cells, the charts' target lines and the flags read them from.
 */

/** A metric's target: the value it should stay at or above (`min`) or at or below (`max`). */
export interface MetricTarget {
	metric: string;
	bound: 'min' | 'max';
	/** In the metric's unit: a fraction in [0, 1] for a rate. */
	value: number;
	/** Where the number comes from, as docs/metrics.md says it. */
	source: string;
}

/**
 * SLA achievement target: 95 % of the tickets with a target meet every target. The domain
 * documents give per-ticket FRT and resolution targets but no share of tickets that must meet
 * them, so this is deskpulse's default: one breach in twenty, the level at which the premium
 * and enterprise plans' per-breach credits (5 %, 10 %) stay an exception.
 */
export const SLA_ACHIEVEMENT_TARGET = 0.95;

/**
 * The most a single breach rate (first response or resolution) may reach: the share of
 * tickets the achievement target lets miss. Above it, the achievement target cannot be met.
 */
export const SLA_BREACH_RATE_LIMIT = 0.05;

/** CSAT target of the domain documents ("CSAT drops below 85 %" is a hiring trigger). */
export const CSAT_TARGET = 0.85;

export const METRIC_TARGETS: MetricTarget[] = [
	{ metric: 'sla_achievement_rate', bound: 'min', value: SLA_ACHIEVEMENT_TARGET, source: 'deskpulse default (the domain documents state no achievement target)' },
	{ metric: 'sla_frt_breach_rate', bound: 'max', value: SLA_BREACH_RATE_LIMIT, source: 'follows from the SLA achievement target' },
	{ metric: 'sla_resolution_breach_rate', bound: 'max', value: SLA_BREACH_RATE_LIMIT, source: 'follows from the SLA achievement target' },
	{ metric: 'csat_rate', bound: 'min', value: CSAT_TARGET, source: 'domain documents: hiring trigger "CSAT drops below 85 %"' }
];

/** The target of a metric, if it has one. */
export function metricTarget(metric: string): MetricTarget | undefined {
	return METRIC_TARGETS.find((t) => t.metric === metric);
}

/**
 * Whether a value missed its metric's target: below a `min`, above a `max`. A value equal to
 * its target meets it; no value (no ticket under a target) and no target miss nothing.
 */
export function missesTarget(metric: string, value: number | null | undefined): boolean {
	const target = metricTarget(metric);
	if (!target || typeof value !== 'number' || !Number.isFinite(value)) return false;
	return target.bound === 'min' ? value < target.value : value > target.value;
}
