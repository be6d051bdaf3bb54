import type { MetricUnit } from './metric-catalog';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Minutes as a short duration: "45 min", "5.2 h", "3.1 d". */
export function formatMinutes(minutes: number | null | undefined): string {
	if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '–';
	// Rounded first, so 59.6 minutes reads "1.0 h" as 60 does, never "60 min" beside it.
	if (Math.round(minutes) < 60) return `${integer.format(minutes)} min`;
	if (minutes < 48 * 60) return `${oneDecimal.format(minutes / 60)} h`;
	return `${oneDecimal.format(minutes / 1440)} d`;
}

/**
 * An amount in `currency` (an ISO 4217 code: "$1,234", "€1,234", "CA$1,234", "CHF 1,234"), whole units.
 * Without a known currency (the costs name none, or several) the bare amount: a symbol that
 * may be wrong is worse than none.
 */
export function formatMoney(value: number, currency: string | null | undefined): string {
	if (!currency) return integer.format(value);
	try {
		return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(value);
	} catch {
		// A code the runtime does not know still names the unit.
		return `${integer.format(value)} ${currency}`;
	}
}

/** A metric value for display, by its unit; null shows as an en dash. Money in `currency`. */
export function formatMetric(value: number | null | undefined, unit: MetricUnit, currency: string | null = null): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	switch (unit) {
		case 'minutes':
			return formatMinutes(value);
		case 'rate':
			return `${oneDecimal.format(value * 100)} %`;
		case 'money':
			return formatMoney(value, currency);
		case 'number':
			return oneDecimal.format(value);
		default:
			return integer.format(value);
	}
}

/**
 * A metric value as a sentence or a plain-text report says it (the review's changes, the
 * flags' messages, the CLI's tables): a rate in percent with one decimal ("85.6 %"); a
 * duration in whole minutes below two hours and in hours with one decimal from two hours on,
 * named with its hours flavour when given ("95 business minutes", "5.2 business hours"),
 * short when not ("95 min", "5.2 h"); money as formatMoney; counts and levels with at most
 * one decimal. It rounds the value's binary digits (toFixed), where formatMetric rounds its
 * shortest decimal: 0.0015 reads "0.1 %" here and "0.2 %" in a table.
 */
export function spokenMetric(value: number, unit: MetricUnit, options: { hours?: string; currency?: string | null } = {}): string {
	if (unit === 'rate') return `${(value * 100).toFixed(1)} %`;
	if (unit === 'minutes') {
		const [hours, minutes] = options.hours ? [`${options.hours} hours`, `${options.hours} minutes`] : ['h', 'min'];
		return value >= 120 ? `${(value / 60).toFixed(1)} ${hours}` : `${Math.round(value)} ${minutes}`;
	}
	if (unit === 'money') return formatMoney(value, options.currency);
	return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** formatMetric as a table column or a chart label takes it: a function of a value it holds untyped. */
export function formatterOf(unit: MetricUnit, currency: string | null = null): (value: unknown) => string {
	return (value) => formatMetric(typeof value === 'number' ? value : null, unit, currency);
}

/**
 * A change from one period to the next, measured as its metric's unit asks: a rate or share
 * in percentage points (85.6 % to 75.9 % is -9.7 points, which a relative "-11 %" would
 * hide), counts, durations and money relatively (0.12 = +12 %).
 */
export interface Change {
	kind: 'points' | 'relative';
	/** Points (-9.7) or a relative change (-0.11). */
	value: number;
}

/** The change of a metric of `unit` from `previous` to `current`, or null when undefined. */
export function changeOf(current: number | null | undefined, previous: number | null | undefined, unit: MetricUnit): Change | null {
	if (current === null || current === undefined || previous === null || previous === undefined) return null;
	if (!Number.isFinite(current) || !Number.isFinite(previous)) return null;
	if (unit === 'rate') return { kind: 'points', value: (current - previous) * 100 };
	if (previous === 0) return null;
	return { kind: 'relative', value: (current - previous) / previous };
}

/** Relative change from `previous` to `current` (0.12 = +12 %), null when undefined. */
export function relativeChange(current: number | null | undefined, previous: number | null | undefined): number | null {
	if (current === null || current === undefined || previous === null || previous === undefined || previous === 0) return null;
	return (current - previous) / previous;
}

const sign = (x: number) => (x > 0 ? '+' : x < 0 ? '−' : '±');

/** A signed change: "−9.7 pts" for a rate, "+12 %" for the rest; "–" when undefined. */
export function formatChange(change: Change | null): string {
	if (change === null) return '–';
	if (change.kind === 'points') {
		const points = Math.round(change.value * 10) / 10;
		return `${sign(points)}${oneDecimal.format(Math.abs(points))} pts`;
	}
	const pct = Math.round(change.value * 100);
	return `${sign(pct)}${Math.abs(pct)} %`;
}

/** The size of a change in words, without its sign: "9.7 points", "12 %". */
export function changeSize(change: Change): string {
	return change.kind === 'points' ? `${oneDecimal.format(Math.abs(Math.round(change.value * 10) / 10))} points` : `${Math.round(Math.abs(change.value) * 100)} %`;
}

/** A report's filters as the page's context line says them: "plan = premium or enterprise, segment = scaled", or "none". */
export function formatFilters(filters: Partial<Record<string, string[]>>): string {
	const said = Object.entries(filters)
		.filter((entry): entry is [string, string[]] => !!entry[1]?.length)
		.map(([dim, values]) => `${dim} = ${values.join(' or ')}`);
	return said.join(', ') || 'none';
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** An instant as local wall-clock time in `tz` with the zone's short name: "2026-03-10 10:00 GMT+1". */
export function localTime(iso: string | null | undefined, tz: string): string {
	if (!iso) return '–';
	let format = formats.get(tz);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone: tz,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23',
			timeZoneName: 'short'
		});
		formats.set(tz, format);
	}
	const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
	return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}
