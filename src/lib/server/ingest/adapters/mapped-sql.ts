import type { Connection, Params } from '../../db/database';
import { ImportFileError } from '../errors';
import type { ColumnSpec } from '../generic-format';
import { formatHasOffset, valueTypeOf, type FileMapping, type Mapping, type MappedValue, type ValueType } from './mapped-mapping';
import type { ValueMapSpec } from './mapped-plan';
import { readVendorCsv, type VendorColumn } from './vendor-csv';

/*
 * The SQL a mapping file turns into. A mapping names arbitrary columns, formats and values,
 * so some SQL has to be assembled per mapping; all of that assembly lives in this module,
 * under one rule:
 *
 *   IDENTIFIERS come only from this module or from deskpulse's own allowlists, never from
 *   the mapping file or the CSV: fixed names written here (`_vendor`, `_map_events`,
 *   `record_no`, ...), generated aliases built from JavaScript integers (`m_3`, `v_7`,
 *   `event_order_0`), the generic format's column names (generic-format.ts) and the vendor
 *   metric names (VENDOR_METRICS), the last two with fixed suffixes (`__bad`, `__source`).
 *   (Extra keys such as orgs' `domain` are JSON keys, bound like values.)
 *   Every generated or allowlisted name passes `ident()` (a plain lowercase identifier).
 *
 *   VALUES from the mapping file (header texts, constants, formats, zones, value maps, null
 *   markers, metric names) reach SQL only as bound parameters (`bind()`) or as rows of the
 *   temp tables `_map_values` and `_map_nulls`, filled by bound inserts and read from there.
 *   Numbers written into the SQL (`map_no = 3`) are JavaScript integers, never input.
 *
 * The CSV is read by readVendorCsv with one VendorColumn per source column the mapping names
 * (alias `m_<n>`), so header texts never become SQL either. Three steps follow:
 *   1. `_map_events`: one row per CSV record; per mapped value `v_<n>` its typed value,
 *      `v_<n>__source` (the text after null markers), `v_<n>__bad` (text that would not parse).
 *   2. `_map_rows`: one row per ticket or org: events grouped by the key column, each value
 *      collapsed by its aggregate in event order (or, without `events`, the records as they
 *      are), named as the generic format's columns, typed; every column of the entity is
 *      there (null when unmapped), so the skeleton that reads it is static.
 *   3. sql/adapters/mapped/<entity>.sql (run by mappedPlan into `_mapped`): the static
 *      skeleton that writes the typed values as generic-format text.
 */

const SAFE_IDENTIFIER = /^[a-z][a-z0-9_]*$/;

/** A double-quoted identifier, refused unless it is a plain lowercase name (see the rule above). */
function ident(name: string): string {
	if (!SAFE_IDENTIFIER.test(name)) throw new Error(`mapped adapter: "${name}" is not a safe identifier`);
	return `"${name}"`;
}

/** A generated name from a fixed prefix, a JavaScript integer and a fixed suffix: `v_3__bad`. */
function numbered(prefix: string, n: number, suffix: '' | '__source' | '__text' | '__bad' = ''): string {
	if (!Number.isSafeInteger(n) || n < 0) throw new Error(`mapped adapter: bad index ${n}`);
	return ident(`${prefix}_${n}${suffix}`);
}

const SQL_TYPE: Record<ValueType, string> = { text: 'varchar', number: 'double', bool: 'boolean', timestamp: 'timestamptz' };

/** How the typed value is read from its text: `x` is the SQL expression of the text. */
function parseExpr(value: MappedValue, x: string, bind: (v: string | null) => string): string {
	switch (value.type) {
		case 'text':
			return x;
		case 'number':
			return `try_cast(${x} as double)`;
		case 'bool':
			return `dp_parse_bool(${x})`;
		case 'timestamp':
			if (value.format === null) return `dp_parse_ts(${x}, ${bind(value.timezone)})`;
			if (formatHasOffset(value.format)) return `try_strptime(${x}, ${bind(value.format)})`;
			return `timezone(${bind(value.timezone)}, try_strptime(${x}, ${bind(value.format)}))`;
	}
}

