import type { Params } from '../db/database';
import { rawColumn, type ColumnSpec, type ColumnType, type EntitySpec } from './generic-format';

/**
 * How one column type is parsed and checked. `parse` turns the trimmed input text `v` into
 * the raw table's value; `valid` is true for a non-empty input that is acceptable; `expect`
 * says what was expected, for the rejection reason.
 */
interface TypeRule {
	parse: (v: string) => string;
	valid: (v: string) => string;
	/**
	 * Validity read off the parsed value `p` (for a non-empty input), where parsing already
	 * decides it: the check then reuses the parse instead of parsing the text a second time.
	 */
	validParsed?: (p: string) => string;
	expect: string;
}

const same = (v: string) => v;

const RULES: Record<ColumnType, TypeRule> = {
	text: { parse: same, valid: () => 'true', expect: 'text' },
	timestamp: {
		parse: (v) => `dp_parse_ts(${v}, $tz)`,
		valid: (v) => `dp_parse_ts(${v}, $tz) is not null`,
		validParsed: (p) => `${p} is not null`,
		expect: 'an ISO 8601 timestamp'
	},
	date: {
		parse: (v) => `try_cast(${v} as date)`,
		valid: (v) => `try_cast(${v} as date) is not null`,
		validParsed: (p) => `${p} is not null`,
		expect: 'a date YYYY-MM-DD'
	},
	bool: {
		parse: (v) => `dp_parse_bool(${v})`,
		valid: (v) => `dp_parse_bool(${v}) is not null`,
		validParsed: (p) => `${p} is not null`,
		expect: 'true or false'
	},
	int: {
		parse: (v) => `try_cast(${v} as integer)`,
		valid: (v) => `try_cast(${v} as integer) is not null`,
		validParsed: (p) => `${p} is not null`,
		expect: 'a whole number'
	},
	double: {
		parse: (v) => `try_cast(${v} as double)`,
		valid: (v) => `try_cast(${v} as double) is not null and isfinite(try_cast(${v} as double))`,
		validParsed: (p) => `${p} is not null and isfinite(${p})`,
		expect: 'a number'
	},
	status: {
		parse: same,
		valid: (v) => `dp_map_status(${v}) is not null`,
		expect: 'new, open, pending, on_hold, solved or closed'
	},
	priority: {
		parse: same,
		valid: (v) => `dp_map_priority(${v}) is not null`,
		expect: 'P0..P4 or urgent, high, normal, low'
	},
	tier: { parse: same, valid: (v) => `dp_map_tier(${v}) is not null`, expect: 'T1, T2 or T3' },
	segment: {
		parse: same,
		valid: (v) => `dp_map_segment(${v}) is not null`,
		expect: 'scaled, blended or high_touch'
	},
	csat: { parse: same, valid: (v) => `dp_is_csat_score(${v})`, expect: '1-5, 0-10, good or bad' },
	timezone: { parse: same, valid: (v) => `dp_is_timezone(${v})`, expect: 'an IANA time zone such as America/New_York' },
	time_of_day: {
		parse: same,
		valid: (v) => `dp_parse_minute_of_day(${v}) is not null`,
		expect: 'a time HH:MM (24:00 for end of day)'
	},
	weekday: {
		parse: (v) => `try_cast(${v} as integer)`,
		valid: (v) => `coalesce(try_cast(${v} as integer) between 1 and 7, false)`,
		validParsed: (p) => `coalesce(${p} between 1 and 7, false)`,
		expect: 'a weekday 1 (Monday) .. 7 (Sunday)'
	},
	cost_type: {
		parse: (v) => `lower(${v})`,
		valid: (v) => `lower(${v}) in ('agents', 'tools', 'outsourcing', 'other')`,
		expect: 'agents, tools, outsourcing or other'
	},
	session_kind: {
		parse: (v) => `lower(${v})`,
		valid: (v) => `lower(${v}) in ('kb', 'search', 'bot', 'community')`,
		expect: 'kb, search, bot or community'
	}
};

/** A file column matched to the format: its position among the file's fields (0-based). */
export interface MatchedColumn {
	spec: ColumnSpec;
	index: number;
}

export interface HeaderMatch {
	matched: MatchedColumn[];
	/** File columns the format does not know: kept in `extra` under their header text. */
	unknown: Array<{ header: string; index: number }>;
	missingRequired: string[];
	duplicates: string[];
}

