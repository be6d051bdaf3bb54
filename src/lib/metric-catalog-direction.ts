import type { Change } from './format';

/**
 * Which way a metric's change is good news, for the cards' and the review's colours:
 * `up` (more is better, the default), `down` (a rise is bad news: waits, reopens, cost) or
 * `neutral` (a change is news, neither good nor bad: ticket volume). Declared once here, so
 * the overview and the weekly review cannot judge one metric two ways.
 */
export type MetricDirection = 'up' | 'down' | 'neutral';

const DIRECTIONS: Record<string, MetricDirection> = {
	tickets_created: 'neutral',
	frt_median_min: 'down',
	resolution_median_min: 'down',
	backlog_open: 'down',
	reopen_rate: 'down',
	cost_per_ticket: 'down',
	cost_per_customer: 'down'
};

/** The direction of `metric`; `up` for every metric not declared otherwise. */
export function metricDirection(metric: string): MetricDirection {
	return DIRECTIONS[metric] ?? 'up';
}

/**
 * The colour of a change of a metric going `direction`: 'good', 'bad', or '' when there is
 * no change, it is neutral, or the value is still maturing (its change is no news yet).
 */
export function changeTone(change: Change | null, direction: { lowerIsBetter: boolean; neutral: boolean; maturity?: unknown }): 'good' | 'bad' | '' {
	if (change === null || change.value === 0 || direction.neutral || direction.maturity) return '';
	return change.value > 0 !== direction.lowerIsBetter ? 'good' : 'bad';
}
