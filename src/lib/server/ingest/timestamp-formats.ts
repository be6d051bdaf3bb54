import type { Connection } from '../db/database';
import { ImportFileError } from './errors';

/*
 * Timestamps as people's exports hold them. A help desk writes ISO 8601, but the same export
 * re-saved by Excel holds `23/04/2024 9:05` (or `4/23/2024 9:05 PM`, or a serial number),
 * and nothing in the file says which. So each timestamp column's format is read off its
 * values, and the day/month order off the whole file:
 *
 * - A sample (the first SAMPLE_VALUES non-empty values of each column) decides whether a
 *   column needs reading at all. Columns whose sample holds no local date and no Excel serial
 *   (ISO 8601, `YYYY-MM-DD HH:MM[:SS]`, or something unreadable) are left alone: the checker
 *   reads ISO text and rejects the rest row by row, so a large ISO file pays for the sample
 *   only. (Known limit: a column whose first values are ISO and later ones are not is not
 *   read; those later rows are rejected.)
 * - The other columns are scanned in full, once, for the evidence of their day/month order:
 *   a first number above 12 is a day (day-first), a second number above 12 is a day
 *   (month-first). The order is the file's, not a column's: an export writes every date one
 *   way, so one column's `23/04` settles another's `03/04`. Evidence both ways, evidence
 *   against the --date-format given, or no evidence and no --date-format is an error for the
 *   whole file, naming the columns.
 * - Those columns are then rewritten to naive ISO text (`YYYY-MM-DD HH:MM:SS`), local time
 *   that dp_parse_ts reads in the import's zone like any naive ISO value. Values of another
 *   shape are left as written, for the checker to reject.
 *
 * The per-value parsing is SQL (sql/macros/dates.sql); identifiers in the SQL built here are
 * the caller's column names from code (`f3`, `created_at`), checked to be plain identifiers;
 * nothing of the file's text becomes SQL.
 */

/** Which of a date's first two numbers is the day: `23/04/2024` is day-first. */
export type DateOrder = 'day-first' | 'month-first';

/** The format a timestamp column of a file was read in, for the import summary. */
export interface TimestampFormat {
	/** The column as the file's header names it (`Created time`, `created_at`). */
	column: string;
	/** 'ISO 8601', 'DD/MM/YYYY H:MM (day-first: 23/04/2024 at line 5)', ... */
	format: string;
}

/** The format of a column whose values are ISO 8601 (or `YYYY-MM-DD HH:MM[:SS]`). */
export const ISO_8601 = 'ISO 8601';

/** The spellings --date-format takes, for usage errors and help. */
export const DATE_FORMAT_CHOICES = 'DD/MM/YYYY or MM/DD/YYYY (also day-first, month-first)';

/** A timestamp column of the temp table a file was read into. */
export interface TimestampColumn {
	/** The table's column holding the text: an identifier from code, never from the file. */
	identifier: string;
	/** The header text the user knows the column by. */
	label: string;
}

export interface TimestampTable {
	/** The temp table holding the file's text, with `record_no` (1 = header) and `line_no`. */
	table: string;
	columns: TimestampColumn[];
	/** The file's name, for errors. */
	file: string;
	/** The order --date-format gives, or null to settle it from the file. */
	dateOrder: DateOrder | null;
	/**
	 * Write the ISO text to a new column `<identifier>_iso` and keep the text as written (the
	 * generic format's quarantine shows the record from the table); default: in place.
	 */
	keepWritten?: boolean;
}

export interface TimestampReading {
	/** Per column with values, in the order given, the format it was read in. */
	formats: TimestampFormat[];
	/** Per identifier, the column that now holds text the checker reads (itself or `<identifier>_iso`). */
	readFrom: Map<string, string>;
}

/** Non-empty values per column that decide whether it needs reading. */
const SAMPLE_VALUES = 1000;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function ident(name: string): string {
	if (!IDENTIFIER.test(name)) throw new Error(`timestamp formats: "${name}" is not a plain identifier`);
	return name;
}