/** Matches a file's header fields to an entity's columns, case-insensitively. */
export function matchHeader(spec: EntitySpec, header: string[]): HeaderMatch {
	const seen = new Map<string, number>();
	const duplicates: string[] = [];
	header.forEach((h, i) => {
		const key = h.trim().toLowerCase();
		if (seen.has(key)) duplicates.push(h.trim());
		else seen.set(key, i);
	});
	const matched: MatchedColumn[] = [];
	const missingRequired: string[] = [];
	for (const column of spec.columns) {
		const index = seen.get(column.name);
		if (index !== undefined) matched.push({ spec: column, index });
		else if (column.required) missingRequired.push(column.name);
	}
	const known = new Set(spec.columns.map((c) => c.name));
	const unknown = header
		.map((h, index) => ({ header: h.trim(), index }))
		.filter((h) => h.header !== '' && !known.has(h.header.toLowerCase()) && seen.get(h.header.toLowerCase()) === h.index);
	return { matched, unknown, missingRequired, duplicates };
}

/** Positional column of the temporary input table (`f0`, `f1`, ...). */
const field = (index: number) => `f${index}`;

/** Quoted identifier for an input column in the checked table (`"in_created_at"`). */
const input = (name: string) => `"in_${name}"`;

/**
 * Where the checked SELECT reads its rows: a table with `record_no` and `line_no` (the data
 * rows are those with `record_no > 1`), one input text expression per format column it has,
 * and the expressions of a row's `extra` JSON, its record as read (for the quarantine) and
 * whether it has more fields than the header.
 */
export interface CheckInput {
	table: string;
	/** Which of its rows are data: `record_no > 1` for a CSV read with its header row. */
	rows: string;
	columns: Map<string, string>;
	extra: string;
	rawRecord: string;
	overflow: string;
	/** Fields of the header, for the overflow message (0: no such check). */
	headerFieldCount: number;
	params: Params;
}

/**
 * The check input of a generic-format CSV file read into the positional table `_in`:
 * columns by header position; header texts are bound as parameters, never written into SQL.
 */
export function csvCheckInput(match: HeaderMatch, headerFieldCount: number, inputFieldCount: number, header: string[]): CheckInput {
	const params: Params = {};
	const columns = new Map(match.matched.map((m) => [m.spec.name, field(m.index)]));
	const extraPairs = match.unknown.map((u, i) => {
		params[`extra_key_${i}`] = u.header;
		return `$extra_key_${i}, ${field(u.index)}`;
	});
	const rawPairs = header.map((h, i) => {
		params[`header_${i}`] = h.trim() === '' ? `column ${i + 1}` : h.trim();
		return `$header_${i}, ${field(i)}`;
	});
	const overflow = [];
	for (let i = headerFieldCount; i < inputFieldCount; i++) overflow.push(`${field(i)} is not null`);
	return {
		table: '_in',
		rows: 'record_no > 1',
		columns,
		extra: extraPairs.length ? `json_object(${extraPairs.join(', ')})` : 'cast(null as json)',
		rawRecord: rawPairs.length ? `json_object(${rawPairs.join(', ')})` : 'cast(null as json)',
		overflow: overflow.length ? overflow.join(' or ') : 'false',
		headerFieldCount,
		params
	};
}

/** Quoted identifier for a column's parsed value in the checked SELECT (`"t_created_at"`). */
const parsed = (name: string) => `"t_${name}"`;

/**
 * The SELECT that turns an input (a CSV file's `_in`, or an adapter's mapped rows) into
 * `_checked`: one row per data record with its typed values (named as the raw table's
 * columns), its `extra` JSON and the list of problems found. Values from a file reach this
 * SQL only as column data.
 *
 * Written for large files: each value is parsed once and its check reads the parsed value;
 * duplicate keys are found by grouping (only repeated keys join back) rather than by a window
 * over every row; and the record as read, which only a rejected row needs, is not built here
 * (`quarantineSelect` builds it for the rejected rows alone).
 */
