/**
 * The span of the demo data: whole ISO weeks up to the end day (seeds/README.md, "The span").
 * Nothing is stamped after its last second.
 */
import { SECONDS_PER_DAY, dayOfIsoDate, isoDateOfDay, isoWeekday, mondayOf } from '../calendar';

const SPAN_WEEKS_BEFORE_END_WEEK = 78;

export interface Span {
	startDay: number;
	endDay: number;
	dayCount: number;
	/** Monday of the ISO week containing the end day: the planted stories are placed from it. */
	endWeekMonday: number;
	startSec: number;
	/** Last second of the end day (23:59:59Z): nothing happens after it. */
	endSec: number;
}

/** 'YYYY-MM-DD': the Sunday ending the last complete ISO week (UTC) before `today`. */
export function defaultDemoEnd(today: Date): string {
	const day = Math.floor(today.getTime() / (SECONDS_PER_DAY * 1000));
	return isoDateOfDay(day - isoWeekday(day));
}

/** The span ending on `end` ('YYYY-MM-DD'): from the Monday 78 weeks before end's week to end 23:59:59Z. */
export function spanEnding(end: string): Span {
	const endDay = dayOfIsoDate(end);
	const endWeekMonday = mondayOf(endDay);
	const startDay = endWeekMonday - SPAN_WEEKS_BEFORE_END_WEEK * 7;
	return {
		startDay,
		endDay,
		dayCount: endDay - startDay + 1,
		endWeekMonday,
		startSec: startDay * SECONDS_PER_DAY,
		endSec: (endDay + 1) * SECONDS_PER_DAY - 1
	};
}