/** The order a --date-format text names, or null when it names none. */
export function parseDateOrder(text: string): DateOrder | null {
	const t = text.trim().toLowerCase();
	if (['day-first', 'dayfirst', 'day first', 'dmy'].includes(t)) return 'day-first';
	if (['month-first', 'monthfirst', 'month first', 'mdy'].includes(t)) return 'month-first';
	// A pattern such as DD/MM/YYYY, D.M.YY or MM-DD-YYYY HH:MM: only its date part matters.
	const date = t.split(/[\s,]/)[0];
	if (/^d{1,2}([/.-])m{1,2}\1y{2,4}$/.test(date)) return 'day-first';
	if (/^m{1,2}([/.-])d{1,2}\1y{2,4}$/.test(date)) return 'month-first';
	return null;
}

interface Sample {
	column_no: number;
	total: number;
	iso: number;
	local: number;
	serial: number;
	odd_value: string | null;
	odd_line: number | null;
}

interface Scan {
	local: number;
	/** Local values whose first two numbers read as a day and a month either way (03/04). */
	both: number;
	serial: number;
	day_line: number | null;
	day_value: string | null;
	month_line: number | null;
	month_value: string | null;
	example: string | null;
	time_any: boolean | null;
	time_all: boolean | null;
	sec_any: boolean | null;
	sec_all: boolean | null;
	meridiem: boolean | null;
	short_year: boolean | null;
	separator: string | null;
}

/** Where a value settles the order: the column, the value as written and its line. */
interface Evidence {
	label: string;
	value: string;
	line: number;
}

/**
 * Detects the format of each timestamp column of a file read into a temp table, settles the
 * file's day/month order, and rewrites the columns not in ISO 8601 to naive ISO text. Throws
 * an ImportFileError when the order cannot be settled (see the module comment).
 */
export async function readTimestampFormats(conn: Connection, t: TimestampTable): Promise<TimestampReading> {
	const table = ident(t.table);
	const columns = t.columns.map((c) => ({ ...c, identifier: ident(c.identifier) }));
	const readFrom = new Map(columns.map((c) => [c.identifier, c.identifier]));
	if (columns.length === 0) return { formats: [], readFrom };

	const samples = await conn.query<Sample & Record<string, unknown>>(sampleSql(table, columns.map((c) => c.identifier)));
	const sampleOf = new Map(samples.map((s) => [s.column_no, s]));
	const candidates = columns
		.map((c, i) => ({ ...c, no: i, sample: sampleOf.get(i)! }))
		.filter((c) => c.sample.local > 0 || c.sample.serial > 0);

	const described = new Map<number, string>();
	if (candidates.length > 0) {
		const [row] = await conn.query<Record<string, unknown>>(scanSql(table, candidates.map((c) => c.identifier)));
		const scans = candidates.map((c, k) => ({ ...c, scan: scanOf(row, k) }));
		const local = scans.filter((c) => c.scan.local > 0);
		const order = settleOrder(t.file, t.dateOrder, local);

		for (const c of scans) readFrom.set(c.identifier, t.keepWritten ? ident(`${c.identifier}_iso`) : c.identifier);
		const rewrite = rewriteSql(table, scans.map((c) => ({ identifier: c.identifier, fast: fastFormat(c.scan, order?.order) })), t.keepWritten === true);
		await conn.run(rewrite, { day_first: order?.order === 'day-first' });
		for (const c of scans) described.set(c.no, describe(c.scan, c.label, order));
	}

	const formats: TimestampFormat[] = [];
	columns.forEach((c, i) => {
		const s = sampleOf.get(i)!;
		if (s.total === 0) return;
		const format = described.get(i) ?? (s.iso > 0 ? ISO_8601 : `not a date format deskpulse reads (e.g. "${s.odd_value}" at line ${s.odd_line})`);
		formats.push({ column: c.label, format });
	});
	return { formats, readFrom };
}

