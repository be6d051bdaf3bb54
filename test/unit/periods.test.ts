import { describe, expect, it } from 'vitest';
import { coveredPeriodLabel, periodEnd, periodMark, periodStatus } from '../../src/lib/periods';

// Sunday 2026-11-15 ends the demo data; as of Wednesday 2026-11-18 12:00 UTC, ISO week
// 2026-W47 (Nov 16-22) is under way.
const AS_OF = '2026-11-18T12:00:00Z';
const open = { from: null, to: null, asOf: AS_OF, tz: 'UTC' };

describe('periodStatus', () => {
	it('calls the week under way "so far" and the week before it complete', () => {
		expect(periodStatus('2026-11-16', 'week', open)).toBe('so far');
		expect(periodStatus('2026-11-09', 'week', open)).toBe('complete');
	});

	it('ends a period at local midnight of the zone: Monday 00:30 in Berlin is still Sunday in UTC', () => {
		const mondayBerlin = { ...open, asOf: '2026-11-15T23:30:00Z' };
		expect(periodStatus('2026-11-09', 'week', { ...mondayBerlin, tz: 'UTC' })).toBe('so far');
		expect(periodStatus('2026-11-09', 'week', { ...mondayBerlin, tz: 'Europe/Berlin' })).toBe('complete');
	});

	it('marks a month cut by the range at its start or its end as partial', () => {
		// from 2026-09-15: September holds 16 of its 30 days.
		expect(periodStatus('2026-09-01', 'month', { ...open, from: '2026-09-15', to: '2026-11-01' })).toBe('partial');
		expect(periodStatus('2026-10-01', 'month', { ...open, from: '2026-09-15', to: '2026-11-01' })).toBe('complete');
		// to 2026-10-20: October is over at as_of, but the range holds 19 of its 31 days.
		expect(periodStatus('2026-10-01', 'month', { ...open, from: '2026-09-01', to: '2026-10-20' })).toBe('partial');
	});

	it('calls a quarter under way "so far" even when a one-week range is all of it that is asked', () => {
		expect(periodStatus('2026-10-01', 'quarter', open)).toBe('so far');
		// The range is one complete week of 2026-Q4: the quarter's numbers are that week's only.
		expect(periodStatus('2026-10-01', 'quarter', { ...open, from: '2026-11-09', to: '2026-11-16' })).toBe('partial');
	});

	it('says a period (or its part inside the range) that has not begun at as_of is "not begun"', () => {
		expect(periodStatus('2026-11-23', 'week', open)).toBe('not begun');
		expect(periodStatus('2026-12-01', 'month', open)).toBe('not begun');
		// November has begun, but the range starts on the 20th, after as_of.
		expect(periodStatus('2026-11-01', 'month', { ...open, from: '2026-11-20' })).toBe('not begun');
	});

	it('keeps a whole day complete once as_of reaches the next local midnight', () => {
		expect(periodStatus('2026-11-17', 'day', open)).toBe('complete');
		expect(periodStatus('2026-11-18', 'day', open)).toBe('so far');
		expect(periodStatus('2026-11-17', 'day', { ...open, asOf: '2026-11-18T00:00:00Z' })).toBe('complete');
	});
});

describe('period marks and labels', () => {
	it('writes the table mark of an incomplete period, nothing for a complete one', () => {
		expect(periodMark('complete')).toBe('');
		expect(periodMark('so far')).toBe('(so far)');
		expect(periodMark('partial')).toBe('(partial)');
	});

	it('labels a period by the dates covered when the range holds only part of it', () => {
		expect(periodEnd('2026-10-01', 'quarter')).toBe('2027-01-01');
		expect(coveredPeriodLabel('2026-Q4', '2026-10-01', 'quarter', { from: '2026-11-09', to: '2026-11-16' })).toBe('2026-11-09 to 2026-11-16 (exclusive), in 2026-Q4');
		expect(coveredPeriodLabel('2026-Q4', '2026-10-01', 'quarter', { from: null, to: null })).toBe('2026-Q4');
		expect(coveredPeriodLabel('2026-Q4', '2026-10-01', 'quarter', { from: '2026-10-01', to: '2027-01-01' })).toBe('2026-Q4');
	});
});
