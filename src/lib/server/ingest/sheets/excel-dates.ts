/**
 * Excel keeps a date or time as a number of days (the serial) shown through a number
 * format. Both readers hand over that serial with its format; these turn it into the text
 * an export's CSV would hold, so the importers read a sheet exactly like a CSV.
 */

const DAY_MS = 86_400_000;
/** Serial 0 for serials from 61 (1900-03-01) on. */
const EPOCH = Date.UTC(1899, 11, 30);
/**
 * Serial 0 below 60: Excel counts a 1900-02-29 that never was (Lotus 1-2-3's leap-year bug),
 * so its first two months are one day off the calendar.
 */
const EPOCH_BEFORE_MARCH_1900 = Date.UTC(1899, 11, 31);

/** `[h]:mm:ss` and kin: a duration that may pass 24 hours, not a time of day. */
const ELAPSED = /\[(h+|m+|s+)\]/i;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Whether an Excel number format shows a date or time: date and time codes outside quoted
 * text and brackets (the test exceljs applies to plain cells, used for formula results).
 */
export function isDateFormat(format: string | undefined): boolean {
	if (!format) return false;
	if (ELAPSED.test(format)) return true;
	return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** Days from the 1900 calendar's day 0 to the 1904 calendar's. */
const DAYS_1900_TO_1904 = 1462;

/**
 * The serial of a date a library built from one (counting from 1899-12-30 throughout, as
 * exceljs does), in the workbook's own calendar.
 */
export function dateSerial(date: Date, date1904 = false): number {
	return (date.getTime() - EPOCH) / DAY_MS - (date1904 ? DAYS_1900_TO_1904 : 0);
}

/**
 * A date-formatted serial as text: `YYYY-MM-DD HH:MM:SS` for a date (a date alone is at
 * 00:00:00), `HH:MM:SS` for a time without a date (serial below 1), `H:MM:SS` of total
 * hours for an elapsed-time format (`[h]:mm:ss`). Milliseconds are written only when
 * there are some after rounding away the serial's floating-point noise. `date1904`: the
 * workbook counts days from 1904-01-01 (old Mac Excel), which moves dates, not durations.
 */
export function serialText(serial: number, format: string | undefined, date1904 = false): string {
	if (!Number.isFinite(serial)) return '';
	const total = Math.round(serial * DAY_MS);
	const ms = ((total % 1000) + 1000) % 1000;
	const fraction = ms ? `.${pad(ms, 3)}` : '';
	if (format && ELAPSED.test(format)) {
		const seconds = Math.floor(Math.abs(total) / 1000);
		const sign = total < 0 ? '-' : '';
		return `${sign}${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}${fraction}`;
	}
	const clock = (date: Date) => `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${fraction}`;
	if (serial >= 0 && serial < 1) return clock(new Date(EPOCH + total));
	const days = date1904 ? serial + DAYS_1900_TO_1904 : serial;
	const date = new Date((days < 60 ? EPOCH_BEFORE_MARCH_1900 : EPOCH) + Math.round(days * DAY_MS));
	return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${clock(date)}`;
}