/** One query: per column, what its first non-empty values look like. */
function sampleSql(table: string, identifiers: string[]): string {
	return identifiers
		.map(
			(id, i) => `select ${i} as column_no,
			        count(*)::integer as total,
			        count(*) filter (where regexp_matches(v, '^\\d{4}-\\d{1,2}-\\d{1,2}'))::integer as iso,
			        count(*) filter (where dp_is_local_date(v))::integer as local,
			        count(*) filter (where dp_excel_serial_text(v) is not null)::integer as serial,
			        arg_min(v, record_no) filter (where not regexp_matches(v, '^\\d{4}-\\d{1,2}-\\d{1,2}')) as odd_value,
			        arg_min(line_no, record_no) filter (where not regexp_matches(v, '^\\d{4}-\\d{1,2}-\\d{1,2}')) as odd_line
			 from (
			     select trim(${id}) as v, record_no, line_no
			     from ${table}
			     where record_no > 1 and dp_vendor_text(${id}) is not null
			     limit ${SAMPLE_VALUES}
			 )`
		)
		.join('\nunion all\n');
}

/**
 * One pass over the table: per column, how its local dates are written and what settles their
 * order. Plain pattern tests and the first two numbers only: extracting every field of every
 * value is what the rewrite does, for the few values its fast path leaves.
 */
function scanSql(table: string, identifiers: string[]): string {
	const trimmed = identifiers.map((id, k) => `trim(${id}) as v_${k}`);
	const local = identifiers.map((_, k) => `dp_is_local_date(v_${k}) as is_local_${k}`);
	const numbers = identifiers.map(
		(_, k) => `case when is_local_${k} then regexp_extract(v_${k}, '^(\\d{1,2})[/.-](\\d{1,2})', ['first', 'second']) end as n_${k}`
	);
	const evidence = identifiers.map(
		(_, k) => `coalesce(try_cast(n_${k}.first as integer) between 13 and 31 and try_cast(n_${k}.second as integer) between 1 and 12, false) as day_${k},
		           coalesce(try_cast(n_${k}.second as integer) between 13 and 31 and try_cast(n_${k}.first as integer) between 1 and 12, false) as month_${k},
		           is_local_${k} and contains(v_${k}, ':') as time_${k},
		           is_local_${k} and regexp_matches(v_${k}, ':\\d{2}:') as sec_${k}`
	);
	const aggregates = identifiers.map(
		(_, k) => `count(*) filter (where is_local_${k})::integer as local_${k},
		    count(*) filter (where try_cast(n_${k}.first as integer) between 1 and 12 and try_cast(n_${k}.second as integer) between 1 and 12)::integer as both_${k},
		    count(*) filter (where not is_local_${k} and dp_excel_serial_text(v_${k}) is not null)::integer as serial_${k},
		    arg_min(line_no, record_no) filter (where day_${k}) as day_line_${k},
		    arg_min(v_${k}, record_no) filter (where day_${k}) as day_value_${k},
		    arg_min(line_no, record_no) filter (where month_${k}) as month_line_${k},
		    arg_min(v_${k}, record_no) filter (where month_${k}) as month_value_${k},
		    arg_min(v_${k}, record_no) filter (where is_local_${k}) as example_${k},
		    bool_or(time_${k}) filter (where is_local_${k}) as time_any_${k},
		    bool_and(time_${k}) filter (where is_local_${k}) as time_all_${k},
		    bool_or(sec_${k}) filter (where time_${k}) as sec_any_${k},
		    bool_and(sec_${k}) filter (where time_${k}) as sec_all_${k},
		    bool_or(regexp_matches(v_${k}, '[AaPp]\\.?[Mm]\\.?$')) filter (where time_${k}) as meridiem_${k},
		    bool_or(regexp_matches(v_${k}, '^\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2}(\\D|$)')) filter (where is_local_${k}) as short_year_${k},
		    arg_min(substr(v_${k}, length(n_${k}.first) + 1, 1), record_no) filter (where is_local_${k}) as separator_${k}`
	);
	return `select
		    ${aggregates.join(',\n		    ')}
		from (
		    select *, ${evidence.join(',\n		           ')}
		    from (
		        select *, ${numbers.join(', ')}
		        from (
		            select *, ${local.join(', ')}
		            from (select record_no, line_no, ${trimmed.join(', ')} from ${table} where record_no > 1)
		        )
		    )
		)`;
}

