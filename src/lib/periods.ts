import { addDays, addMonths, addQuarters, addWeeks, differenceInCalendarDays, format, isValid, parseISO, startOfISOWeek } from 'date-fns';
import { FilterError, type Grain } from './filters';

/**
 * Period arithmetic on local dates ('YYYY-MM-DD' in the report's zone), shared by the pages,
 * the charts and the server: where a period ends, ISO weeks, the latest complete period,
 * signup months, and whether a period's numbers are whole. The one home of date arithmetic:
 * a local date is a calendar day, never an instant, so nothing here reads the process's zone.
 */

const DAY = 'yyyy-MM-dd';

/** The local date ('YYYY-MM-DD') of an instant in `tz`. */
export function localDate(instant: string, tz: string): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** The local date in `tz` of the last instant before `asOf`: an as_of at midnight belongs to the day before. */
export function lastLocalDate(asOf: string, tz: string): string {
	return localDate(new Date(new Date(asOf).getTime() - 1).toISOString(), tz);
}

/**
 * The instant (ms since the epoch) of local midnight starting `date` in `tz`, read from the
 * zone's offset at that day's UTC midnight.
 */
export function localMidnight(date: string, tz: string): number {
	const utc = Date.parse(`${date}T00:00:00Z`);
	const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(utc));
	const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
	const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
	return utc - (local - utc);
}

/** Whether `value` is a 'YYYY-MM-DD' day that exists on the calendar (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
	return /^\d{4}-\d{2}-\d{2}$/.test(value) && isValid(parseISO(value));
}

/** `date` ('YYYY-MM-DD') moved by `days` calendar days (negative: back). */
export function addLocalDays(date: string, days: number): string {
	return format(addDays(parseISO(date), days), DAY);
}

/** Whole calendar days from `from` to `to` ('YYYY-MM-DD' each). */
export function daysBetween(from: string, to: string): number {
	return differenceInCalendarDays(parseISO(to), parseISO(from));
}

/** The start of the period `n` periods after the one starting on `start` at `grain` (n may be negative). */
function periodsAfter(start: string, grain: Grain, n: number): string {
	const date = parseISO(start);
	const moved = grain === 'day' ? addDays(date, n) : grain === 'week' ? addWeeks(date, n) : grain === 'month' ? addMonths(date, n) : addQuarters(date, n);
	return format(moved, DAY);
}

/** The local date after the period starting on `start` ('YYYY-MM-DD') at `grain`. */
export function periodEnd(start: string, grain: Grain): string {
	return periodsAfter(start, grain, 1);
}

/** The [from, to) local dates of the period starting on `start` at `grain`. */
export function periodRange(start: string, grain: Grain): { from: string; to: string } {
	return { from: start, to: periodEnd(start, grain) };
}

/** The start of the period `n` periods before the one starting at `start` (n may be negative). */
export function periodsBefore(start: string, grain: Grain, n: number): string {
	return periodsAfter(start, grain, -n);
}

/**
 * The newest period (by start date) that has ended by `asOf` in `tz` and, when the range has
 * an exclusive `to`, by `to`: the headline cards' period. Null when none has ended.
 */
export function latestCompleteStart(starts: string[], grain: Grain, asOf: string, tz: string, to: string | null = null): string | null {
	const today = localDate(asOf, tz);
	const limit = to && to < today ? to : today;
	const done = starts.filter((s) => periodEnd(s, grain) <= limit).sort();
	return done.at(-1) ?? null;
}

/** The ISO week label ('2026-W46') of a date 'YYYY-MM-DD'. */
export function isoWeekLabel(date: string): string {
	return format(parseISO(date), "RRRR-'W'II");
}

/** Monday of an ISO week (`2026-W46`) as 'YYYY-MM-DD'; a FilterError for anything else. */
export function isoWeekStart(label: string): string {
	const m = /^(\d{4})-W(\d{2})$/.exec(label);
	const week = m ? Number(m[2]) : 0;
	if (!m || week < 1 || week > 53) throw new FilterError('week', `week must be an ISO week such as 2026-W46, got "${label}"`);
	// Week 1 is the week with January 4th in it.
	const start = format(addWeeks(startOfISOWeek(parseISO(`${m[1]}-01-04`)), week - 1), DAY);
	if (isoWeekLabel(start) !== label) throw new FilterError('week', `${label} does not exist (that year has 52 ISO weeks)`);
	return start;
}