export function checkedSelect(spec: EntitySpec, source: CheckInput): { sql: string; params: Params } {
	const params: Params = { ...source.params };

	// Input text per format column: trimmed, empty as null; absent columns are null.
	const inputs = spec.columns.map((c) => {
		const expr = source.columns.get(c.name);
		return `${expr ? `nullif(trim(${expr}), '')` : 'cast(null as varchar)'} as ${input(c.name)}`;
	});
	const parses = spec.columns.map((c) => `${RULES[c.type].parse(input(c.name))} as ${parsed(c.name)}`);
	const headerFieldCount = source.headerFieldCount;

	const problems: string[] = [];
	const problem = (column: string | null, when: string, reason: string) =>
		problems.push(
			`case when ${when} then {'column_name': ${column === null ? 'cast(null as varchar)' : `'${column}'`}, 'reason': ${reason}} end`
		);

	problem(null, 'has_overflow', `'the row has more fields than the header (${headerFieldCount})'`);
	const typeOf = new Map(spec.columns.map((c) => [c.name, c.type]));
	for (const c of spec.columns) {
		const v = input(c.name);
		const rule = RULES[c.type];
		if (c.required) problem(c.name, `${v} is null`, `'required value is empty'`);
		const valid = rule.validParsed ? rule.validParsed(parsed(c.name)) : rule.valid(v);
		problem(c.name, `${v} is not null and not (${valid})`, `'expected ${rule.expect}, got "' || left(${v}, 80) || '"'`);
		if (c.min !== undefined) {
			const n = `try_cast(${v} as double)`;
			problem(c.name, `${n} < ${c.min}`, `'must be at least ${c.min}, got ' || ${v}`);
		}
		if (c.notBefore) {
			const bothTimestamps = c.type === 'timestamp' && typeOf.get(c.notBefore) === 'timestamp';
			const earlier = bothTimestamps ? parsed(c.notBefore) : `dp_parse_ts(${input(c.notBefore)}, $tz)`;
			const later = bothTimestamps ? parsed(c.name) : `dp_parse_ts(${v}, $tz)`;
			problem(
				c.name,
				`${later} < ${earlier}`,
				`'is before ${c.notBefore} (' || ${v} || ' < ' || ${input(c.notBefore)} || ')'`
			);
		}
	}
	const unique = spec.unique ?? spec.key;
	const uniqueInputs = unique.map((n) => input(n));
	const sameKey = uniqueInputs.map((k, i) => `d.key_${i} is not distinct from t.${k}`).join(' and ');
	problem(
		unique.join(', '),
		`d.first_record is not null and t.record_no > d.first_record`,
		`'duplicate ${unique.join(' + ')} in this file (first at line ' || d.first_line || ')'`
	);

	const typed = spec.columns.map((c) => `${parsed(c.name)} as "${rawColumn(c)}"`);

	const sql = `
create temp table _checked as
with named as (
    select
        record_no,
        line_no,
        ${inputs.join(',\n        ')},
        ${source.extra} as extra,
        (${source.overflow}) as has_overflow
    from ${source.table}
    where ${source.rows}
),
typed as (
    select *, ${parses.join(',\n        ')}
    from named
),
repeated_keys as (
    select ${uniqueInputs.map((k, i) => `${k} as key_${i}`).join(', ')}, min(record_no) as first_record, arg_min(line_no, record_no) as first_line
    from named
    group by all
    having count(*) > 1
),
flagged as (
    select
        t.*,
        list_filter([
            ${problems.join(',\n            ')}
        ], p -> p is not null) as problems
    from typed t
    left join repeated_keys d on ${sameKey}
)
select
    record_no,
    line_no,
    ${typed.join(',\n    ')},
    extra,
    problems
from flagged
order by record_no`;
	return { sql, params };
}

/**
 * The rows of the quarantine for a checked file: one per problem of a rejected record, with
 * the record as read (built here, for rejected records only). Run after `checkedSelect`.
 */
export function quarantineSelect(source: CheckInput, columnName: string): string {
	// The record is built after the join, from the input's columns (`f0`.., or an adapter's
	// `raw_record`), which `_checked` does not have, so the expression reads them unqualified.
	return `select $run_id, $source, $entity, $file_name, $checksum, c.line_no, ${columnName}, p.reason, ${source.rawRecord}
		 from (select record_no, line_no, problems from _checked where len(problems) > 0) c
		 join ${source.table} s on s.record_no = c.record_no,
		      unnest(c.problems) as u(p)`;
}