/** A separator as a strptime pattern writes it: a constant, never text from the file. */
const SEPARATORS: Record<string, string> = { '/': '/', '.': '.', '-': '-' };

/**
 * The fast path of a column's rewrite: DuckDB's strptime with the one pattern most of the
 * column's values have, in the file's order and the column's separator (it reads 9:05 and
 * 09:05, 12 AM as midnight, and refuses 30/02 and 24:00 as dp_local_ts_text does; one
 * pattern, because strptime with a list of them is several times slower). Values it does
 * not read go through dp_local_ts_text. Null for two-digit years, which strptime's %Y reads
 * as the year 24.
 */
function fastFormat(scan: Scan, order: DateOrder | undefined): string | null {
	if (!order || scan.local === 0 || scan.short_year) return null;
	const sep = SEPARATORS[scan.separator ?? '/'] ?? '/';
	const date = order === 'day-first' ? `%d${sep}%m${sep}%Y` : `%m${sep}%d${sep}%Y`;
	if (!scan.time_any) return date;
	const seconds = scan.sec_all ? ':%S' : '';
	return scan.meridiem ? `${date} %I:%M${seconds} %p` : `${date} %H:%M${seconds}`;
}

/**
 * Rebuilds the table with the columns read as naive ISO text, in place or beside them as
 * `<identifier>_iso`. A new table, not an UPDATE, so each value is read once, in parallel:
 * strptime first, the full pattern for what it leaves, then Excel serials. Values of another
 * shape, and the header row, stay as written.
 */
function rewriteSql(table: string, columns: Array<{ identifier: string; fast: string | null }>, keepWritten: boolean): string {
	const trimmed = columns.map(({ identifier }, k) => `trim(${identifier}) as _ts_text_${k}`);
	const read = columns.map(({ identifier: id, fast }, k) => {
		const parsed = [
			...(fast ? [`cast(try_strptime(_ts_text_${k}, '${fast}') as varchar)`] : []),
			`dp_local_ts_text(dp_local_date_fields(_ts_text_${k}), $day_first)`,
			`dp_excel_serial_text(_ts_text_${k})`,
			id
		];
		return `case when record_no > 1 then coalesce(${parsed.join(', ')}) else ${id} end`;
	});
	const helpers = columns.map((_, k) => `_ts_text_${k}`).join(', ');
	const select = keepWritten
		? `* exclude (${helpers}), ${read.map((r, k) => `${r} as ${columns[k].identifier}_iso`).join(', ')}`
		: `* exclude (${helpers}) replace (${read.map((r, k) => `${r} as ${columns[k].identifier}`).join(', ')})`;
	return `create or replace temp table ${table} as
		select ${select}
		from (select *, ${trimmed.join(', ')} from ${table})`;
}

function scanOf(row: Record<string, unknown>, k: number): Scan {
	const get = <T>(name: string) => (row[`${name}_${k}`] ?? null) as T;
	return {
		local: get<number>('local') ?? 0,
		both: get<number>('both') ?? 0,
		serial: get<number>('serial') ?? 0,
		day_line: get('day_line') === null ? null : Number(get('day_line')),
		day_value: get('day_value'),
		month_line: get('month_line') === null ? null : Number(get('month_line')),
		month_value: get('month_value'),
		example: get('example'),
		time_any: get('time_any'),
		time_all: get('time_all'),
		sec_any: get('sec_any'),
		sec_all: get('sec_all'),
		meridiem: get('meridiem'),
		short_year: get('short_year'),
		separator: get('separator')
	};
}