/** The last complete ISO week before `asOf` in `tz`: what a Monday review looks back on. */
export function lastCompleteWeek(asOf: string, tz: string): string {
	return isoWeekLabel(addLocalDays(format(startOfISOWeek(parseISO(localDate(asOf, tz))), DAY), -7));
}

/**
 * The default range of the weekly heatmaps: the last `weeks` ISO weeks (local dates in `tz`,
 * `to` exclusive) up to and including the week of the last instant before `asOf`, so an as_of
 * at Monday 00:00 ends with the full week before it instead of an empty one.
 */
export function lastWeeks(asOf: string, tz: string, weeks: number): { from: string; to: string } {
	const to = addLocalDays(format(startOfISOWeek(parseISO(lastLocalDate(asOf, tz))), DAY), 7);
	return { from: addLocalDays(to, -7 * weeks), to };
}

/** The first signup month ('YYYY-MM-01') of the `months` months up to and including as_of's month in `tz`. */
export function signupMonthsFrom(asOf: string, tz: string, months: number): string {
	return format(addMonths(parseISO(`${lastLocalDate(asOf, tz).slice(0, 7)}-01`), -(months - 1)), DAY);
}

/**
 * How much of a period a report's numbers cover:
 * - `complete`: the whole period, and it is over at as_of;
 * - `so far`: the period (or its part inside the range) is under way at as_of;
 * - `partial`: over, but the range holds only part of it (a month cut by `from` or `to`);
 * - `not begun`: nothing of it inside the range has happened at as_of.
 * Anything but `complete` must not be read, drawn or compared as a whole period.
 */
export type PeriodStatus = 'complete' | 'so far' | 'partial' | 'not begun';

/** The range a report covers: local dates in `tz` (`from` inclusive, `to` exclusive; null: open) and its "now". */
export interface PeriodRange {
	from: string | null;
	to: string | null;
	asOf: string;
	tz: string;
}

/**
 * Whether the period starting on `start` at `grain` is complete within `range` at its as_of.
 * The one place that decides what the charts hatch and the tables mark "so far" or "partial".
 */
export function periodStatus(start: string, grain: Grain, range: PeriodRange): PeriodStatus {
	const end = periodEnd(start, grain);
	const coveredFrom = range.from && range.from > start ? range.from : start;
	const coveredTo = range.to && range.to < end ? range.to : end;
	// The local day under way at as_of: a period has ended once that day is its end or later.
	const today = localDate(range.asOf, range.tz);
	if (today < coveredFrom) return 'not begun';
	if (today < coveredTo) return 'so far';
	return coveredFrom === start && coveredTo === end ? 'complete' : 'partial';
}

/**
 * Where an ISO week stands at `asOf` in `tz`: over, under way ("so far": its numbers are
 * partial and no change against the week before means anything yet) or not begun.
 */
export function weekProgress(week: string, asOf: string, tz: string): 'complete' | 'so far' | 'future' {
	const status = periodStatus(isoWeekStart(week), 'week', { from: null, to: null, asOf, tz });
	return status === 'not begun' ? 'future' : status === 'complete' ? 'complete' : 'so far';
}

/** What a table writes after an incomplete period's label: "(so far)", "(partial)", "(not begun)"; '' when complete. */
export function periodMark(status: PeriodStatus): string {
	return status === 'complete' ? '' : `(${status})`;
}

/**
 * A period's label as the range it stands for: the label itself ("2026-Q4") when the range
 * holds all of it, else the dates covered ("2026-11-09 to 2026-11-16 (exclusive), in
 * 2026-Q4"), so a one-week range never reads as a quarter.
 */
export function coveredPeriodLabel(label: string, start: string, grain: Grain, range: { from: string | null; to: string | null }): string {
	const end = periodEnd(start, grain);
	const from = range.from && range.from > start ? range.from : start;
	const to = range.to && range.to < end ? range.to : end;
	return from === start && to === end ? label : `${from} to ${to} (exclusive), in ${label}`;
}

/** The status of each period start of a report, read from its meta (grain, from/to, as_of, zone). */
export function periodStatuses(starts: string[], meta: { grain: Grain; from: string | null; to: string | null; as_of: string; tz: string }): PeriodStatus[] {
	return starts.map((start) => periodStatus(start, meta.grain, { from: meta.from, to: meta.to, asOf: meta.as_of, tz: meta.tz }));
}
