import { describe, expect, it } from 'vitest';
import { describeSchedule, dueOccurrence, nextOccurrence, parseSchedule } from '../../src/lib/server/delivery/schedule';
import { UserError } from '../../src/lib/server/auth/users';

const next = (schedule: string, tz: string, after: string) => nextOccurrence(schedule, tz, new Date(after))?.toISOString();
const MONDAY_8 = '0 8 * * 1';

describe('parseSchedule', () => {
	it('takes five cron fields and the nicknames, and says what is wrong with the rest', () => {
		expect(parseSchedule(' 0  8 * * 1 ', 'Europe/Berlin')).toBe(MONDAY_8);
		expect(parseSchedule('@weekly', 'UTC')).toBe(MONDAY_8);
		expect(next('0 8 * * MON', 'Europe/Berlin', '2026-03-23T07:00:00Z')).toBe('2026-03-30T06:00:00.000Z');
		expect(parseSchedule('@monthly', 'UTC')).toBe('0 8 1W * *');
		expect(() => parseSchedule('0 0 8 * * 1', 'UTC')).toThrow(/five cron fields/);
		expect(() => parseSchedule('61 8 * * 1', 'UTC')).toThrow(UserError);
		expect(() => parseSchedule('0 8 * * 1', 'Mars/Olympus')).toThrow(/not a time zone/);
		expect(() => parseSchedule('0 8 30 2 *', 'UTC')).toThrow(UserError);
	});
});

describe('schedules across DST switches and zones (a fixed clock)', () => {
	it('Mondays 08:00 in Berlin stay 08:00 local when Europe springs forward and falls back', () => {
		// 29 March 2026: CET (+1) to CEST (+2); 25 October 2026: back to CET.
		expect(next(MONDAY_8, 'Europe/Berlin', '2026-03-23T07:00:00Z')).toBe('2026-03-30T06:00:00.000Z');
		expect(next(MONDAY_8, 'Europe/Berlin', '2026-03-22T00:00:00Z')).toBe('2026-03-23T07:00:00.000Z');
		expect(next(MONDAY_8, 'Europe/Berlin', '2026-10-19T06:00:00Z')).toBe('2026-10-26T07:00:00.000Z');
	});

	it('follows each zone\'s own switch: New York on 8 March, Sydney (southern hemisphere) on 5 April, Kolkata never', () => {
		expect(next(MONDAY_8, 'America/New_York', '2026-03-02T13:00:00Z')).toBe('2026-03-09T12:00:00.000Z');
		expect(next(MONDAY_8, 'America/New_York', '2026-03-01T00:00:00Z')).toBe('2026-03-02T13:00:00.000Z');
		// AEDT (+11) until 5 April, then AEST (+10).
		expect(next(MONDAY_8, 'Australia/Sydney', '2026-03-29T00:00:00Z')).toBe('2026-03-29T21:00:00.000Z');
		expect(next(MONDAY_8, 'Australia/Sydney', '2026-03-30T00:00:00Z')).toBe('2026-04-05T22:00:00.000Z');
		expect(next(MONDAY_8, 'Asia/Kolkata', '2026-03-29T00:00:00Z')).toBe('2026-03-30T02:30:00.000Z');
	});

	it('a daily time the spring-forward skips runs once that day, and one the fall-back repeats runs once', () => {
		const daily = '30 2 * * *';
		// 02:30 does not exist in Berlin on 29 March 2026: run at 03:00 CEST, once.
		expect(next(daily, 'Europe/Berlin', '2026-03-28T02:00:00Z')).toBe('2026-03-29T01:00:00.000Z');
		expect(next(daily, 'Europe/Berlin', '2026-03-29T01:00:00Z')).toBe('2026-03-30T00:30:00.000Z');
		// 02:30 happens twice on 25 October 2026 (CEST, then CET): one period, the first.
		const due = dueOccurrence(daily, 'Europe/Berlin', new Date('2026-10-24T12:00:00Z'), new Date('2026-10-26T00:00:00Z'));
		expect(due).toEqual({ period: new Date('2026-10-25T00:30:00Z'), skipped: 0 });
	});

	it('the first weekday of the month moves off a weekend', () => {
		// 1 August 2026 is a Saturday: Monday 3 August, 08:00 CEST.
		expect(next('0 8 1W * *', 'Europe/Berlin', '2026-07-15T00:00:00Z')).toBe('2026-08-03T06:00:00.000Z');
		// 1 September 2026 is a Tuesday.
		expect(next('0 8 1W * *', 'Europe/Berlin', '2026-08-04T00:00:00Z')).toBe('2026-09-01T06:00:00.000Z');
	});
});

describe('dueOccurrence', () => {
	const after = new Date('2026-06-08T06:00:00Z');
	it('is the latest scheduled instant in (after, now], inclusive of now, none before its time', () => {
		expect(dueOccurrence(MONDAY_8, 'Europe/Berlin', after, new Date('2026-06-15T05:59:59Z'))).toBeNull();
		expect(dueOccurrence(MONDAY_8, 'Europe/Berlin', after, new Date('2026-06-15T06:00:00Z'))).toEqual({ period: new Date('2026-06-15T06:00:00Z'), skipped: 0 });
		// The period already sent is not due again.
		expect(dueOccurrence(MONDAY_8, 'Europe/Berlin', new Date('2026-06-15T06:00:00Z'), new Date('2026-06-15T09:00:00Z'))).toBeNull();
	});

	it('after three weeks down owes the latest Monday and counts the two it skips', () => {
		expect(dueOccurrence(MONDAY_8, 'Europe/Berlin', after, new Date('2026-07-01T00:00:00Z'))).toEqual({ period: new Date('2026-06-29T06:00:00Z'), skipped: 2 });
	});
});

describe('describeSchedule', () => {
	it('says the common schedules in words, always with the zone', () => {
		expect(describeSchedule(MONDAY_8, 'Europe/Berlin')).toBe('Mondays at 08:00 (Europe/Berlin)');
		expect(describeSchedule('30 7 * * *', 'UTC')).toBe('every day at 07:30 (UTC)');
		expect(describeSchedule('0 9 * * 1-5', 'UTC')).toBe('weekdays at 09:00 (UTC)');
		expect(describeSchedule('30 8 * * MON', 'UTC')).toBe('Mondays at 08:30 (UTC)');
		expect(describeSchedule('0 9 * * mon-fri', 'UTC')).toBe('weekdays at 09:00 (UTC)');
		expect(describeSchedule('0 8 1W * *', 'UTC')).toBe('the first weekday of the month at 08:00 (UTC)');
		expect(describeSchedule('*/15 * * * *', 'UTC')).toBe('cron "*/15 * * * *" (UTC)');
	});
});
