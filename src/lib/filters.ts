import { METRIC_IDS } from './metric-catalog';

/**
 * The query every KPI surface takes (page URL, API query string, CLI flags), parsed and
 * validated in one place so the three agree on defaults and on what is an error.
 */

export const GRAINS = ['day', 'week', 'month', 'quarter'] as const;
export type Grain = (typeof GRAINS)[number];

export const HOURS = ['business', 'calendar'] as const;
export type Hours = (typeof HOURS)[number];

/**
 * What a metric can be grouped (`by`) and filtered (`where`) by. These names are the only
 * dimension names that reach SQL, and only as bound values (sql/macros/dimensions.sql).
 */
export const DIMENSIONS = ['segment', 'plan', 'channel', 'priority', 'category', 'group', 'tier', 'org', 'assignee', 'source', 'tag'] as const;

/**
 * Dimensions that filter but never group: a ticket has several tags, so a report by tag would
 * count it once per tag and its rows would not add up (Trends lists tags for that).
 */
export const FILTER_ONLY: readonly string[] = ['tag'];

/**
 * The parameters a view shares with every report page when the user moves to another: the
 * filters, the zone, the hours and the as-of time (not a page's own grain, metric, sort or
 * week), as a query string ("?segment=scaled&tz=Europe%2FBerlin", or "" when none).
 */
export function carriedQuery(search: URLSearchParams): string {
	const carried = new URLSearchParams();
	for (const key of [...DIMENSIONS, 'tz', 'hours', 'as_of']) {
		for (const value of search.getAll(key)) if (value) carried.append(key, value);
	}
	const text = carried.toString();
	return text ? `?${text}` : '';
}
export type Dimension = (typeof DIMENSIONS)[number];

/** How many dimensions one report can be grouped by. */
export const MAX_BY = 2;

/** Cells computed over fewer items than this are flagged as low-sample. */
export const LOW_SAMPLE_THRESHOLD = 20;

export interface KpiQuery {
	grain: Grain;
	/** Local date in `tz`, inclusive, or null for the start of the data. */
	from: string | null;
	/** Local date in `tz`, exclusive, or null for the end of the data. */
	to: string | null;
	/** IANA zone period boundaries are drawn in. */
	tz: string;
	/** Duration flavour; null: business when a schedule is imported, else calendar. */
	hours: Hours | null;
	/** Dimensions to group by, in order (at most MAX_BY). */
	by: Dimension[];
	/** Filters: dimension -> accepted values (several mean any of them). */
	where: Partial<Record<Dimension, string[]>>;
	metrics: string[];
	/** ISO 8601 instant that "now" means for the report (open backlog, breached-so-far). */
	asOf: string;
	/**
	 * The share of deflected sessions assumed to have become tickets without self-service,
	 * 0..1, for self_service_savings; null or absent: the share observed over the trailing
	 * 12 weeks (docs/metrics.md).
	 */
	avoidedTicketRate?: number | null;
}

/**
 * The filters a query applies, for a report's meta: each of `dims` (every dimension unless
 * given) that has values, and no other.
 */
export function appliedFilters<D extends Dimension>(
	where: Partial<Record<Dimension, string[]>>,
	dims: readonly D[] = DIMENSIONS as unknown as readonly D[]
): Partial<Record<D, string[]>> {
	const filters: Partial<Record<D, string[]>> = {};
	for (const dim of dims) if (where[dim]?.length) filters[dim] = where[dim]!;
	return filters;
}

/** A parameter that cannot be used, named so the message can point at it. */
export class FilterError extends Error {
	constructor(
		readonly param: string,
		message: string
	) {
		super(message);
		this.name = 'FilterError';
	}
}

type Input = URLSearchParams | Record<string, string | undefined | null>;