/** The date part of a value as written, for messages: `23/04/2024` of `23/04/2024 9:05`. */
const datePart = (value: string) => value.split(/[\sT,]/)[0];

const first = (list: Evidence[]) => list.reduce<Evidence | null>((a, b) => (a === null || b.line < a.line ? b : a), null);

interface SettledOrder {
	order: DateOrder;
	/** What settled it: a value of the file, or --date-format. */
	by: Evidence | 'given';
}

/** The file's day/month order from its columns' evidence and --date-format, or an error. */
function settleOrder(
	file: string,
	given: DateOrder | null,
	local: Array<{ label: string; scan: Scan }>
): SettledOrder | null {
	if (local.length === 0) return null;
	const dayFirst = first(
		local.filter((c) => c.scan.day_line !== null).map((c) => ({ label: c.label, value: datePart(c.scan.day_value!), line: c.scan.day_line! }))
	);
	const monthFirst = first(
		local.filter((c) => c.scan.month_line !== null).map((c) => ({ label: c.label, value: datePart(c.scan.month_value!), line: c.scan.month_line! }))
	);
	const at = (e: Evidence) => `column "${e.label}" has ${e.value} at line ${e.line}`;
	if (given) {
		const against = given === 'day-first' ? monthFirst : dayFirst;
		if (against) {
			throw new ImportFileError(
				file,
				`${at(against)}, which only reads ${given === 'day-first' ? 'month-first' : 'day-first'}, but --date-format says ${given}`
			);
		}
		return { order: given, by: 'given' };
	}
	if (dayFirst && monthFirst) {
		throw new ImportFileError(
			file,
			`dates are written both day-first (${at(dayFirst)}) and month-first (${at(monthFirst)}): correct the file so every date is written one way`
		);
	}
	if (dayFirst) return { order: 'day-first', by: dayFirst };
	if (monthFirst) return { order: 'month-first', by: monthFirst };
	// No value reads both ways (45/45/2026 reads neither): there is no order to settle, and
	// each such value is rejected on its own row.
	if (local.every((c) => c.scan.both === 0)) return null;
	const labels = local.map((c) => `"${c.label}"`);
	const example = datePart(local[0].scan.example ?? '');
	throw new ImportFileError(
		file,
		`${labels.length === 1 ? 'column' : 'columns'} ${labels.join(', ')} ${labels.length === 1 ? 'has' : 'have'} dates like ${example} that read both day-first and month-first: pass --date-format DD/MM/YYYY or MM/DD/YYYY`
	);
}

/** A column's format in words: `DD/MM/YYYY H:MM (day-first: 23/04/2024 at line 5)`. */
function describe(scan: Scan, label: string, order: SettledOrder | null): string {
	const serial = 'Excel serial numbers (days since 1899-12-30)';
	if (scan.local === 0 || !order) return serial;
	const sep = scan.separator ?? '/';
	const year = scan.short_year ? 'YY' : 'YYYY';
	const date = order.order === 'day-first' ? `DD${sep}MM${sep}${year}` : `MM${sep}DD${sep}${year}`;
	let time = '';
	if (scan.time_any) {
		const twelve = scan.meridiem === true;
		// H: one or two digits, read either way (Excel writes 9:05, others 09:05).
		const hour = twelve ? 'h' : 'H';
		const minute = twelve ? 'mm' : 'MM';
		const second = twelve ? 'ss' : 'SS';
		const seconds = scan.sec_all ? `:${second}` : scan.sec_any ? `[:${second}]` : '';
		time = `${hour}:${minute}${seconds}${twelve ? ' AM/PM' : ''}`;
		time = scan.time_all ? ` ${time}` : `[ ${time}]`;
	}
	let why: string;
	if (order.by === 'given') why = `${order.order}, as --date-format says`;
	else if (order.by.label === label) why = `${order.order}: ${order.by.value} at line ${order.by.line}`;
	else why = `${order.order}, as "${order.by.label}" shows`;
	return `${date}${time} (${why})${scan.serial > 0 ? ` and ${serial}` : ''}`;
}
