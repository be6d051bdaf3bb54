import type { Params } from '../db/database';
import { rawColumn, type ColumnSpec, type ColumnType, type EntitySpec } from './generic-format';
import type { ValueOverride } from './value-overrides';
import { csatBounds, type CsatScale } from './csat-scale';

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
		expect: 'a date and time'
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
	// Whole numbers only, as written: "1.5", "0x1F", "1_000" and "1e1" are no count (a cast
	// would round or read them); "2.0", as a spreadsheet may write 2, is.
	int: {
		parse: (v) => `case when regexp_full_match(${v}, '[+-]?[0-9]{1,9}(\\.0+)?') then try_cast(${v} as integer) end`,
		valid: (v) => `regexp_full_match(${v}, '[+-]?[0-9]{1,9}(\\.0+)?')`,
		validParsed: (p) => `${p} is not null`,
		expect: 'a whole number'
	},
	double: {
		parse: (v) => `try_cast(${v} as double)`,
		valid: (v) => `try_cast(${v} as double) is not null and isfinite(try_cast(${v} as double))`,
		validParsed: (p) => `${p} is not null and isfinite(${p})`,
		expect: 'a number'
	},
	// A column with a default rule (tickets' status, priority, tier and channel) is read by
	// VOCABULARIES below and never rejected; these rules read the same types elsewhere (an
	// SLA policy's priority) strictly.
	status: {
		parse: (v) => `dp_map_status(${v})`,
		valid: (v) => `dp_map_status(${v}) is not null`,
		expect: 'new, open, pending, on_hold, solved or closed'
	},
	channel: { parse: (v) => `dp_map_channel(${v})`, valid: () => 'true', expect: 'text' },
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
	// On the source's declared scale (csat-scale.ts): $csat_min..$csat_max, or good/bad.
	csat: {
		parse: same,
		valid: (v) => `(lower(trim(${v})) in ('good', 'bad') or (dp_is_csat_score(${v}) and try_cast(trim(${v}) as integer) between $csat_min and $csat_max))`,
		expect: 'a CSAT answer'
	},
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
	/**
	 * Where an adapter translated a vocabulary value before the check (Freshdesk's "Waiting on
	 * Customer" to pending), the expression of the vendor's own value: overrides match it.
	 */
	vendorValues?: Map<string, string>;
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
 * Minutes by which a timestamp may fall before the one it must follow and still be read as
 * vendor rounding (moved to it) rather than as a wrong value (emptied). Zendesk writes its
 * durations in whole minutes, so "created + first resolution minutes" can land up to a minute
 * past the exact solve; a few minutes also absorbs clocks a little out of step.
 */
export const ROUNDING_TOLERANCE_MINUTES = 5;

/**
 * The built-in map of a vocabulary column (null for a value it does not know) and the
 * default rule for the rest (docs/metrics.md, "Import rules"). `input` reads another
 * column's input text of the row, for rules that look at the ticket (a status with a
 * solve time is solved).
 */
const VOCABULARIES: Partial<
	Record<
		ColumnType,
		{
			builtin: (v: string) => string;
			fallback: (v: string, input: (name: string) => string) => string;
			/** Values that say the row is no ticket at all (spam, deleted): those rows are rejected. */
			excluded?: (v: string) => string;
		}
	>
> = {
	status: {
		excluded: (v) => `lower(${v}) in ('spam', 'deleted', 'trash', 'junk')`,
		builtin: (v) => `dp_map_status(${v})`,
		fallback: (v, input) =>
			`dp_default_status(${v}, ${['solved_at', 'final_solved_at', 'closed_at'].map((c) => `${input(c)} is not null`).join(' or ')})`
	},
	priority: { builtin: (v) => `dp_map_priority(${v})`, fallback: (v) => `dp_default_priority(${v})` },
	tier: { builtin: (v) => `dp_map_tier(${v})`, fallback: () => 'cast(null as varchar)' },
	channel: {
		builtin: (v) => `case when dp_is_known_channel(dp_map_channel(${v})) then dp_map_channel(${v}) end`,
		fallback: (v) => `dp_map_channel(${v})`
	}
};

