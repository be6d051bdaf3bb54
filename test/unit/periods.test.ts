import { describe, expect, it } from 'vitest';
import {
	addLocalDays,
	coveredPeriodLabel,
	daysBetween,
	isCalendarDate,
	isoWeekLabel,
	isoWeekStart,
	lastCompleteWeek,
	lastLocalDate,
	lastWeeks,
	latestCompleteStart,
	localDate,
	localMidnight,
	periodEnd,
	periodMark,
	periodRange,
	periodStatus,
	periodsBefore,
	signupMonthsFrom,
	weekProgress
} from '../../src/lib/periods';

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

// Calendar facts the cases below rest on: 2026-01-01 and 2026-12-31 are Thursdays, so 2026 has
// 53 ISO weeks and 2027-W01 starts on Monday 2027-01-04; 2025 has 52. Europe/Berlin leaves
// CET (+1) for CEST (+2) on 2026-03-29 and returns on 2026-10-25.
describe('local dates', () => {
	it('reads the day of an instant in the zone, and the day before an as_of at midnight', () => {
		expect(localDate('2026-03-29T00:30:00Z', 'Europe/Berlin')).toBe('2026-03-29');
		expect(localDate('2026-03-28T22:30:00Z', 'Europe/Berlin')).toBe('2026-03-28');
		expect(localDate('2026-03-28T23:30:00Z', 'Europe/Berlin')).toBe('2026-03-29');
		expect(lastLocalDate('2026-11-16T00:00:00Z', 'UTC')).toBe('2026-11-15');
		expect(lastLocalDate('2026-11-16T00:00:01Z', 'UTC')).toBe('2026-11-16');
	});

	it('finds local midnight on both DST days in Berlin', () => {
		// Midnight before the spring change is still CET, the one after it CEST; the autumn change alike.
		expect(new Date(localMidnight('2026-03-29', 'Europe/Berlin')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
		expect(new Date(localMidnight('2026-03-30', 'Europe/Berlin')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
		expect(new Date(localMidnight('2026-10-25', 'Europe/Berlin')).toISOString()).toBe('2026-10-24T22:00:00.000Z');
		expect(new Date(localMidnight('2026-10-26', 'Europe/Berlin')).toISOString()).toBe('2026-10-25T23:00:00.000Z');
		expect(new Date(localMidnight('2026-11-16', 'UTC')).toISOString()).toBe('2026-11-16T00:00:00.000Z');
	});

	it('moves and measures calendar days across DST days, month ends and the year end', () => {
		expect(addLocalDays('2026-03-28', 1)).toBe('2026-03-29');
		expect(addLocalDays('2026-03-29', 1)).toBe('2026-03-30');
		expect(addLocalDays('2026-10-25', -1)).toBe('2026-10-24');
		expect(addLocalDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addLocalDays('2024-03-01', -1)).toBe('2024-02-29');
		expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
		expect(daysBetween('2026-10-01', '2026-11-01')).toBe(31);
		expect(daysBetween('2026-11-16', '2026-11-09')).toBe(-7);
	});

	it('accepts only days that exist on the calendar', () => {
		expect(isCalendarDate('2024-02-29')).toBe(true);
		expect(isCalendarDate('2026-12-31')).toBe(true);
		expect(isCalendarDate('2026-02-29')).toBe(false);
		expect(isCalendarDate('2026-04-31')).toBe(false);
		expect(isCalendarDate('2026-13-01')).toBe(false);
		expect(isCalendarDate('2026-1-01')).toBe(false);
	});
});

describe('period ends and steps', () => {
	it('ends each grain on the right day across month and year ends', () => {
		expect(periodEnd('2026-12-31', 'day')).toBe('2027-01-01');
		expect(periodEnd('2026-12-28', 'week')).toBe('2027-01-04');
		expect(periodEnd('2024-02-01', 'month')).toBe('2024-03-01');
		expect(periodEnd('2026-12-01', 'month')).toBe('2027-01-01');
		expect(periodEnd('2026-11-01', 'quarter')).toBe('2027-02-01');
		expect(periodRange('2026-03-29', 'day')).toEqual({ from: '2026-03-29', to: '2026-03-30' });
	});

	it('steps back (and forward, with a negative count) by whole periods', () => {
		expect(periodsBefore('2027-01-04', 'week', 1)).toBe('2026-12-28');
		expect(periodsBefore('2026-01-01', 'quarter', 1)).toBe('2025-10-01');
		expect(periodsBefore('2026-03-01', 'month', -10)).toBe('2027-01-01');
		expect(periodsBefore('2026-11-09', 'week', 11)).toBe('2026-08-24');
		expect(periodsBefore('2026-03-30', 'day', 2)).toBe('2026-03-28');
	});

	it('takes the newest period over by as_of in the zone, and by an exclusive to', () => {
		const months = ['2026-10-01', '2026-11-01'];
		// 23:30 UTC on Nov 30 is already December 1st in Berlin: November is over there.
		expect(latestCompleteStart(months, 'month', '2026-11-30T23:30:00Z', 'Europe/Berlin')).toBe('2026-11-01');
		expect(latestCompleteStart(months, 'month', '2026-11-30T23:30:00Z', 'UTC')).toBe('2026-10-01');
		expect(latestCompleteStart(months, 'month', '2026-12-15T00:00:00Z', 'UTC', '2026-11-20')).toBe('2026-10-01');
		expect(latestCompleteStart(['2026-11-01'], 'month', '2026-11-15T00:00:00Z', 'UTC')).toBeNull();
	});
});

describe('ISO weeks', () => {
	it('labels the days around the year end of a 53-week year', () => {
		expect(isoWeekLabel('2026-12-28')).toBe('2026-W53');
		expect(isoWeekLabel('2026-12-31')).toBe('2026-W53');
		expect(isoWeekLabel('2027-01-01')).toBe('2026-W53');
		expect(isoWeekLabel('2027-01-03')).toBe('2026-W53');
		expect(isoWeekLabel('2027-01-04')).toBe('2027-W01');
		// 2024-12-30 is a Monday in the week of 2025-01-02: week 1 of 2025.
		expect(isoWeekLabel('2024-12-30')).toBe('2025-W01');
	});

	it('finds the Monday of a week, week 53 only where the year has one', () => {
		expect(isoWeekStart('2026-W53')).toBe('2026-12-28');
		expect(isoWeekStart('2027-W01')).toBe('2027-01-04');
		expect(isoWeekStart('2025-W01')).toBe('2024-12-30');
		expect(isoWeekStart('2026-W47')).toBe('2026-11-16');
		expect(() => isoWeekStart('2025-W53')).toThrow('2025-W53 does not exist (that year has 52 ISO weeks)');
		expect(() => isoWeekStart('2026-W54')).toThrow('week must be an ISO week such as 2026-W46, got "2026-W54"');
		expect(() => isoWeekStart('2026-47')).toThrow('week must be an ISO week');
	});

	it('looks back on the last complete week from the local Monday of the zone', () => {
		// Monday 2027-01-04 00:30 in Berlin is still Sunday in UTC.
		expect(lastCompleteWeek('2027-01-03T23:30:00Z', 'Europe/Berlin')).toBe('2026-W53');
		expect(lastCompleteWeek('2027-01-03T23:30:00Z', 'UTC')).toBe('2026-W52');
		expect(lastCompleteWeek('2026-11-18T12:00:00Z', 'UTC')).toBe('2026-W46');
	});

	it('tells a week over, under way and not begun', () => {
		expect(weekProgress('2026-W46', AS_OF, 'UTC')).toBe('complete');
		expect(weekProgress('2026-W47', AS_OF, 'UTC')).toBe('so far');
		expect(weekProgress('2026-W48', AS_OF, 'UTC')).toBe('future');
	});

	it('spans the last whole weeks up to as_of, a Monday-midnight as_of ending with the week before', () => {
		expect(lastWeeks('2026-11-16T00:00:00Z', 'UTC', 12)).toEqual({ from: '2026-08-24', to: '2026-11-16' });
		expect(lastWeeks('2026-11-18T12:00:00Z', 'UTC', 2)).toEqual({ from: '2026-11-09', to: '2026-11-23' });
		// Across the year end of a 53-week year.
		expect(lastWeeks('2027-01-06T12:00:00Z', 'UTC', 2)).toEqual({ from: '2026-12-28', to: '2027-01-11' });
	});
});

describe('signup months', () => {
	it('counts months back from the month of the last instant before as_of, in the zone', () => {
		expect(signupMonthsFrom('2026-11-18T12:00:00Z', 'UTC', 12)).toBe('2025-12-01');
		// Midnight of January 1st belongs to December.
		expect(signupMonthsFrom('2026-01-01T00:00:00Z', 'UTC', 12)).toBe('2025-01-01');
		// 23:30 UTC on Dec 31 is already January in Berlin.
		expect(signupMonthsFrom('2025-12-31T23:30:00Z', 'Europe/Berlin', 12)).toBe('2025-02-01');
		expect(signupMonthsFrom('2026-03-31T12:00:00Z', 'UTC', 1)).toBe('2026-03-01');
	});
});