/** One value read per record: the key, an order key, a canonical column or a vendor metric part. */
interface Slot {
	no: number;
	value: MappedValue;
	/** The canonical column it fills, or the vendor metric part. */
	target:
		| { column: ColumnSpec }
		| { extra: string }
		| { metric: string; part: 'outcome' | 'calendar_minutes' | 'business_minutes' }
		| null;
}

interface MappedLayout {
	/** Every value the mapping reads, numbered: the key first, then the order keys. */
	slots: Slot[];
	key: Slot;
	orderKeys: Slot[];
	/** One per distinct source column, read under the alias m_0, m_1, ... */
	vendorColumns: VendorColumn[];
	/** Source column (header text, lowercased) -> its alias. */
	aliasOf: Map<string, string>;
}

/** Numbers the values of a file mapping and gives each source column an alias. */
function layoutOf(file: FileMapping): MappedLayout {
	const slots: Slot[] = [];
	const add = (value: MappedValue, target: Slot['target']) => {
		const slot = { no: slots.length, value, target };
		slots.push(slot);
		return slot;
	};
	const key = add(file.key.value, { column: file.key.target });
	const orderKeys = (file.orderBy ?? []).map((v) => add(v, null));
	for (const c of file.columns) add(c.value, { column: c.target });
	for (const c of file.extras) add(c.value, { extra: c.target.name });
	for (const m of file.vendorMetrics) {
		if (m.outcome) add(m.outcome, { metric: m.metric, part: 'outcome' });
		if (m.calendarMinutes) add(m.calendarMinutes, { metric: m.metric, part: 'calendar_minutes' });
		if (m.businessMinutes) add(m.businessMinutes, { metric: m.metric, part: 'business_minutes' });
	}
	const aliasOf = new Map<string, string>();
	const vendorColumns: VendorColumn[] = [];
	for (const s of slots) {
		const name = s.value.from?.trim();
		if (!name || aliasOf.has(name.toLowerCase())) continue;
		const alias = `m_${aliasOf.size}`;
		aliasOf.set(name.toLowerCase(), alias);
		vendorColumns.push({ names: [name], alias, required: true });
	}
	return { slots, key, orderKeys, vendorColumns, aliasOf };
}

/** The source columns a file mapping reads, each with the mapping key that names it. */
export function sourceColumnsOf(file: FileMapping): Array<{ name: string; at: string }> {
	return layoutOf(file)
		.slots.filter((s) => s.value.from !== null)
		.map((s) => ({ name: s.value.from!.trim(), at: s.value.at }));
}

/** Whether the summary can show which source value a slot's canonical value was mapped from. */
function reportsSource(slot: Slot, grouped: boolean): boolean {
	if (!slot.value.values || slot.value.from === null) return false;
	return !grouped || ['first', 'last', 'first_non_null', 'last_non_null'].includes(slot.value.aggregate ?? 'last');
}

/**
 * The value maps of a file mapping as the import summary reports them, by the `_mapped`
 * columns that hold the source value and the canonical one (see rowsSql).
 */
export function valueMapsOf(file: FileMapping): ValueMapSpec[] {
	const layout = layoutOf(file);
	const grouped = file.orderBy !== null;
	const maps: ValueMapSpec[] = [];
	for (const s of layout.slots) {
		if (!s.target || !reportsSource(s, grouped)) continue;
		if ('column' in s.target) {
			const name = s.target.column.name;
			const canonical = (['status', 'priority', 'channel', 'tier'] as const).find((c) => c === name);
			maps.push({ field: s.value.from!, from: `${name}__source`, to: name, canonical });
		} else if ('metric' in s.target && s.target.part === 'outcome') {
			maps.push({ field: s.value.from!, from: `vm_${s.target.metric}__source`, to: `vm_${s.target.metric}__outcome` });
		}
	}
	return maps;
}

