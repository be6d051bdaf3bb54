/**
 * UTC calendar arithmetic for the demo generator. Days are whole numbers counted from
 * 1970-01-01 ("epoch days") and instants are whole seconds since the epoch, so the hot loop
 * never builds Date objects.
 */

export const SECONDS_PER_DAY = 86_400;
/** A minute and an hour in seconds, the unit of every instant. */
export const MINUTE = 60;
export const HOUR = 3600;

const MS_PER_DAY = SECONDS_PER_DAY * 1000;

/** Epoch day of a 'YYYY-MM-DD' date. */
export function dayOfIsoDate(date: string): number {
	const [y, m, d] = date.split('-').map(Number);
	return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** Epoch day of a calendar date (month 1-12). */
export function dayOf(year: number, month: number, dayOfMonth: number): number {
	return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;
}

/** 'YYYY-MM-DD' of an epoch day. */
export function isoDateOfDay(day: number): string {
	return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday of an epoch day: 1 = Monday .. 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
	return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Epoch day of the Monday of the ISO week containing `day`. */
export function mondayOf(day: number): number {
	return day - (isoWeekday(day) - 1);
}

/** Calendar year, month (1-12) and day of month of an epoch day. */
export function partsOfDay(day: number): { year: number; month: number; dayOfMonth: number } {
	const d = new Date(day * MS_PER_DAY);
	return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, dayOfMonth: d.getUTCDate() };
}

/** Number of days in a month (month 1-12). */
export function daysInMonth(year: number, month: number): number {
	return dayOf(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - dayOf(year, month, 1);
}

/** Epoch day of the n-th (1-based) given ISO weekday of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
	const first = dayOf(year, month, 1);
	const offset = (weekday - isoWeekday(first) + 7) % 7;
	return first + offset + 7 * (n - 1);
}

/** Epoch day of the last given ISO weekday of a month. */
function lastWeekday(year: number, month: number, weekday: number): number {
	const last = dayOf(year, month, daysInMonth(year, month));
	return last - ((isoWeekday(last) - weekday + 7) % 7);
}

export interface Holiday {
	day: number;
	name: string;
}

/**
 * A fixed-date holiday moved to the weekday offices close on: a Saturday holiday is observed
 * on the Friday before, a Sunday one on the Monday after (the federal rule).
 */
function observed(day: number, name: string): Holiday {
	const weekday = isoWeekday(day);
	if (weekday === 6) return { day: day - 1, name: `${name} (observed)` };
	if (weekday === 7) return { day: day + 1, name: `${name} (observed)` };
	return { day, name };
}

/** The seven US federal holidays support teams usually close for, as observed in `year`. */
export function usFederalHolidays(year: number): Holiday[] {
	return [
		observed(dayOf(year, 1, 1), "New Year's Day"),
		{ day: nthWeekday(year, 1, 1, 3), name: 'Martin Luther King Jr. Day' },
		{ day: lastWeekday(year, 5, 1), name: 'Memorial Day' },
		observed(dayOf(year, 7, 4), 'Independence Day'),
		{ day: nthWeekday(year, 9, 1, 1), name: 'Labor Day' },
		{ day: nthWeekday(year, 11, 4, 4), name: 'Thanksgiving Day' },
		observed(dayOf(year, 12, 25), 'Christmas Day')
	];
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/**
 * Formats instants as ISO 8601 UTC ('2026-03-02T09:30:00Z'). The date part of each day is
 * computed once and cached, which keeps formatting out of the generator's profile.
 */
export class TimestampFormatter {
	private readonly datePrefixes = new Map<number, string>();

	/** 'YYYY-MM-DDTHH:MM:SSZ' of an instant in whole seconds since the epoch. */
	format(seconds: number): string {
		const day = Math.floor(seconds / SECONDS_PER_DAY);
		let prefix = this.datePrefixes.get(day);
		if (prefix === undefined) {
			prefix = `${isoDateOfDay(day)}T`;
			this.datePrefixes.set(day, prefix);
		}
		const secondOfDay = seconds - day * SECONDS_PER_DAY;
		const hour = Math.floor(secondOfDay / 3600);
		const minute = Math.floor((secondOfDay % 3600) / 60);
		return `${prefix}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[secondOfDay % 60]}Z`;
	}
}

/**
 * Hours America/New_York is behind UTC on a local day: 4 in daylight saving time (second
 * Sunday of March to first Sunday of November, the US rule since 2007), else 5. The switch
 * happens at 02:00 local, before any support schedule opens, so a whole day has one offset.
 */
export function newYorkHoursBehindUtc(day: number): number {
	const { year } = partsOfDay(day);
	const dstStart = nthWeekday(year, 3, 7, 2);
	const dstEnd = nthWeekday(year, 11, 7, 1);
	return day >= dstStart && day < dstEnd ? 4 : 5;
}
