import type { Change } from './format';

/**
 * The colour of a change of a metric going the way its registry entry says (`direction`):
 * 'good', 'bad', or '' when there is no change, it is neutral, or the value is still maturing
 * (its change is no news yet). The overview's cards, the review page and the review document
 * colour through this one function, so they cannot judge one metric two ways.
 */
export function changeTone(change: Change | null, direction: { lowerIsBetter: boolean; neutral: boolean; maturity?: unknown }): 'good' | 'bad' | '' {
	if (change === null || change.value === 0 || direction.neutral || direction.maturity) return '';
	return change.value > 0 !== direction.lowerIsBetter ? 'good' : 'bad';
}
