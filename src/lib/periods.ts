import type { Grain } from './filters';

/**
 * Period arithmetic on local dates ('YYYY-MM-DD' in the report's zone), shared by the pages,
 * the charts and the server: where a period ends, and whether its numbers are whole.
 */

/** The local date ('YYYY-MM-DD') of an instant in `tz`. */
export function localDate(instant: string, tz: string): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** The local date after the period starting on `start` ('YYYY-MM-DD') at `grain`. */
export function periodEnd(start: string, grain: Grain): string {
	const [y, m, d] = start.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	if (grain === 'day') date.setUTCDate(date.getUTCDate() + 1);
	else if (grain === 'week') date.setUTCDate(date.getUTCDate() + 7);
	else date.setUTCMonth(date.getUTCMonth() + (grain === 'month' ? 1 : 3));
	return date.toISOString().slice(0, 10);
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
