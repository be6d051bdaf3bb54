import { Cron } from 'croner';
import { UserError } from '../auth/users';
import { isTimeZone } from '../../filters';

/**
 * Digest schedules: five cron fields (minute hour day-of-month month day-of-week) read in the
 * recipient's zone, so "0 8 * * 1" in Europe/Berlin is Monday 08:00 there in winter and in
 * summer. croner does the calendar work, DST included: a time that a spring-forward skips
 * runs at the first minute after the gap, a time an autumn fall-back repeats runs once.
 * Each scheduled instant is a period: sent once, and the one sent is stored
 * (digests.last_period), so a restart neither repeats it nor forgets one that fell while the
 * server was down.
 */

/** Nicknames a user may write for the common schedules, as the five fields they stand for. */
const NICKNAMES: Record<string, string> = {
	'@daily': '0 8 * * *',
	'@weekdays': '0 8 * * 1-5',
	'@weekly': '0 8 * * 1',
	'@monthly': '0 8 1W * *'
};

/** The most scheduled instants one catch-up looks through (a minutely schedule over a week's downtime). */
const CATCH_UP_LIMIT = 20_000;

function cronOf(schedule: string, tz: string): Cron {
	return new Cron(schedule, { timezone: tz, paused: true, mode: '5-part' });
}

/**
 * Reads a schedule as a user writes it: five cron fields ("0 8 * * 1": Mondays 08:00; "0 8 1W *
 * *": the first weekday of the month) or a nickname (@daily, @weekdays, @weekly, @monthly: at
 * 08:00). Returns the five fields; throws UserError saying what is wrong.
 */
export function parseSchedule(text: string, tz: string): string {
	if (!isTimeZone(tz)) throw new UserError(`"${tz.slice(0, 60)}" is not a time zone: give an IANA zone such as Europe/Berlin`);
	const trimmed = text.trim().replace(/\s+/g, ' ');
	const schedule = NICKNAMES[trimmed.toLowerCase()] ?? trimmed;
	const fields = schedule.split(' ');
	if (fields.length !== 5) {
		throw new UserError(`a schedule is five cron fields (minute hour day-of-month month day-of-week, e.g. "0 8 * * 1" for Mondays 08:00), got ${fields.length}: "${text.slice(0, 80)}"`);
	}
	let cron: Cron;
	try {
		cron = cronOf(schedule, tz);
	} catch (e) {
		throw new UserError(`schedule "${schedule.slice(0, 80)}": ${(e as Error).message.replace(/^CronPattern:\s*/, '')}`);
	}
	if (cron.nextRun(new Date()) === null) throw new UserError(`schedule "${schedule}" never runs`);
	return schedule;
}

/** The first scheduled instant after `after`, or null when there is none. */
export function nextOccurrence(schedule: string, tz: string, after: Date): Date | null {
	return cronOf(schedule, tz).nextRun(after);
}

/** The scheduled instant a digest owes at `now`: the latest one in (after, now], and how many earlier ones it stands for. */
export interface DueOccurrence {
	period: Date;
	/** Scheduled instants in (after, period) that were not sent (the server was down): a catch-up sends the latest only. */
	skipped: number;
}

/**
 * The latest scheduled instant after `after` and at or before `now`, or null when none is due.
 * After downtime the digest is caught up with the latest period it missed, not every one: a
 * week of daily digests arriving at once would bury the one that matters.
 */
export function dueOccurrence(schedule: string, tz: string, after: Date, now: Date): DueOccurrence | null {
	const cron = cronOf(schedule, tz);
	let next = cron.nextRun(after);
	if (next === null || next.getTime() > now.getTime()) return null;
	let skipped = -1;
	let latest = next;
	while (next !== null && next.getTime() <= now.getTime() && skipped < CATCH_UP_LIMIT) {
		latest = next;
		skipped += 1;
		next = cron.nextRun(next);
	}
	if (skipped >= CATCH_UP_LIMIT) {
		// Too many to walk: croner's own look-back finds the latest directly.
		const [previous] = cron.previousRuns(1, new Date(now.getTime() + 1));
		if (previous) latest = previous;
	}
	return { period: latest, skipped };
}

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const WEEKDAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];

/**
 * A schedule in words where it is a common one ("Mondays at 08:00", "every day at 07:30",
 * "weekdays at 09:00", "the first weekday of the month at 08:00"), else its fields; always with
 * the zone, since 08:00 means nothing without it.
 */
export function describeSchedule(schedule: string, tz: string): string {
	const [minute, hour, dom, month, dowText] = schedule.split(' ');
	// Day names (MON, mon-fri) as the numbers cron gives them.
	const dow = dowText.toUpperCase().replace(/SUN|MON|TUE|WED|THU|FRI|SAT/g, (name) => String(DAY_NAMES.indexOf(name)));
	const time = /^\d+$/.test(minute) && /^\d+$/.test(hour) ? `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}` : null;
	let words: string | null = null;
	if (time && month === '*') {
		if (dom === '*' && dow === '*') words = `every day at ${time}`;
		else if (dom === '*' && dow === '1-5') words = `weekdays at ${time}`;
		else if (dom === '*' && /^[0-7]$/.test(dow)) words = `${WEEKDAYS[Number(dow) % 7]} at ${time}`;
		else if (dom === '1W' && dow === '*') words = `the first weekday of the month at ${time}`;
		else if (/^\d+$/.test(dom) && dow === '*') words = `day ${dom} of the month at ${time}`;
	}
	return `${words ?? `cron "${schedule}"`} (${tz})`;
}
