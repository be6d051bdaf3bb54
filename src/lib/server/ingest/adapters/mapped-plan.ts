import type { Connection } from '../../db/database';
import { sqlText } from '../../db/sql-files';
import type { CheckInput } from '../check-sql';
import { rawColumn, type EntitySpec } from '../generic-format';
import type { FilePlan, ValueMapping } from '../import-file';
import type { TimestampFormat } from '../timestamp-formats';

/** A vendor field whose values are read as canonical ones, to report how (Via: Mail -> email). */
export interface ValueMapSpec {
	/** The vendor's name for the field, as the summary shows it. */
	field: string;
	/** Column of `_mapped` with the vendor's value (overrides match it). */
	from: string;
	/** Column of `_mapped` with the vendor's value as the summary shows it, where it says more than `from`. */
	label?: string;
	/** Column of `_mapped` with the generic-format value. */
	to: string;
	/**
	 * The canonical column (`to`) the checker settles the value of: the summary then shows the
	 * final value and whether a default rule or the user's map read it.
	 */
	canonical?: 'status' | 'priority' | 'channel' | 'tier';
}


const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

export interface MappedPlanOptions {
	adapter: string;
	spec: EntitySpec;
	/** Key of the mapping SELECT under sql/ (reads `_vendor`, or tables `load` made). */
	sql: string;
	/** Reads the file into `_vendor` (or the tables the mapping SQL reads). */
	load: (conn: Connection) => Promise<{ rowsRead: number; extraColumns: string[]; timestampFormats?: TimestampFormat[]; textNote?: string | null }>;
	/** IANA zone naive vendor times are read in, bound to the mapping SQL as $tz. */
	timezone: string;
	valueMaps?: ValueMapSpec[];
	/** The vendor's header for each canonical column it fills, for rejection messages. */
	vendorColumns?: Record<string, string>;
}

/**
 * The plan of a vendor file: load it, run the adapter's mapping SQL into `_mapped` (one row
 * per canonical record with `record_no`, `line_no`, `extra`, `raw_record` and generic-format
 * columns as text), check and write it as the generic importer does, then keep the vendor's
 * own metrics (`vendor_metrics`, a list of {metric, calendar_minutes, business_minutes,
 * outcome}) of the accepted tickets and count the value mappings.
 */
export function mappedPlan(o: MappedPlanOptions): FilePlan {
	return {
		adapter: o.adapter,
		spec: o.spec,
		vendorColumns: o.vendorColumns,
		read: async (conn) => {
			const { rowsRead, extraColumns, timestampFormats = [], textNote = null } = await o.load(conn);
			await conn.run(`create temp table _mapped as\n${sqlText(o.sql)}`, { tz: o.timezone });
			const names = new Set(
				(await conn.query<{ column_name: string }>(`select column_name from (describe _mapped)`)).map((r) => r.column_name)
			);
			const columns = new Map<string, string>();
			for (const c of o.spec.columns) if (names.has(c.name) && IDENTIFIER.test(c.name)) columns.set(c.name, `cast("${c.name}" as varchar)`);
			// Overrides match the vendor's own value of a field the adapter translated.
			const vendorValues = new Map<string, string>();
			for (const map of o.valueMaps ?? []) {
				if (map.canonical && IDENTIFIER.test(map.from) && names.has(map.from)) vendorValues.set(map.to, `"${map.from}"`);
			}
			const input: CheckInput = {
				table: '_mapped',
				rows: 'true',
				columns,
				vendorValues,
				extra: names.has('extra') ? 'extra' : 'cast(null as json)',
				rawRecord: names.has('raw_record') ? 'raw_record' : 'cast(null as json)',
				overflow: 'false',
				headerFieldCount: 0,
				params: {}
			};
			return { input, rowsRead, extraColumns, timestampFormats, textNote };
		},
		afterWrite: async (conn, keyed) => {
			const names = new Set(
				(await conn.query<{ column_name: string }>(`select column_name from (describe _mapped)`)).map((r) => r.column_name)
			);
			if (names.has('vendor_metrics') && o.spec.entity === 'tickets') {
				await conn.run(
					`delete from raw_vendor_metrics
					 where source = $source
					   and ticket_id in (select ticket_id from _checked where len(problems) = 0)`,
					keyed
				);
				await conn.run(
					`insert into raw_vendor_metrics
					 select $source, c.ticket_id, m.metric, m.calendar_minutes, m.business_minutes, m.outcome, $adapter, $run_id
					 from _checked as c
					 inner join _mapped as v using (record_no), unnest(v.vendor_metrics) as u(m)
					 where len(c.problems) = 0
					   and m.metric is not null
					   and (m.calendar_minutes is not null or m.business_minutes is not null or m.outcome is not null)`,
					{ ...keyed, adapter: o.adapter }
				);
			}
			const mappings: ValueMapping[] = [];
			for (const map of o.valueMaps ?? []) {
				if (!IDENTIFIER.test(map.from) || !IDENTIFIER.test(map.to) || !names.has(map.from) || !names.has(map.to)) continue;
				// A canonical field reports the value the checker settled on (built-in map, default
				// rule or the user's map) and which of them read it.
				const canonical = map.canonical ? o.spec.columns.find((c) => c.name === map.to) : undefined;
				const to = canonical ? `c."${rawColumn(canonical)}"` : `v.${map.to}`;
				const rule = canonical?.defaultRule ? `c."rule_${canonical.name}"` : 'cast(null as varchar)';
				const from = map.label && IDENTIFIER.test(map.label) && names.has(map.label) ? map.label : map.from;
				const rows = await conn.query<{ from_value: string | null; to_value: string | null; rule: ValueMapping['rule']; rows: number }>(
					`select cast(v.${from} as varchar) as from_value, cast(${to} as varchar) as to_value, ${rule} as rule, count(*)::integer as rows
					 from _mapped as v
					 inner join _checked as c using (record_no)
					 where len(c.problems) = 0
					 group by all
					 order by rows desc, from_value`
				);
				for (const r of rows) mappings.push({ field: map.field, column: canonical?.name, from: r.from_value, to: r.to_value, rows: r.rows, rule: r.rule });
			}
			return mappings;
		}
	};
}
