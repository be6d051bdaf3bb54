/**
 * Whether a period's value is still maturing: outcomes not decided at as_of that a later
 * as_of will settle. A week reviewed on Monday morning still holds tickets nobody has
 * answered yet (missing from its FRT median) and tickets within an SLA target that has not
 * run out (counted as met so far): its SLA achievement and FRT read better than they will
 * settle, so a change against a settled week would be news that is not (docs/metrics.md).
 */
import { metricInfo } from './metric-catalog';

/** At this share of undecided items or more, a value is marked maturing and no change is computed. */
export const MATURING_SHARE = 0.05;

export interface Maturity {
	/** Items whose outcome is not decided at as_of. */
	undecided: number;
	/** The tickets they are among. */
	of: number;
}

/**
 * The maturity of a metric's value from its sample: `n` the items behind the value and
 * `undecided` those not decided (KPI samples' `n` and `undecided`). An FRT median's sample
 * leaves the unanswered tickets out; an SLA rate's counts them as met. Null when settled.
 */
export function maturity(metric: string, n: number | undefined, undecided: number | undefined): Maturity | null {
	if (!undecided || undecided <= 0) return null;
	const of = metricInfo(metric)?.undecided === 'unanswered' ? (n ?? 0) + undecided : (n ?? 0);
	return of > 0 && undecided / of >= MATURING_SHARE ? { undecided, of } : null;
}

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "126 of 906 tickets not answered yet" (FRT) or "179 of 906 tickets within a target not reached yet" (SLA). */
export function maturityWords(metric: string, m: Maturity): string {
	const what = metricInfo(metric)?.undecided === 'unanswered' ? 'not answered yet' : 'within a target not reached yet';
	return `${count.format(m.undecided)} of ${count.format(m.of)} tickets ${what}`;
}
