import { DuckDBTypeId, type DuckDBResultReader } from '@duckdb/node-api';

/** A row as plain JSON-ready values: numbers, strings, booleans, null, arrays, objects. */
export type Row = Record<string, unknown>;

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

/** A DATE as 'YYYY-MM-DD' (DuckDB hands dates over as UTC-midnight Date objects). */
function dateString(d: Date): string {
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function plain(value: unknown, typeId: DuckDBTypeId | undefined): unknown {
	if (value === null || value === undefined) return null;
	if (typeof value === 'bigint') return Number(value);
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return null;
		return typeId === DuckDBTypeId.DATE ? dateString(value) : value.toISOString();
	}
	if (Array.isArray(value)) return value.map((v) => plain(v, undefined));
	if (typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = plain(v, undefined);
		return out;
	}
	return value;
}

/**
 * Rows of a result as plain objects. Counts arrive as bigint and are made numbers (a count
 * above 2^53 is not a support-desk count); DATE columns become 'YYYY-MM-DD' and timestamps
 * ISO 8601 strings in UTC, so rows serialise to JSON and compare equal across surfaces.
 */
export function readerRows(reader: DuckDBResultReader): Row[] {
	const names = reader.columnNames();
	const types = names.map((_, i) => reader.columnTypeId(i));
	return reader.getRowsJS().map((values) => {
		const row: Row = {};
		names.forEach((name, i) => (row[name] = plain(values[i], types[i])));
		return row;
	});
}
