import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ImportFileError } from '../errors';
import { GENERIC_ENTITIES, type ColumnSpec, type EntitySpec } from '../generic-format';

/**
 * The mapping file of `--source mapped` (docs/mappings/README.md): how the columns of any CSV
 * export become the generic format's tickets or orgs. This module reads and strictly
 * validates it; nothing here touches SQL. Every problem is an ImportFileError naming the
 * mapping file and the key at fault ("files[0].columns.status.from").
 */

/** How a value is read before it is aggregated and written as generic-format text. */
export type ValueType = 'text' | 'number' | 'bool' | 'timestamp';

export const AGGREGATES = [
	'first',
	'last',
	'first_non_null',
	'last_non_null',
	'min',
	'max',
	'sum',
	'count_non_null',
	'count_distinct_non_null',
	'any_true',
	'all_true'
] as const;
export type Aggregate = (typeof AGGREGATES)[number];

/** The metrics a vendor may have computed itself (raw_vendor_metrics.metric). */
export const VENDOR_METRICS = ['frt', 'resolution', 'full_resolution', 'requester_wait', 'agent_wait', 'on_hold', 'sla_frt', 'sla_resolution'] as const;

/** One value the mapping reads from each row: a source column or a constant. */
export interface MappedValue {
	/** Where the mapping file says it, for messages: `files[0].columns.status`. */
	at: string;
	/** The source column's header text as the mapping writes it (matched case-insensitively). */
	from: string | null;
	constant: string | null;
	/** How each row's value is read. */
	type: ValueType;
	/** strptime format of a timestamp (null: ISO 8601). */
	format: string | null;
	/** IANA zone a timestamp without an offset is read in. */
	timezone: string | null;
	/** Source value (compared trimmed, case-insensitively) -> canonical value. */
	values: Array<{ from: string; to: string | null }> | null;
	/** What a value missing from `values` becomes; absent: it is kept as it is. */
	fallback: { value: string | null } | null;
	/** Source values that mean empty (compared trimmed, case-insensitively); blank always is. */
	nullValues: string[];
	/** How the rows of one ticket are collapsed (files with `events` only). */
	aggregate: Aggregate | null;
}

export interface MappedColumn {
	target: ColumnSpec;
	value: MappedValue;
}

export interface VendorMetricMapping {
	metric: (typeof VENDOR_METRICS)[number];
	outcome: MappedValue | null;
	calendarMinutes: MappedValue | null;
	businessMinutes: MappedValue | null;
}

export interface FileMapping {
	at: string;
	/** The file-name pattern, as written. */
	pattern: string;
	matches: (fileName: string) => boolean;
	spec: EntitySpec;
	/** The column that identifies a row of the entity (ticket_id, org_id): rows are grouped by it. */
	key: MappedColumn;
	/** Rows are events of a ticket, collapsed by `key` in this order; null: one row per record. */
	orderBy: MappedValue[] | null;
	/** Every other mapped canonical column. */
	columns: MappedColumn[];
	/** Values kept in each row's `extra` JSON under a fixed key (orgs' `domain`). */
	extras: MappedColumn[];
	vendorMetrics: VendorMetricMapping[];
}

export interface Mapping {
	/** The mapping file as the user named it, for messages. */
	label: string;
	files: FileMapping[];
}

/** The entities a mapping may fill. */
const ENTITIES = ['tickets', 'orgs'];
/**
 * Keys a mapping may fill beside the format's columns, kept in `extra` where deskpulse reads
 * them: a CRM account's email domain, which tickets are matched to by their requester's
 * email (stg_generic_orgs reads `extra ->> 'domain'`).
 */
const EXTRA_COLUMNS: Record<string, ColumnSpec[]> = { orgs: [{ name: 'domain', type: 'text' }] };
const MAX_BYTES = 1024 * 1024;
const MAX_ORDER_KEYS = 3;
const MAX_VALUES = 10_000;
const OUTCOMES = ['within', 'breached'];
/** strptime directives DuckDB reads (a `-` drops the zero padding of numeric fields). */
const DIRECTIVE = /%(-?[dmyHIMSjUW]|[aAwbBYpfgnzZcxX%])/g;
const OFFSET_DIRECTIVE = /%[zZ]/;