/** Collects bound parameters under generated names ($p_0, $p_1, ...). */
class Binder {
	readonly params: Params = {};
	private n = 0;
	bind = (value: string | number | null): string => {
		const name = `p_${this.n++}`;
		this.params[name] = value;
		return value === null ? `cast($${name} as varchar)` : `$${name}`;
	};
}

/**
 * Reads a CSV file by its file mapping into `_map_rows` (see the module comment): the input
 * of sql/adapters/mapped/<entity>.sql. Returns the records read and the unmapped columns.
 */
export async function loadMappedFile(
	conn: Connection,
	path: string,
	fileName: string,
	mapping: Mapping,
	file: FileMapping
): Promise<{ rowsRead: number; extraColumns: string[] }> {
	const layout = layoutOf(file);
	const vendor = await readVendorCsv(conn, path, fileName, layout.vendorColumns);
	await fillMapTables(conn, layout);
	await checkTargets(conn, mapping, layout);
	const events = eventsSql(layout);
	await conn.run(events.sql, events.params);
	const rows = rowsSql(file, layout);
	await conn.run(rows.sql, rows.params);
	return { rowsRead: vendor.rowsRead, extraColumns: vendor.extraColumns };
}

/** Value maps and null markers as rows of temp tables, inserted with bound values. */
async function fillMapTables(conn: Connection, layout: MappedLayout): Promise<void> {
	await conn.exec(
		`create temp table _map_values (map_no integer, source_key varchar, source_value varchar, target varchar, primary key (map_no, source_key));
		 create temp table _map_nulls (map_no integer, marker varchar, primary key (map_no, marker));`
	);
	for (const s of layout.slots) {
		for (const v of s.value.values ?? []) {
			await conn.run(`insert into _map_values values ($map_no, lower($source), $source, $target)`, { map_no: s.no, source: v.from, target: v.to });
		}
		for (const marker of s.value.nullValues) await conn.run(`insert into _map_nulls values ($map_no, $marker)`, { map_no: s.no, marker });
	}
}

/** The check of a canonical value, for the targets of a value map: null for free text. */
const TARGET_CHECK: Partial<Record<ColumnSpec['type'], { sql: string; expect: string }>> = {
	status: { sql: 'dp_map_status(target) is not null', expect: 'new, open, pending, on_hold, solved or closed' },
	priority: { sql: 'dp_map_priority(target) is not null', expect: 'P0..P4 or urgent, high, normal, low' },
	tier: { sql: 'dp_map_tier(target) is not null', expect: 'T1, T2 or T3' },
	segment: { sql: 'dp_map_segment(target) is not null', expect: 'scaled, blended or high_touch' },
	csat: { sql: 'dp_is_csat_score(target)', expect: '1-5, 0-10, good or bad' },
	timezone: { sql: 'dp_is_timezone(target)', expect: 'an IANA time zone' }
};

/** Refuses a value map whose targets the generic format would reject on every row. */
async function checkTargets(conn: Connection, mapping: Mapping, layout: MappedLayout): Promise<void> {
	for (const s of layout.slots) {
		if (!s.target || !('column' in s.target) || !s.value.values) continue;
		const check = TARGET_CHECK[s.target.column.type];
		if (!check) continue;
		const fallback = s.value.fallback;
		const bad = await conn.query<{ source_value: string; target: string }>(
			`select source_value, target
			 from (
			     select source_value, target from _map_values where map_no = $map_no
			     union all
			     select '(default)', $fallback where $has_fallback
			 )
			 where target is not null and not (${check.sql})
			 order by source_value
			 limit 1`,
			{ map_no: s.no, fallback: fallback?.value ?? null, has_fallback: fallback !== null }
		);
		if (bad.length) {
			throw new ImportFileError(
				mapping.label,
				`${s.value.at}.values: "${bad[0].source_value}" maps to "${bad[0].target}", which is not a ${s.target.column.name} deskpulse reads (${check.expect})`
			);
		}
	}
}

