/**
 * The hours agents work, per SLA schedule, and the schedules and holidays files that declare
 * the same hours to the importer.
 */
import {
	HOUR,
	MINUTE,
	SECONDS_PER_DAY,
	isoDateOfDay,
	isoWeekday,
	newYorkHoursBehindUtc,
	partsOfDay,
	usFederalHolidays
} from '../calendar';
import { CsvFile, HEADERS, csvField } from './csv';
import type { Span } from './span';

/**
 * When agents answer a plan's tickets: the team works the hours its SLA schedule promises
 * (business: Mon-Fri 09:00-17:00 New York, extended: Mon-Fri 06:00-22:00 New York, closed on
 * US holidays), so a ticket filed on Friday evening waits for Monday morning. Enterprise
 * tickets and P0 incidents are answered around the clock.
 */
export class SupportHours {
	/** Open hours per local day, computed once: the daylight-saving rule is not free. */
	private readonly byDay = new Map<number, [number, number] | null>();

	constructor(
		private readonly openMinute: number,
		private readonly closeMinute: number,
		private readonly holidays: Set<number> | null
	) {}

	/** Open and close instant (UTC seconds) of a New York local day, or null when closed. */
	private hoursOf(localDay: number): [number, number] | null {
		let hours = this.byDay.get(localDay);
		if (hours === undefined) {
			hours = this.computeHours(localDay);
			this.byDay.set(localDay, hours);
		}
		return hours;
	}

	private computeHours(localDay: number): [number, number] | null {
		if (isoWeekday(localDay) >= 6 || this.holidays?.has(localDay)) return null;
		const shift = localDay * SECONDS_PER_DAY + newYorkHoursBehindUtc(localDay) * HOUR;
		return [shift + this.openMinute * MINUTE, shift + this.closeMinute * MINUTE];
	}

	/** The instant `minutes` of open time after t (the next opening when minutes is 0 and t is outside hours). */
	advance(t: number, minutes: number): number {
		if (this.holidays === null) return t + Math.round(minutes * MINUTE);
		let remaining = Math.round(minutes * MINUTE);
		// Start a day early: an evening opening of the local day before may still be running at t.
		for (let localDay = Math.floor(t / SECONDS_PER_DAY) - 1; ; localDay++) {
			const hours = this.hoursOf(localDay);
			if (!hours || t >= hours[1]) continue;
			const from = Math.max(t, hours[0]);
			const available = hours[1] - from;
			if (remaining <= available) return from + remaining;
			remaining -= available;
		}
	}
}

export type ScheduleId = 'business' | 'extended' | '24x7';

/** The hours of each SLA schedule; business and extended close on the given US holidays (epoch days). */
export function supportHours(usHolidays: Set<number>): Record<ScheduleId, SupportHours> {
	return {
		business: new SupportHours(9 * 60, 17 * 60, usHolidays),
		extended: new SupportHours(6 * 60, 22 * 60, usHolidays),
		'24x7': new SupportHours(0, 24 * 60, null)
	};
}

/** The US federal holidays (observed) of every year the span touches. */
export function holidaysOfSpan(span: Span): Array<{ day: number; name: string }> {
	const first = partsOfDay(span.startDay).year;
	const last = partsOfDay(span.endDay).year;
	const all = [];
	for (let y = first; y <= last; y++) all.push(...usFederalHolidays(y));
	return all;
}

/** Writes schedules.csv: the hours SupportHours keeps. */
export async function writeSchedules(path: string): Promise<void> {
	const file = new CsvFile(path, HEADERS.schedules);
	for (let d = 1; d <= 5; d++) file.add(`business,America/New_York,${d},09:00,17:00`);
	for (let d = 1; d <= 5; d++) file.add(`extended,America/New_York,${d},06:00,22:00`);
	for (let d = 1; d <= 7; d++) file.add(`24x7,UTC,${d},00:00,24:00`);
	await file.close();
}

/** Writes holidays.csv: the holidays of the business and extended schedules. */
export async function writeHolidays(path: string, holidays: Array<{ day: number; name: string }>): Promise<void> {
	const file = new CsvFile(path, HEADERS.holidays);
	for (const schedule of ['business', 'extended']) {
		for (const h of holidays) file.add([schedule, isoDateOfDay(h.day), csvField(h.name)].join(','));
	}
	await file.close();
}