/** How a generic-format column's values are read. */
export function valueTypeOf(column: ColumnSpec): ValueType {
	switch (column.type) {
		case 'timestamp':
			return 'timestamp';
		case 'int':
		case 'double':
			return 'number';
		case 'bool':
			return 'bool';
		default:
			return 'text';
	}
}

/** Whether a timestamp format carries its own offset, so no zone is needed to read it. */
export function formatHasOffset(format: string | null): boolean {
	return format !== null && OFFSET_DIRECTIVE.test(format);
}

/** Reads and validates a mapping file (JSON, or YAML for .yaml/.yml). */
export function readMapping(path: string): Mapping {
	const label = path;
	let size: number;
	try {
		const stat = statSync(path);
		// A FIFO would block the read below for ever, a device never end: refused unopened.
		if (!stat.isFile()) throw new ImportFileError(label, 'mapping file is not a regular file (a folder, device, pipe or socket)');
		size = stat.size;
	} catch (e) {
		if (e instanceof ImportFileError) throw e;
		throw new ImportFileError(label, 'mapping file does not exist');
	}
	if (size > MAX_BYTES) throw new ImportFileError(label, `mapping file is larger than ${MAX_BYTES} bytes`);
	const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
	const ext = extname(path).toLowerCase();
	let data: unknown;
	try {
		data = ext === '.yaml' || ext === '.yml' ? parseYaml(text, { uniqueKeys: true }) : JSON.parse(text);
	} catch (e) {
		const kind = ext === '.yaml' || ext === '.yml' ? 'YAML' : 'JSON';
		throw new ImportFileError(label, `is not valid ${kind}: ${parseProblem((e as Error).message)}`);
	}
	return parseMapping(data, label);
}

/**
 * A parser's complaint without the file's text: V8 quotes the start of what it could not read
 * ("Unexpected token 'k', "key=sk_li"... is not valid JSON"), which for a file that is no
 * mapping at all would hand its content to whoever named it. YAML's first line names a place.
 */