/**
 * Step 1: `_map_events`, one row per CSV record with each value typed: null markers (read
 * once into a one-row list per value, `nulls_<n>`), then the value map (a join of that
 * value's rows of `_map_values`), then the parse, then what would not parse (`__bad`).
 */
function eventsSql(layout: MappedLayout): { sql: string; params: Params } {
	const b = new Binder();
	const read = ['record_no', 'line_no', ...[...new Set(layout.aliasOf.values())].map(ident)];
	const nullLists: string[] = ['count(*) as markers'];
	const joins: string[] = [];
	const cleaned: string[] = [];
	const mapped: string[] = [];
	const typed: string[] = [];
	const checked: string[] = [];
	const bads: string[] = [];
	for (const s of layout.slots) {
		const v = s.value;
		const n = s.no;
		const raw = v.from === null ? b.bind(v.constant) : `s.${ident(layout.aliasOf.get(v.from.trim().toLowerCase())!)}`;
		const source = numbered('v', n, '__source');
		const text = numbered('v', n, '__text');
		const bad = numbered('v', n, '__bad');
		// Null markers: the mapping's words for "empty" (blank cells already are null).
		if (v.nullValues.length) {
			const list = numbered('nulls', n);
			nullLists.push(`list(marker) filter (where map_no = ${n}) as ${list}`);
			cleaned.push(`case when list_contains(n.${list}, lower(${raw})) then null else ${raw} end as ${source}`);
		} else cleaned.push(`${raw} as ${source}`);
		if (v.values) {
			const m = numbered('values', n);
			joins.push(`left join (select source_key, target from _map_values where map_no = ${n}) as ${m} on ${m}.source_key = lower(c.${source})`);
			const otherwise = v.fallback ? b.bind(v.fallback.value) : `c.${source}`;
			mapped.push(`case when c.${source} is null then null when ${m}.source_key is not null then ${m}.target else ${otherwise} end as ${text}`);
		} else mapped.push(`c.${source} as ${text}`);
		typed.push(`${parseExpr(v, text, b.bind)} as ${numbered('v', n)}`, source);
		checked.push(numbered('v', n), source);
		if (v.type !== 'text') {
			typed.push(text);
			checked.push(`case when ${text} is not null and ${numbered('v', n)} is null then ${text} end as ${bad}`);
			// Only a canonical column can carry the bad text to the checker; an unreadable
			// order key sorts as empty, an unreadable vendor metric is left out.
			if (s.target && 'column' in s.target) bads.push(`${bad} is not null`);
		}
	}
	const orders = layout.orderKeys.map((s, i) => `${numbered('v', s.no)} as ${numbered('event_order', i)}`);
	const sql = `
create temp table _map_events as
with null_lists as (
    select
        ${nullLists.join(',\n        ')}
    from _map_nulls
),
source as (
    select
        ${read.join(',\n        ')}
    from _vendor
    where record_no > 1
),
cleaned as (
    select
        s.record_no,
        s.line_no,
        ${cleaned.join(',\n        ')}
    from source as s
    cross join null_lists as n
),
mapped as (
    select
        c.*,
        ${mapped.join(',\n        ')}
    from cleaned as c
    ${joins.join('\n    ')}
),
typed as (
    select
        record_no,
        line_no,
        ${typed.join(',\n        ')}
    from mapped
),
checked as (
    select
        record_no,
        line_no,
        ${checked.join(',\n        ')}
    from typed
),
final as (
    select
        *,
        ${numbered('v', layout.key.no)} as event_key,
        ${orders.length ? `${orders.join(',\n        ')},` : ''}
        (${bads.length ? bads.join(' or ') : 'false'}) as has_bad
    from checked
)
select * from final`;
	return { sql, params: b.params };
}

