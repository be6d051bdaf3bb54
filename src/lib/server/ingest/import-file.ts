import { basename, dirname } from 'node:path';
import { statSync } from 'node:fs';
import type { Connection, Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { checkedSelect, csvCheckInput, matchHeader, quarantineSelect, type CheckInput } from './check-sql';
import { fileDigest } from './checksum';
import { engineReason, ImportFileError } from './errors';
import { showPaths, tempFolders } from './shown-paths';
import { entityForFile, rawColumn, type EntitySpec } from './generic-format';
import { readCsvToInput } from './read-csv';
import { readTimestampFormats, type DateOrder, type TimestampFormat } from './timestamp-formats';
import type { ValueOverride } from './value-overrides';
import { decideCsatScale, type CsatScale, type CsatScaleDecision } from './csat-scale';
import { redactColumnValue, redactReason, redactText } from '../privacy/redact';

export interface RejectedRow {
	line: number;
	column: string | null;
	reason: string;
}

/** A value of a kept row that was moved or emptied, and why (import_adjustments). */
export interface AdjustedValue {
	line: number;
	column: string;
	value: string | null;
	adjustedTo: string | null;
	rule: string;
}

/** A vendor value and the canonical value it was read as, with how many rows had it. */
export interface ValueMapping {
	field: string;
	/** The canonical column the values fill (status, channel, ...), where there is one. */
	column?: string;
	from: string | null;
	to: string | null;
	rows: number;
	/**
	 * How a value no built-in map knows was read: 'default rule' (docs/metrics.md) or
	 * 'your map' (--map); null or absent for the built-in map.
	 */
	rule?: 'default rule' | 'your map' | null;
}

export interface FileImportResult {
	runId: number;
	file: string;
	path: string;
	entity: string | null;
	source: string;
	/** The reader that parsed the file: 'generic', 'zendesk-csv', ... */
	adapter: string;
	status: 'ok' | 'failed';
	rowsRead: number;
	/**
	 * Of the kept rows, how many were new to the source and how many changed a row it had;
	 * the rest replaced a row by an identical one. A re-imported export is all unchanged, and
	 * the summary says "nothing changed" rather than "N kept", which reads as N new tickets.
	 */
	rowsNew?: number;
	rowsChanged?: number;
	rowsAccepted: number;
	rowsRejected: number;
	/** The first problems of rejected rows (all of them are in the quarantine table). */
	rejects: RejectedRow[];
	/** Rejected rows by reason (the reason's first words, without the row's own value). */
	rejectReasons: Array<{ reason: string; rows: number }>;
	/** Accepted rows that were kept with a value moved or emptied (counted in rowsAccepted). */
	rowsAdjusted: number;
	/** The first adjusted values (all of them are in the import_adjustments table). */
	adjustments: AdjustedValue[];
	/** Adjusted values by column and rule, with the rows each touched. */
	adjustmentReasons: Array<{ reason: string; rows: number }>;
	/**
	 * Fields the file has that deskpulse does not read: not kept (they can hold personal data)
	 * unless the import asked for them (`keepExtra`), then stored in the rows' `extra` JSON.
	 */
	extraColumns: string[];
	/** Whether `extraColumns` were stored (`deskpulse import --keep-extra`). */
	extraKept: boolean;
	/** The format each timestamp column was read in ('ISO 8601', 'DD/MM/YYYY H:MM (day-first: ...)'). */
	timestampFormats: TimestampFormat[];
	/** Vendor values read as canonical ones (`Via: Mail -> email, 13,081 rows`). */
	valueMappings: ValueMapping[];
	/** The numeric scale CSAT answers were read on, and how it was decided (tickets with answers). */
	csatScale?: CsatScaleDecision | null;
	/** What the accepted rows let deskpulse compute, and what they do not. */
	support: string[];
	error: string | null;
	checksum: string | null;
}

export interface ImportOptions {
	/** Source label rows are keyed by (default 'generic'). */
	source: string;
	/** IANA zone naive timestamps are read in (default 'UTC'). */
	timezone: string;
	/** The user's own readings of vendor values (--map), over the built-in maps and default rules. */
	overrides?: ValueOverride[];
	/** The numeric CSAT scale to read the source on (--csat-scale): its first import decides it otherwise. */
	csatScale?: CsatScale | null;
	/**
	 * Store the file's unread columns in each row's `extra` JSON (--keep-extra, admins only).
	 * Default false: only what deskpulse reads is stored.
	 */
	keepExtra?: boolean;
	/**
	 * Read, check and summarise the file as an import would, then roll it all back: nothing is
	 * written, no run is recorded (the result's runId is 0).
	 */
	dryRun?: boolean;
	/** Called as the file moves through its phases. */
	onPhase?: (phase: 'reading' | 'checking' | 'writing' | 'done') => void;
	/** The spreadsheet a converted CSV came from: the file results, runs and messages name. */
	originalPath?: string;
}

/**
 * How one file becomes `_checked`: the entity it fills and, inside the file's transaction,
 * the step that reads it and builds the check input. An adapter plan also says how it read
 * vendor values and writes what the vendor computed itself.
 */
export interface FilePlan {
	adapter: string;
	spec: EntitySpec;
	/** Reads the file and returns the check input, its record count and unread fields. */
	read: (conn: Connection) => Promise<{
		input: CheckInput;
		rowsRead: number;
		extraColumns: string[];
		timestampFormats?: TimestampFormat[];
		/** How the file's text was read when it was not UTF-8 with commas, for the summary. */
		textNote?: string | null;
	}>;
	/** The vendor's header for a canonical column, so rejections name the column the user has. */
	vendorColumns?: Record<string, string>;
	/** After the accepted rows are written: vendor metrics, value-mapping counts. */
	afterWrite?: (conn: Connection, keyed: { source: string; run_id: number }) => Promise<ValueMapping[]>;
}

/** How many rejected rows a result lists; the quarantine table keeps every one. */
const REJECTS_LISTED = 20;

/**
 * The plan of a generic-format CSV file. Its timestamp columns may be in a local date format
 * (`dateOrder`: the --date-format given, else settled from the file; timestamp-formats.ts).
 */
export function genericPlan(spec: EntitySpec, path: string, file: string, dateOrder: DateOrder | null = null): FilePlan {
	return {
		adapter: 'generic',
		spec,
		read: async (conn) => {
			const input = await readCsvToInput(conn, path, file);
			const match = matchHeader(spec, input.header);
			if (match.duplicates.length) throw new ImportFileError(file, `the header names ${match.duplicates.join(', ')} more than once`, 1);
			if (match.missingRequired.length) {
				throw new ImportFileError(
					file,
					`missing required column${match.missingRequired.length > 1 ? 's' : ''} ${match.missingRequired.join(', ')}`,
					1,
					match.missingRequired[0]
				);
			}
			const checkInput = csvCheckInput(match, input.header.length, input.fieldCount, input.header);
			// Rewritten dates go to new columns: the quarantine's record keeps the text as written.
			const timestamps = match.matched.filter((m) => m.spec.type === 'timestamp');
			const { formats, readFrom } = await readTimestampFormats(conn, {
				table: '_in',
				file,
				dateOrder,
				keepWritten: true,
				columns: timestamps.map((m) => ({ identifier: `f${m.index}`, label: input.header[m.index].trim() }))
			});
			for (const m of timestamps) checkInput.columns.set(m.spec.name, readFrom.get(`f${m.index}`)!);
			return {
				input: checkInput,
				rowsRead: input.recordCount,
				extraColumns: match.unknown.map((u) => u.header),
				timestampFormats: formats,
				textNote: input.textNote
			};
		}
	};
}

/**
 * Imports one file by a plan (the generic format's or an adapter's), all-or-nothing, and
 * records its run either way. `missing` explains a file without a plan.
 */
export async function importPlannedFile(
	db: Database,
	path: string,
	options: ImportOptions,
	plan: FilePlan | null,
	missing: () => ImportFileError
): Promise<FileImportResult> {
	// A sheet converted to CSV is named, sized and recorded as its spreadsheet; its checksum
	// stays the CSV's (the sheet's content), so each sheet of a workbook has its own.
	const shownPath = options.originalPath ?? path;
	const file = basename(shownPath);
	const startedAt = new Date().toISOString();
	const base: FileImportResult = {
		runId: 0,
		file,
		path: shownPath,
		entity: plan?.spec.entity ?? null,
		source: options.source,
		adapter: plan?.adapter ?? 'none',
		status: 'failed',
		rowsRead: 0,
		rowsAccepted: 0,
		rowsRejected: 0,
		rejects: [],
		rejectReasons: [],
		rowsAdjusted: 0,
		adjustments: [],
		adjustmentReasons: [],
		extraColumns: [],
		extraKept: false,
		timestampFormats: [],
		valueMappings: [],
		support: [],
		error: null,
		checksum: null
	};
	let bytes: number | null = null;
	let runId = 0;
	try {
		if (!plan) throw missing();
		const size = statSync(shownPath).size;
		bytes = size;
		base.checksum = (await fileDigest(path)).checksum;

		// The run is recorded as running before its transaction, so a process that dies inside
		// it leaves a trace the next start marks interrupted. A dry run records nothing.
		if (!options.dryRun) {
			[{ run_id: runId }] = await db.query<{ run_id: number }>(sqlText('ingest/start_import_run'), {
				source: options.source,
				adapter: base.adapter,
				entity: plan.spec.entity,
				file_name: file,
				file_path: shownPath,
				file_bytes: size,
				checksum: base.checksum,
				timezone: options.timezone,
				started_at: startedAt
			});
		}
		options.onPhase?.('reading');
		const result = await db
			.transaction(async (conn) => {
				const imported = await importInTransaction(conn, plan, path, options, { ...base, runId });
				if (options.dryRun) throw new DryRunDone(imported);
				return imported;
			})
			.catch((e) => {
				if (e instanceof DryRunDone) return e.result;
				throw e;
			});
		options.onPhase?.('done');
		return result;
	} catch (e) {
		// The run keeps the message, and every reader of runs may see it: the file's folder (and
		// a converted sheet's temporary one), which DuckDB's messages quote, is left out.
		const folders = [dirname(shownPath), dirname(path)].map((folder) => ({ path: folder, as: 'its folder' }));
		const error = showPaths(e instanceof ImportFileError ? e.message : `${file}: ${engineReason(e)}`, [...folders, ...tempFolders()]);
		if (options.dryRun) {
			options.onPhase?.('done');
			return { ...base, status: 'failed', error };
		}
		const failed = { status: 'failed', rows_read: 0, rows_accepted: 0, rows_rejected: 0, rows_adjusted: 0, error };
		if (runId) await db.query(sqlText('ingest/finish_import_run'), { run_id: runId, ...failed });
		else {
			// No run was started (the file could not even be planned or read): record it now.
			[{ run_id: runId }] = await db.query<{ run_id: number }>(sqlText('ingest/insert_import_run'), {
				source: options.source,
				adapter: base.adapter,
				entity: plan?.spec.entity ?? null,
				file_name: file,
				file_path: shownPath,
				file_bytes: bytes,
				checksum: base.checksum,
				timezone: options.timezone,
				...failed,
				started_at: startedAt
			});
		}
		options.onPhase?.('done');
		return { ...base, runId, status: 'failed', error };
	}
}

/** Carries a dry run's result out of the transaction it rolls back. */
class DryRunDone extends Error {
	constructor(readonly result: FileImportResult) {
		super('dry run');
	}
}

/**
 * The body of a file's transaction: read, check, write the accepted rows, the quarantine and
 * the adjustments, record the run's outcome and the models it leaves to refresh. `base.runId`
 * is the running run (0 in a dry run, which writes nothing that lasts).
 */
async function importInTransaction(
	conn: Connection,
	plan: FilePlan,
	path: string,
	options: ImportOptions,
	base: FileImportResult
): Promise<FileImportResult> {
	const { spec } = plan;
	// The records a CSV reader could not split land here (read-csv.ts), from the file and
	// from any table an adapter reads beside it (Intercom's parts beside its conversations).
	await conn.exec(`create or replace temp table _malformed (file_name varchar, line_no bigint, column_name varchar, reason varchar, raw_text varchar)`);
	const { input, rowsRead, extraColumns, timestampFormats = [], textNote = null } = await plan.read(conn);

	options.onPhase?.('checking');
	const csatScale = spec.columns.some((c) => c.type === 'csat') ? await decideCsatScale(conn, input, options.source, options.csatScale ?? null) : null;
	const checked = checkedSelect(spec, input, options.overrides ?? [], plan.vendorColumns, csatScale?.scale ?? null);
	await conn.run(checked.sql, { ...checked.params, tz: options.timezone });

	options.onPhase?.('writing');
	const runId = base.runId;
	const keyed = { source: options.source, run_id: runId, entity: spec.entity, file_name: base.file, checksum: base.checksum };

	// Re-importing a file, or a corrected copy of it under the same name, replaces the rejects
	// it had before, so the quarantine holds each file's current problems once.
	await conn.run(
		`delete from import_quarantine where source = $source and (checksum = $checksum or (file_name = $file_name and entity = $entity))`,
		keyed
	);
	const renamed = Object.entries(plan.vendorColumns ?? {});
	const columnName = renamed.length
		? `case p.column_name ${renamed.map((_, i) => `when $canonical_${i} then $vendor_${i}`).join(' ')} else p.column_name end`
		: 'p.column_name';
	const renameParams = Object.fromEntries(renamed.flatMap(([canonical, vendor], i) => [[`canonical_${i}`, canonical], [`vendor_${i}`, vendor]]));
	const [counts] = await conn.query<{ accepted: number; rejected: number; adjusted: number; problem_rows: number }>(
		`select count(*) filter (where len(problems) = 0)::integer as accepted,
		        (count(*) filter (where len(problems) > 0) + (select count(*) from _malformed where file_name = $file_name))::integer as rejected,
		        count(*) filter (where len(problems) = 0 and len(adjustments) > 0)::integer as adjusted,
		        count(*) filter (where len(problems) > 0)::integer as problem_rows
		 from _checked`,
		{ file_name: base.file }
	);
	// The rejects' records are joined back from the input; a clean file skips that join, which
	// reads every input row even when no row has a problem (3 s for a million tickets).
	if (counts.problem_rows > 0) {
		await conn.run(`insert into import_quarantine\n${quarantineSelect(input, columnName)}`, { ...keyed, ...renameParams, ...input.params });
	}
	await conn.run(
		`insert into import_quarantine
		 select $run_id, $source, $entity, file_name, $checksum, line_no, column_name, reason, json_object('record as written', raw_text)
		 from _malformed`,
		keyed
	);
	// The values kept rows had adjusted, named as the export names their column.
	await conn.run(
		`delete from import_adjustments where source = $source and (checksum = $checksum or (file_name = $file_name and entity = $entity))`,
		keyed
	);
	await conn.run(
		`insert into import_adjustments
		 select $run_id, $source, $entity, $file_name, $checksum, c.line_no, ${columnName.replaceAll('p.column_name', 'a.column_name')}, a.value, a.adjusted_to, a.rule
		 from (select line_no, adjustments from _checked where len(problems) = 0 and len(adjustments) > 0) c,
		      unnest(c.adjustments) as u(a)`,
		{ ...keyed, ...renameParams }
	);

	// A required key is never null in an accepted row, so it matches with `=` (a hash join);
	// an optional one (costs' channel) must match null to null.
	const keyMatch = spec.key
		.map((k) => {
			const column = spec.columns.find((c) => c.name === k)!;
			const name = rawColumn(column);
			return column.required ? `t."${name}" = c."${name}"` : `t."${name}" is not distinct from c."${name}"`;
		})
		.join(' and ');
	// What the kept rows do to the source: add, change, or restate a row (compared before the
	// old rows go; the run that wrote a row is no part of it).
	const keepExtra = options.keepExtra ?? false;
	const same = [
		...spec.columns.map((c) => `c."${rawColumn(c)}" is not distinct from t."${rawColumn(c)}"`),
		`${storedExtra(spec, keepExtra, 'c.extra')} is not distinct from t.extra`
	].join(' and ');
	const [effect] = await conn.query<{ new_rows: number; changed_rows: number }>(
		`select count(*) filter (where t.source is null)::integer as new_rows,
		        count(*) filter (where t.source is not null and not (${same}))::integer as changed_rows
		 from (select * from _checked where len(problems) = 0) c
		 left join ${spec.table} t on t.source = $source and ${keyMatch}`,
		keyed
	);
	await conn.run(
		`delete from ${spec.table} t
		 where t.source = $source
		   and exists (select 1 from _checked c where len(c.problems) = 0 and ${keyMatch})`,
		keyed
	);
	const columns = spec.columns.map((c) => `"${rawColumn(c)}"`);
	await conn.run(
		`insert into ${spec.table} (source, ${columns.join(', ')}, extra, import_run_id)
		 select $source, ${columns.join(', ')}, ${storedExtra(spec, keepExtra, 'extra')}, $run_id from _checked where len(problems) = 0`,
		keyed
	);
	const valueMappings = (await plan.afterWrite?.(conn, { source: options.source, run_id: runId })) ?? [];

	// Records of a table read beside the file that could not be split are in the quarantine
	// under their own file's name; the file's counts do not hold them, so the summary says so.
	const besides = await conn.query<{ file_name: string; records: number }>(
		`select file_name, count(*)::integer as records from _malformed where file_name <> $file_name group by all order by file_name`,
		{ file_name: base.file }
	);
	const adjustments = await conn.query<AdjustedValue & Record<string, unknown>>(
		`select line, column_name as "column", value, adjusted_to as "adjustedTo", rule from import_adjustments
		 where run_id = $run_id order by line, column_name limit ${REJECTS_LISTED}`,
		{ run_id: runId }
	);
	const adjustmentReasons = await conn.query<{ reason: string; rows: number }>(sqlText('ingest/adjustment_reasons'), { run_id: runId });
	const ruleMappings = await vocabularyMappings(conn, spec, valueMappings);
	const rejects = await conn.query<RejectedRow & Record<string, unknown>>(
		`select line, column_name as "column", reason from import_quarantine
		 where run_id = $run_id order by line, column_name limit ${REJECTS_LISTED}`,
		{ run_id: runId }
	);
	const rejectReasons = await conn.query<{ reason: string; rows: number }>(sqlText('ingest/reject_reasons'), { run_id: runId });
	const support = [
		...(textNote ? [textNote] : []),
		...besides.map((b) => `${b.file_name}: ${b.records} record${b.records === 1 ? '' : 's'} that cannot be read as CSV rejected (in the quarantine, under that file)`),
		...(await supportNotes(conn, spec, runId))
	];
	const shownAs = { entity: spec.entity, source: options.source };
	await conn.run(sqlText('ingest/finish_import_run'), {
		run_id: runId,
		status: 'ok',
		rows_read: rowsRead,
		rows_accepted: counts.accepted,
		rows_rejected: counts.rejected,
		rows_adjusted: counts.adjusted,
		error: null
	});
	// The models this file's rows feed are refreshed after it; until that commits, this says so
	// (a process that dies in between leaves it for the next one: db/model-refresh.ts).
	await conn.run(`insert into pending_refresh values ($run_id, $entity, now())`, { run_id: runId, entity: spec.entity });
	return {
		...base,
		runId,
		status: 'ok',
		rowsRead,
		rowsAccepted: counts.accepted,
		rowsRejected: counts.rejected,
		rowsNew: effect.new_rows,
		rowsChanged: effect.changed_rows,
		// Reasons quote rejected values and adjusted values are the file's: both shown as
		// DESKPULSE_REDACT says.
		rejects: rejects.map((r) => ({ ...r, reason: redactReason(r.column, r.reason, shownAs) })),
		rejectReasons: rejectReasons.map((r) => ({ ...r, reason: redactText(r.reason) })),
		rowsAdjusted: counts.adjusted,
		adjustments: adjustments.map((a) => ({
			...a,
			value: redactColumnValue(a.column, a.value, shownAs),
			adjustedTo: redactColumnValue(a.column, a.adjustedTo, shownAs),
			rule: redactText(a.rule)
		})),
		adjustmentReasons,
		extraColumns,
		extraKept: keepExtra && extraColumns.length > 0,
		timestampFormats,
		valueMappings: [...valueMappings, ...ruleMappings],
		csatScale,
		support
	};
}

/**
 * The `extra` JSON a kept row is stored with, from its checked `extra` (the expression
 * `column`): all of it with --keep-extra; otherwise only the keys the models read
 * (`spec.readsExtra`, fixed names from the format, not from the file), null when none is set.
 */
function storedExtra(spec: EntitySpec, keepExtra: boolean, column: string): string {
	if (keepExtra) return column;
	const keys = spec.readsExtra ?? [];
	if (keys.length === 0) return 'cast(null as json)';
	const pairs = keys.map((k) => `'${k}', ${column} ->> '${k}'`).join(', ');
	// A merge patch drops the keys whose value is null; an object with none left is no extra.
	return `case when ${column} is null then null else cast(nullif(cast(json_merge_patch('{}', json_object(${pairs})) as varchar), '{}') as json) end`;
}

/**
 * Values of vocabulary columns that no built-in map knows, as read by the default rule or the
 * user's map ("status: Waiting on Customer -> pending (default rule), 2 rows"), for the
 * columns the plan's own value report (an adapter's) does not already cover.
 */
async function vocabularyMappings(conn: Connection, spec: EntitySpec, reported: ValueMapping[]): Promise<ValueMapping[]> {
	const covered = new Set(reported.map((m) => m.column));
	const columns = spec.columns.filter((c) => c.defaultRule && !covered.has(c.name));
	if (columns.length === 0) return [];
	const selects = columns.map(
		(c) => `select '${c.name}' as field, "from_${c.name}" as from_value, cast("${rawColumn(c)}" as varchar) as to_value, "rule_${c.name}" as rule
		        from _checked where len(problems) = 0 and "rule_${c.name}" is not null`
	);
	return conn.query<ValueMapping & Record<string, unknown>>(
		`select field, from_value as "from", to_value as "to", rule, count(*)::integer as rows
		 from (${selects.join('\n union all ')})
		 group by all order by field, rows desc, "from"`
	);
}

/**
 * What a file's accepted rows leave uncomputable: a ticket column empty on every row turns
 * the metrics that need it into empty ones, which an import summary should say up front.
 */
const SUPPORT: Record<string, Array<{ column: string; missing: string }>> = {
	tickets: [
		{ column: 'first_response_at', missing: 'no first human response time: FRT and first-response SLA will be empty' },
		{ column: 'first_ack_at', missing: 'no acknowledgement time: acknowledgement is the first human response (no bot or auto-reply is seen)' },
		{ column: 'solved_at', missing: 'no solve time: resolution metrics will be empty' },
		{ column: 'csat_score', missing: 'no CSAT column: CSAT will be empty' },
		{ column: 'priority', missing: 'no priority: SLA targets come from the plan only' },
		{ column: 'org_id', missing: 'no org: segments and plans come only from a CRM export (orgs.csv)' },
		{ column: 'tier', missing: 'no tier: escalation rates will be empty' },
		{ column: 'reopens', missing: 'no reopen count: reopen rate is read from final_solved_at only' },
		{ column: 'agent_replies', missing: 'no reply count: one-touch rate will be empty' },
		{ column: 'handle_time_min', missing: 'no handle time: utilization cannot be judged' }
	]
};

async function supportNotes(conn: Connection, spec: EntitySpec, runId: number): Promise<string[]> {
	const checks = (SUPPORT[spec.entity] ?? []).filter((c) => spec.columns.some((col) => rawColumn(col) === c.column));
	if (checks.length === 0) return [];
	const counts = checks.map((c, i) => `count("${c.column}")::integer as c${i}`).join(', ');
	const [row] = await conn.query<Record<string, number>>(`select count(*)::integer as total, ${counts} from _checked where len(problems) = 0`);
	if (!row || row.total === 0) return [];
	const notes = checks.filter((_, i) => row[`c${i}`] === 0).map((c) => c.missing);
	// An export with only the vendor's business-hours first reply time (Zendesk's "within
	// business hours" column alone) still has an FRT: the vendor's, in business hours.
	const [vendor] = await conn.query<{ frt: number }>(
		`select count(*)::integer as frt from raw_vendor_metrics where import_run_id = $run_id and metric = 'frt' and business_minutes is not null`,
		{ run_id: runId }
	);
	if (!vendor?.frt) return notes;
	return notes.map((n) =>
		n === SUPPORT.tickets[0].missing
			? `no first reply time stamp: FRT in calendar hours will be empty; FRT in business hours is the vendor's own figure (${vendor.frt.toLocaleString('en-US')} tickets)`
			: n
	);
}