function parseProblem(message: string): string {
	const first = message.split('\n')[0];
	return /is not valid JSON$/.test(first) ? first.replace(/\s*'.*$/s, '') : first;
}

/** Validates a parsed mapping document; `label` names it in messages. */
export function parseMapping(data: unknown, label: string): Mapping {
	const r = new Reader(label);
	const top = r.object(data, '(top level)', ['version', 'description', 'files'], ['version', 'files']);
	if (top.version !== 1) r.fail('version', `must be 1, got ${JSON.stringify(top.version)}`);
	if (top.description !== undefined) r.string(top.description, 'description');
	const files = r.array(top.files, 'files');
	if (files.length === 0) r.fail('files', 'lists no file');
	return { label, files: files.map((f, i) => fileMapping(r, f, `files[${i}]`)) };
}

function fileMapping(r: Reader, data: unknown, at: string): FileMapping {
	const o = r.object(
		data,
		at,
		['match', 'entity', 'timezone', 'date_format', 'null_values', 'events', 'columns', 'vendor_metrics'],
		['entity', 'columns']
	);
	const pattern = o.match === undefined ? '*.csv' : r.string(o.match, `${at}.match`);
	if (pattern.includes('/') || pattern.includes('\\')) r.fail(`${at}.match`, `is a file-name pattern (such as "incidents*.csv"), not a path: "${pattern}"`);
	const entity = r.string(o.entity, `${at}.entity`);
	if (!ENTITIES.includes(entity)) r.fail(`${at}.entity`, `must be ${ENTITIES.join(' or ')}, got "${entity}"`);
	const spec = GENERIC_ENTITIES.find((e) => e.entity === entity)!;
	const defaults: FileDefaults = {
		timezone: o.timezone === undefined ? null : r.timezone(o.timezone, `${at}.timezone`),
		dateFormat: o.date_format === undefined ? null : r.format(o.date_format, `${at}.date_format`),
		nullValues: o.null_values === undefined ? [] : r.strings(o.null_values, `${at}.null_values`)
	};
	const orderBy = o.events === undefined ? null : events(r, o.events, `${at}.events`, defaults);

	const columnsAt = `${at}.columns`;
	const given = r.object(o.columns, columnsAt, null, []);
	const extraSpecs = EXTRA_COLUMNS[entity] ?? [];
	const names = [...spec.columns, ...extraSpecs].map((c) => c.name);
	const columns: MappedColumn[] = [];
	const extras: MappedColumn[] = [];
	for (const [name, value] of Object.entries(given)) {
		const target = spec.columns.find((c) => c.name === name) ?? extraSpecs.find((c) => c.name === name);
		if (!target) r.fail(`${columnsAt}.${name}`, `is not a column of the generic ${entity} format (${names.join(', ')})`);
		const isKey = name === spec.key[0];
		const mapped = { target, value: mappedValue(r, value, `${columnsAt}.${name}`, valueTypeOf(target), defaults, orderBy !== null, isKey) };
		(extraSpecs.includes(target) ? extras : columns).push(mapped);
	}
	const missing = spec.columns.filter((c) => c.required && !columns.some((m) => m.target.name === c.name)).map((c) => c.name);
	if (missing.length) r.fail(columnsAt, `must map the required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
	const key = columns.find((c) => c.target.name === spec.key[0])!;
	if (orderBy && key.value.from === null) r.fail(`${columnsAt}.${spec.key[0]}`, 'must name a column ("from") when the rows are events: the events are grouped by it');

	let vendorMetrics: VendorMetricMapping[] = [];
	if (o.vendor_metrics !== undefined) {
		if (entity !== 'tickets') r.fail(`${at}.vendor_metrics`, 'only tickets have vendor metrics');
		vendorMetrics = vendorMetricMappings(r, o.vendor_metrics, `${at}.vendor_metrics`, defaults, orderBy !== null);
	}
	const matcher = globRegExp(pattern);
	return {
		at,
		pattern,
		matches: (fileName) => matcher.test(fileName),
		spec,
		key,
		orderBy,
		columns: columns.filter((c) => c !== key),
		extras,
		vendorMetrics
	};
}

interface FileDefaults {
	timezone: string | null;
	dateFormat: string | null;
	nullValues: string[];
}

function events(r: Reader, data: unknown, at: string, defaults: FileDefaults): MappedValue[] {
	const o = r.object(data, at, ['order_by'], ['order_by']);
	const keys = r.array(o.order_by, `${at}.order_by`);
	if (keys.length === 0 || keys.length > MAX_ORDER_KEYS) r.fail(`${at}.order_by`, `must list 1 to ${MAX_ORDER_KEYS} columns`);
	return keys.map((k, i) => {
		const kat = `${at}.order_by[${i}]`;
		const { type: given, ...rest } = r.object(k, kat, ['from', 'type', 'format', 'timezone', 'null_values'], ['from', 'type']);
		const type = r.string(given, `${kat}.type`);
		if (type !== 'timestamp' && type !== 'number' && type !== 'text') r.fail(`${kat}.type`, `must be timestamp, number or text, got "${type}"`);
		// An order key is read like a column value, without value maps or an aggregate.
		return mappedValue(r, rest, kat, type, defaults, false, true);
	});
}

function vendorMetricMappings(r: Reader, data: unknown, at: string, defaults: FileDefaults, grouped: boolean): VendorMetricMapping[] {
	const o = r.object(data, at, null, []);
	return Object.entries(o).map(([metric, value]) => {
		const mat = `${at}.${metric}`;
		if (!(VENDOR_METRICS as readonly string[]).includes(metric)) r.fail(mat, `is not a vendor metric deskpulse keeps (${VENDOR_METRICS.join(', ')})`);
		const parts = r.object(value, mat, ['outcome', 'calendar_minutes', 'business_minutes'], []);
		if (Object.keys(parts).length === 0) r.fail(mat, 'maps none of outcome, calendar_minutes, business_minutes');
		const outcome = parts.outcome === undefined ? null : mappedValue(r, parts.outcome, `${mat}.outcome`, 'text', defaults, grouped, false);
		if (outcome) {
			if (!outcome.values) r.fail(`${mat}.outcome`, 'needs "values" mapping the source values to within or breached');
			for (const v of [...outcome.values, ...(outcome.fallback ? [{ from: '(default)', to: outcome.fallback.value }] : [])]) {
				if (v.to !== null && !OUTCOMES.includes(v.to)) r.fail(`${mat}.outcome.values`, `"${v.from}" maps to "${v.to}": an outcome is within, breached or null`);
			}
		}
		const minutes = (name: string) =>
			parts[name] === undefined ? null : mappedValue(r, parts[name], `${mat}.${name}`, 'number', defaults, grouped, false);
		return {
			metric: metric as VendorMetricMapping['metric'],
			outcome,
			calendarMinutes: minutes('calendar_minutes'),
			businessMinutes: minutes('business_minutes')
		};
	});
}

/**
 * One mapped value: a string is shorthand for `{ "from": string }`. `type` is the target's;
 * a count aggregate reads the source as text and yields a number. `isKey`: the grouping key
 * or an order key, which takes no aggregate and no value map.
 */
function mappedValue(
	r: Reader,
	data: unknown,
	at: string,
	targetType: ValueType,
	defaults: FileDefaults,
	grouped: boolean,
	isKey: boolean
): MappedValue {
	const o =
		typeof data === 'string'
			? { from: data }
			: r.object(data, at, ['from', 'const', 'format', 'timezone', 'values', 'default', 'null_values', 'aggregate'], []);
	if ((o.from === undefined) === (o.const === undefined)) r.fail(at, 'needs exactly one of "from" (a column of the file) and "const" (a value)');
	const from = o.from === undefined ? null : r.string(o.from, `${at}.from`);
	if (from !== null && from.trim() === '') r.fail(`${at}.from`, 'is empty');
	const constant = o.const === undefined ? null : r.scalar(o.const, `${at}.const`);
	if (constant === null && o.const !== undefined) r.fail(`${at}.const`, 'is null: leave the column out instead');

	let aggregate: Aggregate | null = null;
	if (o.aggregate !== undefined) {
		if (isKey) r.fail(`${at}.aggregate`, 'this column identifies the rows: it takes no aggregate');
		if (!grouped) r.fail(`${at}.aggregate`, 'an aggregate needs "events" (rows that are events of one ticket, collapsed by it)');
		const name = r.string(o.aggregate, `${at}.aggregate`);
		if (!(AGGREGATES as readonly string[]).includes(name)) r.fail(`${at}.aggregate`, `must be one of ${AGGREGATES.join(', ')}, got "${name}"`);
		aggregate = name as Aggregate;
	} else if (grouped && !isKey) aggregate = 'last';
	const counts = aggregate === 'count_non_null' || aggregate === 'count_distinct_non_null';
	if (aggregate && !aggregateFits(aggregate, targetType)) r.fail(`${at}.aggregate`, `${aggregate} does not fit a ${targetType} column`);
	// A count reads the source values as text whatever the column's type: it counts them.
	const type: ValueType = counts ? 'text' : targetType;

	if (type !== 'timestamp' && o.format !== undefined) r.fail(`${at}.format`, `only a timestamp takes a format (this is read as ${type})`);
	if (type !== 'timestamp' && o.timezone !== undefined) r.fail(`${at}.timezone`, `only a timestamp takes a timezone (this is read as ${type})`);
	const format = o.format !== undefined ? r.format(o.format, `${at}.format`) : type === 'timestamp' ? defaults.dateFormat : null;
	const timezone = o.timezone !== undefined ? r.timezone(o.timezone, `${at}.timezone`) : type === 'timestamp' ? defaults.timezone : null;
	if (type === 'timestamp' && timezone === null && !formatHasOffset(format)) {
		r.fail(
			`${at}`,
			`is read ${format ? `with the format "${format}", which has no offset` : 'as ISO 8601 times that may lack an offset'}: say which zone its times are in with "timezone" (on the file or the column), e.g. "UTC" or "Europe/Lisbon"`
		);
	}

	let values: MappedValue['values'] = null;
	if (o.values !== undefined) {
		if (isKey) r.fail(`${at}.values`, 'this column identifies the rows: its values are not mapped');
		const map = r.object(o.values, `${at}.values`, null, []);
		const seen = new Map<string, string>();
		values = Object.entries(map).map(([source, target]) => {
			const folded = source.trim().toLowerCase();
			const earlier = seen.get(folded);
			if (earlier !== undefined) r.fail(`${at}.values`, `"${earlier}" and "${source}" are the same value (compared trimmed, ignoring case)`);
			seen.set(folded, source);
			return { from: source.trim(), to: r.scalar(target, `${at}.values.${source}`) };
		});
		if (values.length > MAX_VALUES) r.fail(`${at}.values`, `maps more than ${MAX_VALUES} values`);
	}
	if (o.default !== undefined && values === null) r.fail(`${at}.default`, 'a default is what a value missing from "values" becomes: give "values" too');
	const fallback = o.default === undefined ? null : { value: r.scalar(o.default, `${at}.default`) };
	const own = o.null_values === undefined ? [] : r.strings(o.null_values, `${at}.null_values`);
	return {
		at,
		from,
		constant,
		type,
		format,
		timezone,
		values,
		fallback,
		nullValues: [...new Set([...defaults.nullValues, ...own].map((v) => v.trim().toLowerCase()))].filter((v) => v !== ''),
		aggregate
	};
}

function aggregateFits(aggregate: Aggregate, type: ValueType): boolean {
	switch (aggregate) {
		case 'min':
		case 'max':
			return type !== 'bool';
		case 'sum':
		case 'count_non_null':
		case 'count_distinct_non_null':
			return type === 'number';
		case 'any_true':
		case 'all_true':
			return type === 'bool';
		default:
			return true;
	}
}

/** A file-name pattern with `*` and `?`, matched case-insensitively against the whole name. */
function globRegExp(pattern: string): RegExp {
	const body = [...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
	return new RegExp(`^${body}$`, 'i');
}

/** Type checks that fail with the mapping file and the key at fault. */
class Reader {
	constructor(private readonly label: string) {}

	fail(at: string, message: string): never {
		throw new ImportFileError(this.label, `${at}: ${message}`);
	}

	/** An object with only `allowed` keys (null: any key) and every `required` one. */
	object(value: unknown, at: string, allowed: string[] | null, required: string[]): Record<string, unknown> {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(at, `must be an object, got ${describe(value)}`);
		const o = value as Record<string, unknown>;
		if (allowed) {
			for (const k of Object.keys(o)) if (!allowed.includes(k)) this.fail(`${at === '(top level)' ? '' : `${at}.`}${k}`, `unknown key (expected ${allowed.join(', ')})`);
		}
		for (const k of required) if (o[k] === undefined) this.fail(at, `needs "${k}"`);
		return o;
	}

	array(value: unknown, at: string): unknown[] {
		if (!Array.isArray(value)) this.fail(at, `must be a list, got ${describe(value)}`);
		return value;
	}

	string(value: unknown, at: string): string {
		if (typeof value !== 'string') this.fail(at, `must be a string, got ${describe(value)}`);
		return value;
	}

	strings(value: unknown, at: string): string[] {
		return this.array(value, at).map((v, i) => this.string(v, `${at}[${i}]`));
	}

	/** A string, number or boolean as text; null stays null. */
	scalar(value: unknown, at: string): string | null {
		if (value === null) return null;
		if (typeof value === 'string') return value;
		if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
		return this.fail(at, `must be a string, number, boolean or null, got ${describe(value)}`);
	}

	timezone(value: unknown, at: string): string {
		const zone = this.string(value, at);
		try {
			new Intl.DateTimeFormat('en-US', { timeZone: zone });
		} catch {
			this.fail(at, `unknown time zone "${zone}" (use an IANA name such as America/New_York)`);
		}
		return zone;
	}

	format(value: unknown, at: string): string {
		const format = this.string(value, at);
		const unknown = format.replace(DIRECTIVE, '').match(/%.?/);
		if (unknown) this.fail(at, `"${unknown[0]}" is not a strptime directive deskpulse reads (e.g. "%d-%m-%Y %H:%M")`);
		if (!/%-?[dmyYjbBcx]/.test(format)) this.fail(at, `"${format}" reads no date (it needs %Y or %y, %m or %b, %d ...)`);
		return format;
	}
}

/** What a value is, for a type error: short scalars are shown, long text is not echoed back. */
function describe(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string' && value.length > 40) return 'a long string';
	return `${typeof value} ${JSON.stringify(value)}`;
}