/** The aggregate of value `v` over a ticket's events (numbered 1..event_count in order). */
function aggregateExpr(slot: Slot, column: string): string {
	switch (slot.value.aggregate) {
		case 'first':
			return `first(${column}) filter (where event_no = 1)`;
		case 'last':
		case null:
			return `first(${column}) filter (where event_no = event_count)`;
		case 'first_non_null':
			return `arg_min(${column}, event_no)`;
		case 'last_non_null':
			return `arg_max(${column}, event_no)`;
		case 'min':
			return `min(${column})`;
		case 'max':
			return `max(${column})`;
		case 'sum':
			return `sum(${column})`;
		case 'count_non_null':
			return `count(${column})`;
		case 'count_distinct_non_null':
			return `count(distinct ${column})`;
		case 'any_true':
			return `bool_or(${column})`;
		case 'all_true':
			return `bool_and(${column})`;
	}
}

/**
 * The source text of the value an aggregate picked, for the import summary's value
 * mappings ("incident_state: Closed -> closed"); only aggregates that pick one row have one.
 */
function sourceAggregateExpr(slot: Slot, source: string, value: string): string {
	switch (slot.value.aggregate) {
		case 'first':
			return `first(${source}) filter (where event_no = 1)`;
		case 'last':
		case null:
			return `first(${source}) filter (where event_no = event_count)`;
		case 'first_non_null':
			return `arg_min(${source}, case when ${value} is not null then event_no end)`;
		case 'last_non_null':
			return `arg_max(${source}, case when ${value} is not null then event_no end)`;
		default:
			throw new Error(`mapped adapter: no single source value for ${slot.value.aggregate}`);
	}
}

