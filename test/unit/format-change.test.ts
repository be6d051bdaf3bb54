import { describe, expect, it } from 'vitest';
import { changeOf, changeSize, formatChange } from '../../src/lib/format';

// A rate's change is in points, with the previous value beside it; counts, durations and
// money change relatively. SLA achievement 85.6 % -> 75.9 % is 9.7 points, not "-11 %".
describe('the change of a metric', () => {
	it('measures a rate in points', () => {
		const c = changeOf(0.759, 0.856, 'rate')!;
		expect(c.kind).toBe('points');
		expect(c.value).toBeCloseTo(-9.7, 10);
		expect(formatChange(c)).toBe('−9.7 pts');
		expect(changeSize(c)).toBe('9.7 points');
		expect(formatChange(changeOf(0.03, 0.02, 'rate'))).toBe('+1.0 pts');
		// From zero a rate still has a change in points; a count has none.
		expect(formatChange(changeOf(0.25, 0, 'rate'))).toBe('+25.0 pts');
		expect(changeOf(4, 0, 'count')).toBeNull();
	});

	it('measures counts, durations and money relatively', () => {
		expect(formatChange(changeOf(841, 751, 'count'))).toBe('+12 %');
		expect(formatChange(changeOf(45, 60, 'minutes'))).toBe('−25 %');
		expect(changeSize(changeOf(56924, 60000, 'money')!)).toBe('5 %');
		expect(formatChange(changeOf(10, 10, 'count'))).toBe('±0 %');
	});

	it('has none without both values', () => {
		expect(changeOf(null, 0.5, 'rate')).toBeNull();
		expect(changeOf(0.5, undefined, 'rate')).toBeNull();
		expect(formatChange(null)).toBe('–');
	});
});