/**
 * The SELECT that turns an input (a CSV file's `_in`, or an adapter's mapped rows) into
 * `_checked`: one row per data record with its typed values (named as the raw table's
 * columns), its `extra` JSON, the list of problems that reject it, and the list of
 * adjustments that keep it (a value moved within the rounding tolerance or emptied, each
 * with the value as read and what was done). Vocabulary columns with a default rule also get
 * `rule_<column>` ('default rule', 'your map' or null for the built-in map) and `from_<column>`
 * (the vendor's value, where a rule other than the built-in map read it). Values from a file
 * reach this SQL only as column data, and overrides only as bound parameters. `columnNames`
 * gives the export's name of a canonical column (an adapter's vendorColumns) for the rules.
 *
 * Written for large files: each value is parsed once and its check reads the parsed value;
 * duplicate keys are found by grouping (only repeated keys join back) rather than by a window
 * over every row; and the record as read, which only a rejected row needs, is not built here
 * (`quarantineSelect` builds it for the rejected rows alone).
 */
export function checkedSelect(
	spec: EntitySpec,
	source: CheckInput,
	overrides: ValueOverride[] = [],
	columnNames: Record<string, string> = {},
	csatScale: CsatScale | null = null
): { sql: string; params: Params } {
	const params: Params = { ...source.params, ...(spec.columns.some((c) => c.type === 'csat') ? csatBounds(csatScale) : {}) };
	const has = (name: string) => spec.columns.some((c) => c.name === name);
	const inputOf = (name: string) => (has(name) ? input(name) : 'cast(null as varchar)');
	const vocabulary = (c: ColumnSpec) => (c.defaultRule ? VOCABULARIES[c.type] : undefined);

	// Input text per format column: trimmed, empty as null; absent columns are null.
	const inputs = spec.columns.map((c) => {
		const expr = source.columns.get(c.name);
		return `${expr ? `nullif(trim(${expr}), '')` : 'cast(null as varchar)'} as ${input(c.name)}`;
	});
	// The vendor's own value of a vocabulary column, which overrides are matched against (an
	// adapter may already have translated the input, e.g. Freshdesk's "Waiting on Customer").
	const vendorInputs = spec.columns
		.filter((c) => vocabulary(c))
		.map((c) => {
			const expr = source.vendorValues?.get(c.name);
			return `${expr ? `nullif(trim(cast(${expr} as varchar)), '')` : input(c.name)} as "w_${c.name}"`;
		});
	const parses = spec.columns.flatMap((c) => {
		const vocab = vocabulary(c);
		if (!vocab) return [`${RULES[c.type].parse(input(c.name))} as ${parsed(c.name)}`];
		const mine = overrides.filter((o) => o.field === c.name);
		const whens = mine.map((o, i) => {
			params[`map_${c.name}_${i}_from`] = o.from.toLowerCase();
			params[`map_${c.name}_${i}_to`] = o.to;
			return `when $map_${c.name}_${i}_from then $map_${c.name}_${i}_to`;
		});
		// Matched against the vendor's value, then the value as the adapter passed it on (a
		// Freshdesk custom status can be mapped by its id or by its name).
		const mapped = whens.length
			? `coalesce(case lower("w_${c.name}") ${whens.join(' ')} end, case lower(${input(c.name)}) ${whens.join(' ')} end)`
			: 'cast(null as varchar)';
		return [`${mapped} as "o_${c.name}"`, `${vocab.builtin(input(c.name))} as "b_${c.name}"`];
	});
	const headerFieldCount = source.headerFieldCount;

	const problems: string[] = [];
	const problem = (column: string | null, when: string, reason: string) =>
		problems.push(
			`case when ${when} then {'column_name': ${column === null ? 'cast(null as varchar)' : `'${column}'`}, 'reason': ${reason}} end`
		);

	// Timestamps outside the plausible window (1990 to a year from now: dp_plausible_ts) are
	// parseable but no event of a ticket: a required one rejects the row, another is emptied.
	// `p_<column>` keeps the parsed value, so the reason can tell the two apart.
	const timestamps = spec.columns.filter((c) => c.type === 'timestamp');
	const windowReplace = timestamps.map((c) => `dp_plausible_ts(${parsed(c.name)}) as ${parsed(c.name)}`);
	const windowKeep = timestamps.map((c) => `${parsed(c.name)} as "p_${c.name}"`);
	const outsideWindow = (c: ColumnSpec) => `"p_${c.name}" is not null and ${parsed(c.name)} is null`;
	const WINDOW = 'outside 1990 to a year from now';

	problem(null, 'has_overflow', `'the row has more fields than the header (${headerFieldCount})'`);
	for (const c of spec.columns) {
		const v = input(c.name);
		const rule = RULES[c.type];
		if (c.required) problem(c.name, `${v} is null`, `'required value is empty'`);
		if (c.type === 'timestamp') {
			problem(c.name, `${v} is not null and "p_${c.name}" is null`, `'expected ${rule.expect}, got "' || left(${v}, 80) || '"'`);
			if (c.required) problem(c.name, outsideWindow(c), `'is ${WINDOW}, got "' || left(${v}, 80) || '"'`);
			continue;
		}
		const excluded = vocabulary(c)?.excluded;
		if (excluded) problem(c.name, excluded(v), `'"' || ${v} || '" is no ticket (spam or deleted)'`);
		if (c.after) {
			problem(
				c.name,
				`dp_parse_minute_of_day(${v}) <= dp_parse_minute_of_day(${input(c.after)})`,
				`'must be later than ${c.after} (' || ${v} || ' <= ' || ${input(c.after)} || '): write an overnight interval as two rows'`
			);
		}
		if (vocabulary(c)) continue;
		// A value below its floor has been emptied by then (an adjustment, not a reject): its
		// validity is read from the text.
		const valid = rule.validParsed && c.min === undefined ? rule.validParsed(parsed(c.name)) : rule.valid(v);
		// A CSAT answer's expectation names the source's scale, bound with it.
		const expected = c.type === 'csat' ? `'expected ' || $csat_expect || ', got "'` : `'expected ${rule.expect}, got "'`;
		problem(c.name, `${v} is not null and not (${valid})`, `${expected} || left(${v}, 80) || '"'`);
	}
	const unique = spec.unique ?? spec.key;
	const uniqueInputs = unique.map((n) => input(n));
	const sameKey = uniqueInputs.map((k, i) => `d.key_${i} is not distinct from t.${k}`).join(' and ');
	// A repeated key is judged among the rows that pass every other check: when the first copy
	// of a ticket cannot be read (a bad date), the next one is kept, not rejected with it.
	const duplicate = `{'column_name': '${unique.join(', ')}', 'reason': 'duplicate ${unique.join(' + ')} in this file (first at line ' || d.first_line || ')'}`;

	// Adjustments, first pass: a timestamp before the one it must follow, a number below its
	// floor, a vocabulary value read by its default rule or the user's map.
	const utcText = (ts: string) => `strftime(timezone('UTC', ${ts}), '%Y-%m-%d %H:%M:%S UTC')`;
	// The rule says what was done in the export's own column names, bound as a parameter (an
	// adapter may name columns by the file's header text).
	const shown = (name: string) => columnNames[name] ?? name;
	const adjustment = (column: string, when: string, to: string, rule: string) => {
		const key = `adjustment_rule_${Object.keys(params).filter((k) => k.startsWith('adjustment_rule_')).length}`;
		params[key] = rule;
		return `case when ${when} then {'column_name': '${column}', 'value': ${input(column)}, 'adjusted_to': ${to}, 'rule': $${key}} end`;
	};
	const firstReplace: string[] = [];
	const firstAdjustments: string[] = [];
	const tolerance = `interval ${ROUNDING_TOLERANCE_MINUTES} minute`;
	for (const c of timestamps) {
		if (!c.required) firstAdjustments.push(adjustment(c.name, outsideWindow(c), 'cast(null as varchar)', `is ${WINDOW}: emptied`));
	}
	for (const c of spec.columns) {
		const t = parsed(c.name);
		if (c.notBefore) {
			const e = parsed(c.notBefore);
			if (spec.columns.find((x) => x.name === c.notBefore)?.notBefore) throw new Error(`${c.name}: notBefore must name a column without a rule of its own`);
			firstReplace.push(`case when ${t} < ${e} then case when ${t} >= ${e} - ${tolerance} then ${e} end else ${t} end as ${t}`);
			firstAdjustments.push(
				adjustment(c.name, `${t} < ${e} and ${t} >= ${e} - ${tolerance}`, utcText(e), `is before ${shown(c.notBefore)} by at most ${ROUNDING_TOLERANCE_MINUTES} min (rounding): moved to ${shown(c.notBefore)}`),
				adjustment(c.name, `${t} < ${e} - ${tolerance}`, 'cast(null as varchar)', `is before ${shown(c.notBefore)} by more than ${ROUNDING_TOLERANCE_MINUTES} min: emptied`)
			);
		}
		if (c.min !== undefined) {
			firstReplace.push(`case when ${t} < ${c.min} then null else ${t} end as ${t}`);
			firstAdjustments.push(adjustment(c.name, `${t} < ${c.min}`, 'cast(null as varchar)', `is below ${c.min}: emptied`));
		}
	}
	const vocabColumns: string[] = [];
	for (const c of spec.columns) {
		const vocab = vocabulary(c);
		if (!vocab) continue;
		const [o, b, w, v] = [`"o_${c.name}"`, `"b_${c.name}"`, `"w_${c.name}"`, input(c.name)];
		const rule = `case when ${o} is not null then 'your map' when ${v} is null or ${b} is not null then null else 'default rule' end`;
		vocabColumns.push(
			`coalesce(${o}, ${b}, ${vocab.fallback(v, inputOf)}) as ${parsed(c.name)}`,
			`${rule} as "rule_${c.name}"`,
			`case when ${o} is not null or (${v} is not null and ${b} is null) then coalesce(${w}, ${v}) end as "from_${c.name}"`
		);
	}

	// Second pass: a first solve after the last one is moved back to it, once both have been
	// settled against the creation time.
	const secondReplace: string[] = [];
	const secondAdjustments: string[] = [];
	for (const c of spec.columns) {
		if (!c.notAfter) continue;
		const [t, f] = [parsed(c.name), parsed(c.notAfter)];
		secondReplace.push(`case when ${t} > ${f} then ${f} else ${t} end as ${t}`);
		secondAdjustments.push(adjustment(c.name, `${t} > ${f}`, utcText(f), `is after ${shown(c.notAfter)}, the last solve: moved back to it`));
	}

	const typed = spec.columns.map((c) => `${parsed(c.name)} as "${rawColumn(c)}"`);
	const ruleColumns = spec.columns.filter((c) => vocabulary(c)).flatMap((c) => [`"rule_${c.name}"`, `"from_${c.name}"`]);
	const list = (items: string[]) =>
		items.length
			? `list_filter([${items.join(',\n            ')}], a -> a is not null)`
			: 'cast([] as struct(column_name varchar, value varchar, adjusted_to varchar, rule varchar)[])';

	const sql = `
create temp table _checked as
with named as (
    select
        record_no,
        line_no,
        ${[...inputs, ...vendorInputs].join(',\n        ')},
        ${source.extra} as extra,
        (${source.overflow}) as has_overflow
    from ${source.table}
    where ${source.rows}
),
typed as (
    select *, ${parses.join(',\n        ')}
    from named
),
windowed as (
    select *${windowReplace.length ? ` replace (
        ${windowReplace.join(',\n        ')}
    ), ${windowKeep.join(', ')}` : ''}
    from typed
),
settled as (
    select *${firstReplace.length ? ` replace (
        ${firstReplace.join(',\n        ')}
    )` : ''},
        ${[...vocabColumns, `${list(firstAdjustments)} as first_adjustments`].join(',\n        ')}
    from windowed
),
resettled as (
    select *${secondReplace.length ? ` replace (
        ${secondReplace.join(',\n        ')}
    )` : ''},
        ${secondAdjustments.length ? `list_concat(first_adjustments, ${list(secondAdjustments)})` : 'first_adjustments'} as adjustments
    from settled
),
value_checked as (
    select
        t.*,
        list_filter([
            ${problems.join(',\n            ')}
        ], p -> p is not null) as value_problems
    from resettled t
),
repeated_keys as (
    select ${uniqueInputs.map((k, i) => `${k} as key_${i}`).join(', ')}, min(record_no) as first_record, arg_min(line_no, record_no) as first_line
    from value_checked
    where len(value_problems) = 0
    group by all
    having count(*) > 1
),
flagged as (
    select
        t.* exclude (value_problems),
        case when len(t.value_problems) = 0 and d.first_record is not null and t.record_no > d.first_record
             then [${duplicate}]
             else t.value_problems
        end as problems
    from value_checked t
    left join repeated_keys d on ${sameKey}
)
select
    record_no,
    line_no,
    ${[...typed, ...ruleColumns].join(',\n    ')},
    extra,
    problems,
    adjustments
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