function get(input: Input, name: string): string | null {
	const value = input instanceof URLSearchParams ? input.get(name) : input[name];
	if (value === undefined || value === null) return null;
	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks a 'YYYY-MM-DD' date that exists on the calendar, between 1990 and 2200. */
function parseDate(param: string, value: string | null): string | null {
	if (value === null) return null;
	const m = DATE.exec(value);
	const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
	if (!m || !d || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3] || +m[1] < 1990 || +m[1] > 2200) {
		throw new FilterError(param, `${param} must be a date YYYY-MM-DD, got "${value}"`);
	}
	return value;
}

/** True for a zone name the runtime's time zone database knows. */
export function isTimeZone(tz: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: tz });
		return true;
	} catch {
		return false;
	}
}

/** Parses and validates a KPI query; throws FilterError naming the first bad parameter. */
export function parseKpiQuery(input: Input, now: Date = new Date()): KpiQuery {
	const grain = get(input, 'grain') ?? 'week';
	if (!(GRAINS as readonly string[]).includes(grain)) {
		throw new FilterError('grain', `grain must be one of ${GRAINS.join(', ')}, got "${grain}"`);
	}
	const from = parseDate('from', get(input, 'from'));
	const to = parseDate('to', get(input, 'to'));
	if (from && to && from >= to) throw new FilterError('to', `to (${to}) must be after from (${from}); to is exclusive`);

	const tz = get(input, 'tz') ?? 'UTC';
	if (!isTimeZone(tz)) throw new FilterError('tz', `tz must be an IANA time zone such as Europe/Berlin, got "${tz}"`);

	const hours = get(input, 'hours');
	if (hours !== null && !(HOURS as readonly string[]).includes(hours)) {
		throw new FilterError('hours', `hours must be business or calendar, got "${hours}"`);
	}

	const by = parseBy(get(input, 'by'));
	const where = parseWhere(input);

	const metricsText = get(input, 'metrics');
	const metrics = metricsText ? metricsText.split(',').map((m) => m.trim()).filter(Boolean) : [...METRIC_IDS];
	const unknown = metrics.filter((m) => !METRIC_IDS.includes(m));
	if (unknown.length) {
		throw new FilterError('metrics', `unknown metric ${unknown.join(', ')} (known: ${METRIC_IDS.join(', ')})`);
	}

	const asOfText = get(input, 'as_of');
	// "Now" is the start of the current minute: a report is as of a minute, and reloads within
	// it ask the same question (and get the cached answer, metrics/result-cache.ts).
	const asOf = asOfText ? new Date(asOfText) : new Date(Math.floor(now.getTime() / 60_000) * 60_000);
	if (Number.isNaN(asOf.getTime()) || (asOfText && !/^\d{4}-\d{2}-\d{2}/.test(asOfText))) {
		throw new FilterError('as_of', `as_of must be an ISO 8601 time such as 2026-11-16T00:00:00Z, got "${asOfText}"`);
	}
	return {
		grain: grain as Grain,
		from,
		to,
		tz,
		hours: hours as Hours | null,
		by,
		where,
		metrics: [...new Set(metrics)],
		asOf: asOf.toISOString(),
		avoidedTicketRate: parseShare('avoided_ticket_rate', get(input, 'avoided_ticket_rate'))
	};
}

/** A share 0..1, written as a fraction (0.3) or a percentage (30%); `param` names it in the error. */
export function parseShare(param: string, text: string | null): number | null {
	if (text === null) return null;
	const percent = text.endsWith('%');
	const number = Number(percent ? text.slice(0, -1).trim() : text);
	const share = percent ? number / 100 : number;
	if (!/^\d+(\.\d+)?%?$/.test(text.replace(/\s/g, '')) || !Number.isFinite(share) || share < 0 || share > 1) {
		throw new FilterError(param, `${param} must be a share between 0 and 1 (0.3) or a percentage (30%), got "${text}"`);
	}
	return share;
}

function isDimension(name: string): name is Dimension {
	return (DIMENSIONS as readonly string[]).includes(name);
}

