import type { Connection, Params } from '../../db/database';
import { ImportFileError } from '../errors';
import { readCsvToInput } from '../read-csv';
import { readTimestampFormats, type DateOrder, type TimestampFormat } from '../timestamp-formats';

/** A field of a vendor export that an adapter reads. */
export interface VendorColumn {
	/**
	 * Header spellings (matched case-insensitively, surrounding spaces ignored), or patterns
	 * for families of columns such as Zendesk's `<title> [list]` custom fields: the first
	 * header that matches wins.
	 */
	names: Array<string | RegExp>;
	/** The identifier the adapter's mapping SQL reads it by: fixed in code, never from a file. */
	alias: string;
	required?: boolean;
	/**
	 * A date-time: its format is detected from the file's values (timestamp-formats.ts) and a
	 * local date such as `23/04/2024 9:05` or an Excel serial is rewritten to naive ISO text.
	 */
	timestamp?: boolean;
}

export interface VendorInput {
	rowsRead: number;
	/** Header fields the adapter does not read, kept in each row's `extra` JSON. */
	extraColumns: string[];
	/** Aliases the file has a column for. */
	present: Set<string>;
	/** The header text each present alias was read from. */
	headerOf: Map<string, string>;
	/** The format each timestamp column with values was read in. */
	timestampFormats: TimestampFormat[];
	/** How the file's text was read when it was not UTF-8 with commas. */
	textNote: string | null;
}

const SAFE_ALIAS = /^[a-z][a-z0-9_]*$/;

/**
 * Reads a vendor CSV into the temporary view `_vendor`: `record_no` (1 = header),
 * `line_no`, one text column per declared field under its alias (null when the file lacks
 * it), `extra` (the fields the adapter does not read, as JSON keyed by their header text)
 * and `raw_record` (the whole record, for the quarantine). Header texts reach SQL only as
 * bound parameters. Timestamp columns in a local date format are rewritten to naive ISO text
 * (`dateOrder`: the --date-format given, else the file settles day/month order).
 */
export async function readVendorCsv(
	conn: Connection,
	path: string,
	file: string,
	columns: VendorColumn[],
	options: { dateOrder?: DateOrder | null } = {}
): Promise<VendorInput> {
	const input = await readCsvToInput(conn, path, file);
	const header = input.header.map((h) => h.replace(/^\uFEFF/, '').trim());
	const used = new Set<number>();
	const indexOf = new Map<string, number>();
	for (const column of columns) {
		if (!SAFE_ALIAS.test(column.alias)) throw new Error(`adapter column alias "${column.alias}" is not a plain identifier`);
		const index = header.findIndex(
			(h, i) => !used.has(i) && column.names.some((n) => (typeof n === 'string' ? n.toLowerCase() === h.toLowerCase() : n.test(h)))
		);
		if (index >= 0) {
			used.add(index);
			indexOf.set(column.alias, index);
		} else if (column.required) {
			const wanted = column.names.filter((n) => typeof n === 'string').join('" or "');
			throw new ImportFileError(file, `missing required column "${wanted}"`, 1, String(column.names[0]));
		}
	}
	const params: Params = {};
	const extraPairs: string[] = [];
	const extraColumns: string[] = [];
	header.forEach((h, i) => {
		if (used.has(i) || h === '') return;
		params[`extra_key_${i}`] = h;
		extraPairs.push(`$extra_key_${i}, f${i}`);
		extraColumns.push(h);
	});
	const rawPairs = header.map((h, i) => {
		params[`header_${i}`] = h === '' ? `column ${i + 1}` : h;
		return `$header_${i}, f${i}`;
	});
	const selected = columns.map((c) => {
		const i = indexOf.get(c.alias);
		return `${i === undefined ? 'cast(null as varchar)' : `nullif(trim(f${i}), '')`} as ${c.alias}`;
	});
	// A table, not a view: the bound header texts cannot live in a view's definition.
	await conn.run(
		`create temp table _vendor as
		 select record_no, line_no,
		        ${selected.join(',\n		        ')},
		        ${extraPairs.length ? `json_object(${extraPairs.join(', ')})` : 'cast(null as json)'} as extra,
		        ${rawPairs.length ? `json_object(${rawPairs.join(', ')})` : 'cast(null as json)'} as raw_record
		 from _in`,
		params
	);
	const headerOf = new Map([...indexOf].map(([alias, i]) => [alias, header[i]]));
	// `raw_record` keeps the text as written, so the columns are rewritten in place.
	const { formats } = await readTimestampFormats(conn, {
		table: '_vendor',
		file,
		dateOrder: options.dateOrder ?? null,
		columns: columns.filter((c) => c.timestamp && headerOf.has(c.alias)).map((c) => ({ identifier: c.alias, label: headerOf.get(c.alias)! }))
	});
	return {
		rowsRead: input.recordCount,
		extraColumns,
		present: new Set(indexOf.keys()),
		headerOf,
		timestampFormats: formats,
		textNote: input.textNote
	};
}