/** Step 2: `_map_rows`, one row per ticket or org, every column of the entity typed. */
function rowsSql(file: FileMapping, layout: MappedLayout): { sql: string; params: Params } {
	const b = new Binder();
	const grouped = file.orderBy !== null;
	const valueSlots = layout.slots.filter((s) => s !== layout.key && !layout.orderKeys.includes(s));
	const collapsed: string[] = [];
	for (const s of valueSlots) {
		const v = numbered('v', s.no);
		const source = numbered('v', s.no, '__source');
		const bad = numbered('v', s.no, '__bad');
		if (grouped) {
			collapsed.push(`${aggregateExpr(s, v)} as ${v}`);
			if (s.value.type !== 'text') collapsed.push(`arg_min(${bad}, line_no) as ${bad}`);
			if (reportsSource(s, grouped)) collapsed.push(`${sourceAggregateExpr(s, source, v)} as ${source}`);
		} else {
			collapsed.push(v);
			if (reportsSource(s, grouped)) collapsed.push(source);
			if (s.value.type !== 'text') collapsed.push(bad);
		}
	}

	const out: string[] = [];
	for (const column of file.spec.columns) {
		const name = ident(column.name);
		const type = valueTypeOf(column);
		const slot = valueSlots.find((s) => s.target && 'column' in s.target && s.target.column.name === column.name);
		if (column.name === file.key.target.name) out.push(`event_key as ${name}`);
		else if (slot) out.push(`cast(${numbered('v', slot.no)} as ${SQL_TYPE[type]}) as ${name}`);
		else out.push(`cast(null as ${SQL_TYPE[type]}) as ${name}`);
		if (type !== 'text') {
			const bad = ident(`${column.name}__bad`);
			// A value that would not parse is passed on as text the checker rejects, with what
			// was expected, so the row is quarantined at the line of the record that has it.
			const suffix = slot?.value.type === 'timestamp' ? ` (expected ${slot.value.format ? `the format ${slot.value.format}` : 'ISO 8601'})` : '';
			out.push(
				slot && slot.value.type !== 'text'
					? `${numbered('v', slot.no, '__bad')} || ${b.bind(suffix)} as ${bad}`
					: `cast(null as varchar) as ${bad}`
			);
		}
		if (slot && reportsSource(slot, grouped)) out.push(`${numbered('v', slot.no, '__source')} as ${ident(`${column.name}__source`)}`);
	}
	out.push(`${vendorMetricsExpr(file, valueSlots, b)} as vendor_metrics`);
	for (const s of valueSlots) {
		if (!s.target || !('metric' in s.target) || s.target.part !== 'outcome' || !reportsSource(s, grouped)) continue;
		out.push(`${numbered('v', s.no, '__source')} as ${ident(`vm_${s.target.metric}__source`)}`);
		out.push(`${outcomeExpr(numbered('v', s.no))} as ${ident(`vm_${s.target.metric}__outcome`)}`);
	}

	const values = collapsed.length ? `,\n        ${collapsed.join(',\n        ')}` : '';
	const order = layout.orderKeys.map((_, i) => `${numbered('event_order', i)} nulls first`).join(', ');
	// A ticket is shown (line, raw record) at its first record, or the first with an unreadable
	// value; its unmapped columns (`extra`) are its last event's.
	const collapse = grouped
		? `events as (
    select
        *,
        row_number() over (partition by event_key order by ${order}, line_no) as event_no,
        count(*) over (partition by event_key) as event_count
    from _map_events
),
collapsed as (
    select
        event_key,
        min(record_no) as record_no,
        arg_min(record_no, {'fine': not has_bad, 'line_no': line_no}) as shown_record_no,
        first(record_no) filter (where event_no = event_count) as last_record_no${values}
    from events
    group by event_key
)`
		: `collapsed as (
    select
        event_key,
        record_no,
        record_no as shown_record_no,
        record_no as last_record_no${values}
    from _map_events
)`;
	// Values kept in `extra` under their fixed key (bound), over the record's unmapped columns.
	const extras = valueSlots.flatMap((s) => (s.target && 'extra' in s.target ? [`${b.bind(s.target.extra)}, ${numbered('v', s.no)}`] : []));
	const extra = extras.length
		? `json_merge_patch(coalesce(last_event.extra, json_object()), json_object(${extras.join(', ')}))`
		: 'last_event.extra';
	const sql = `
create temp table _map_rows as
with ${collapse},
final as (
    select
        c.record_no,
        shown.line_no,
        ${out.join(',\n        ')},
        ${extra} as extra,
        shown.raw_record
    from collapsed as c
    inner join _vendor as shown on shown.record_no = c.shown_record_no
    inner join _vendor as last_event on last_event.record_no = c.last_record_no
)
select * from final`;
	return { sql, params: b.params };
}

/** An SLA outcome as deskpulse stores it: within, breached or null. */
function outcomeExpr(v: string): string {
	return `case when lower(${v}) in ('within', 'breached') then lower(${v}) end`;
}

/** The list of what the vendor computed itself, one struct per mapped metric. */
function vendorMetricsExpr(file: FileMapping, slots: Slot[], b: Binder): string {
	if (file.vendorMetrics.length === 0) {
		return 'cast(null as struct(metric varchar, calendar_minutes double, business_minutes double, outcome varchar)[])';
	}
	const part = (metric: string, name: 'outcome' | 'calendar_minutes' | 'business_minutes') =>
		slots.find((s) => s.target && 'metric' in s.target && s.target.metric === metric && s.target.part === name);
	const structs = file.vendorMetrics.map((m) => {
		const outcome = part(m.metric, 'outcome');
		const calendar = part(m.metric, 'calendar_minutes');
		const business = part(m.metric, 'business_minutes');
		return `{'metric': ${b.bind(m.metric)}, 'calendar_minutes': ${calendar ? `cast(${numbered('v', calendar.no)} as double)` : 'cast(null as double)'}, 'business_minutes': ${business ? `cast(${numbered('v', business.no)} as double)` : 'cast(null as double)'}, 'outcome': ${outcome ? outcomeExpr(numbered('v', outcome.no)) : 'cast(null as varchar)'}}`;
	});
	return `[\n            ${structs.join(',\n            ')}\n        ]`;
}