function parseBy(text: string | null): Dimension[] {
	if (text === null) return [];
	const names = text.split(',').map((d) => d.trim()).filter(Boolean);
	const unknown = names.filter((d) => !isDimension(d));
	const groupable = DIMENSIONS.filter((d) => !FILTER_ONLY.includes(d));
	if (unknown.length) throw new FilterError('by', `by: unknown dimension ${unknown.join(', ')} (known: ${groupable.join(', ')})`);
	const filterOnly = names.filter((d) => FILTER_ONLY.includes(d));
	if (filterOnly.length) {
		throw new FilterError('by', `by: ${filterOnly.join(', ')} filters but does not group (a ticket has several tags); group by one of ${groupable.join(', ')}`);
	}
	if (new Set(names).size !== names.length) throw new FilterError('by', `by names a dimension twice: "${text}"`);
	if (names.length > MAX_BY) throw new FilterError('by', `by takes at most ${MAX_BY} dimensions, got ${names.length}`);
	return names as Dimension[];
}

/** All values of a parameter that may repeat (`where=plan=free&where=tier=T2`). */
function getAll(input: Input, name: string): string[] {
	if (input instanceof URLSearchParams) return input.getAll(name);
	const v = input[name];
	return v === undefined || v === null ? [] : [v];
}

/**
 * Several values of a dimension as one URL parameter: comma-separated, a comma or backslash
 * inside a value escaped with a backslash (`org=Acme\, Inc.,Globex`), so every value, commas
 * included, can be selected.
 */
export function filterValueText(values: string[]): string {
	return values.map((v) => v.replace(/\\/g, '\\\\').replace(/,/g, '\\,')).join(',');
}

/** The values of a `filterValueText` list (a backslash takes the next character as it is). */
export function splitFilterValues(text: string): string[] {
	const values: string[] = [];
	let current = '';
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '\\' && i + 1 < text.length) current += text[++i];
		else if (text[i] === ',') {
			values.push(current);
			current = '';
		} else current += text[i];
	}
	values.push(current);
	return values.map((v) => v.trim()).filter(Boolean);
}

/**
 * Filters come as `where=DIM=VALUE` (repeatable; the CLI's `--where`) or as a plain
 * `DIM=VALUE` parameter (what the pages' filter bar writes). Several values of one
 * dimension, comma-separated or repeated, mean any of them.
 */
function parseWhere(input: Input): Partial<Record<Dimension, string[]>> {
	const where: Partial<Record<Dimension, string[]>> = {};
	const add = (dim: Dimension, text: string) => {
		const values = splitFilterValues(text);
		if (values.length === 0) return;
		where[dim] = [...new Set([...(where[dim] ?? []), ...values])];
	};
	for (const clause of getAll(input, 'where')) {
		const eq = clause.indexOf('=');
		const dim = eq > 0 ? clause.slice(0, eq).trim() : '';
		if (!isDimension(dim)) {
			throw new FilterError('where', `where must be DIMENSION=VALUE with a dimension of ${DIMENSIONS.join(', ')}, got "${clause}"`);
		}
		add(dim, clause.slice(eq + 1));
	}
	for (const dim of DIMENSIONS) for (const v of getAll(input, dim)) add(dim, v);
	return where;
}

/** The query string of a KPI query, leaving out what equals the default. */
export function kpiQuerySearch(q: Partial<KpiQuery>): URLSearchParams {
	const s = new URLSearchParams();
	if (q.grain && q.grain !== 'week') s.set('grain', q.grain);
	if (q.from) s.set('from', q.from);
	if (q.to) s.set('to', q.to);
	if (q.tz && q.tz !== 'UTC') s.set('tz', q.tz);
	if (q.hours) s.set('hours', q.hours);
	if (q.by?.length) s.set('by', q.by.join(','));
	for (const dim of DIMENSIONS) {
		const values = q.where?.[dim];
		if (values?.length) s.set(dim, filterValueText(values));
	}
	if (q.metrics && q.metrics.join(',') !== METRIC_IDS.join(',')) s.set('metrics', q.metrics.join(','));
	if (q.avoidedTicketRate !== null && q.avoidedTicketRate !== undefined) s.set('avoided_ticket_rate', String(q.avoidedTicketRate));
	return s;
}
