import { basename } from 'node:path';
import { statSync } from 'node:fs';
import type { Connection, Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { checkedSelect, csvCheckInput, matchHeader, quarantineSelect, type CheckInput } from './check-sql';
import { fileDigest } from './checksum';
import { ImportFileError } from './errors';
import { entityForFile, rawColumn, type EntitySpec } from './generic-format';
import { readCsvToInput } from './read-csv';

export interface RejectedRow {
	line: number;
	column: string | null;
	reason: string;
}

/** A vendor value and the canonical value it was read as, with how many rows had it. */
export interface ValueMapping {
	field: string;
	from: string | null;
	to: string | null;
	rows: number;
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
	rowsAccepted: number;
	rowsRejected: number;
	/** The first problems of rejected rows (all of them are in the quarantine table). */
	rejects: RejectedRow[];
	/** Rejected rows by reason (the reason's first words, without the row's own value). */
	rejectReasons: Array<{ reason: string; rows: number }>;
	/** Fields the file has that deskpulse does not read, kept in the rows' `extra` JSON. */
	extraColumns: string[];
	/** Vendor values read as canonical ones (`Via: Mail -> email, 13,081 rows`). */
	valueMappings: ValueMapping[];
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
	/** Called as the file moves through its phases. */
	onPhase?: (phase: 'reading' | 'checking' | 'writing' | 'done') => void;
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
	read: (conn: Connection) => Promise<{ input: CheckInput; rowsRead: number; extraColumns: string[] }>;
	/** The vendor's header for a canonical column, so rejections name the column the user has. */
	vendorColumns?: Record<string, string>;
	/** After the accepted rows are written: vendor metrics, value-mapping counts. */
	afterWrite?: (conn: Connection, keyed: { source: string; run_id: number }) => Promise<ValueMapping[]>;
}

/** How many rejected rows a result lists; the quarantine table keeps every one. */
const REJECTS_LISTED = 20;

/** The plan of a generic-format CSV file. */
export function genericPlan(spec: EntitySpec, path: string, file: string): FilePlan {
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
			return {
				input: csvCheckInput(match, input.header.length, input.fieldCount, input.header),
				rowsRead: input.recordCount,
				extraColumns: match.unknown.map((u) => u.header)
			};
		}
	};
}

/**
 * Imports one generic-format CSV file in one transaction: its accepted rows replace rows of
 * the same key from the same source, its rejected rows go to the quarantine with line,
 * column and reason, and its run is recorded. A fatal problem rolls all of it back and is
 * recorded as a failed run. Never throws for bad input; the result says what happened.
 */
export async function importGenericFile(db: Database, path: string, options: ImportOptions): Promise<FileImportResult> {
	const file = basename(path);
	const spec = entityForFile(file);
	const plan = spec ? genericPlan(spec, path, file) : null;
	return importPlannedFile(db, path, options, plan, () =>
		new ImportFileError(file, 'is not a file of the generic format (expected tickets.csv, orgs.csv, self_service.csv, kb_searches.csv, costs.csv, sla_policies.csv, schedules.csv or holidays.csv)')
	);
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
	const file = basename(path);
	const startedAt = new Date().toISOString();
	const base: FileImportResult = {
		runId: 0,
		file,
		path,
		entity: plan?.spec.entity ?? null,
		source: options.source,
		adapter: plan?.adapter ?? 'none',
		status: 'failed',
		rowsRead: 0,
		rowsAccepted: 0,
		rowsRejected: 0,
		rejects: [],
		rejectReasons: [],
		extraColumns: [],
		valueMappings: [],
		support: [],
		error: null,
		checksum: null
	};
	let bytes: number | null = null;
	try {
		if (!plan) throw missing();
		const size = statSync(path).size;
		bytes = size;
		base.checksum = (await fileDigest(path)).checksum;
		options.onPhase?.('reading');
		const result = await db.transaction((conn) => importInTransaction(conn, plan, path, options, base, startedAt, size));
		options.onPhase?.('done');
		return result;
	} catch (e) {
		const error = e instanceof ImportFileError ? e.message : `${file}: ${(e as Error).message.split('\n')[0]}`;
		const [{ run_id }] = await db.query<{ run_id: number }>(sqlText('ingest/insert_import_run'), {
			source: options.source,
			adapter: base.adapter,
			entity: plan?.spec.entity ?? null,
			file_name: file,
			file_path: path,
			file_bytes: bytes,
			checksum: base.checksum,
			timezone: options.timezone,
			status: 'failed',
			rows_read: 0,
			rows_accepted: 0,
			rows_rejected: 0,
			error,
			started_at: startedAt
		});
		options.onPhase?.('done');
		return { ...base, runId: run_id, status: 'failed', error };
	}
}

async function importInTransaction(
	conn: Connection,
	plan: FilePlan,
	path: string,
	options: ImportOptions,
	base: FileImportResult,
	startedAt: string,
	bytes: number
): Promise<FileImportResult> {
	const { spec } = plan;
	const { input, rowsRead, extraColumns } = await plan.read(conn);

	options.onPhase?.('checking');
	const checked = checkedSelect(spec, input);
	await conn.run(checked.sql, { ...checked.params, tz: options.timezone });

	options.onPhase?.('writing');
	const [{ run_id: runId }] = await conn.query<{ run_id: number }>(`select nextval('import_run_seq')::integer as run_id`);
	const keyed = { source: options.source, run_id: runId, entity: spec.entity, file_name: base.file, checksum: base.checksum };

	// Re-importing a file replaces the rejects it had before, so the quarantine holds each
	// file's current problems once.
	await conn.run(`delete from import_quarantine where source = $source and checksum = $checksum`, keyed);
	const renamed = Object.entries(plan.vendorColumns ?? {});
	const columnName = renamed.length
		? `case p.column_name ${renamed.map((_, i) => `when $canonical_${i} then $vendor_${i}`).join(' ')} else p.column_name end`
		: 'p.column_name';
	const renameParams = Object.fromEntries(renamed.flatMap(([canonical, vendor], i) => [[`canonical_${i}`, canonical], [`vendor_${i}`, vendor]]));
	await conn.run(`insert into import_quarantine\n${quarantineSelect(input, columnName)}`, { ...keyed, ...renameParams, ...input.params });

	// A required key is never null in an accepted row, so it matches with `=` (a hash join);
	// an optional one (costs' channel) must match null to null.
	const keyMatch = spec.key
		.map((k) => {
			const column = spec.columns.find((c) => c.name === k)!;
			const name = rawColumn(column);
			return column.required ? `t."${name}" = c."${name}"` : `t."${name}" is not distinct from c."${name}"`;
		})
		.join(' and ');
	await conn.run(
		`delete from ${spec.table} t
		 where t.source = $source
		   and exists (select 1 from _checked c where len(c.problems) = 0 and ${keyMatch})`,
		keyed
	);
	const columns = spec.columns.map((c) => `"${rawColumn(c)}"`);
	await conn.run(
		`insert into ${spec.table} (source, ${columns.join(', ')}, extra, import_run_id)
		 select $source, ${columns.join(', ')}, extra, $run_id from _checked where len(problems) = 0`,
		keyed
	);
	const valueMappings = (await plan.afterWrite?.(conn, { source: options.source, run_id: runId })) ?? [];

	const [counts] = await conn.query<{ accepted: number; rejected: number }>(
		`select count(*) filter (where len(problems) = 0)::integer as accepted,
		        count(*) filter (where len(problems) > 0)::integer as rejected
		 from _checked`
	);
	const rejects = await conn.query<RejectedRow & Record<string, unknown>>(
		`select line, column_name as "column", reason from import_quarantine
		 where run_id = $run_id order by line, column_name limit ${REJECTS_LISTED}`,
		{ run_id: runId }
	);
	// Reasons grouped without the offending value ("expected a whole number, got ..."), so a
	// summary can say "412 rows: created_at: expected an ISO 8601 timestamp".
	const rejectReasons = await conn.query<{ reason: string; rows: number }>(
		`select coalesce(column_name || ': ', '') || regexp_replace(reason, ', got .*$| \\(.*$', '') as reason,
		        count(distinct line)::integer as rows
		 from import_quarantine where run_id = $run_id
		 group by all order by rows desc, reason`,
		{ run_id: runId }
	);
	const support = await supportNotes(conn, spec);
	await conn.run(sqlText('ingest/insert_import_run_with_id'), {
		run_id: runId,
		source: options.source,
		adapter: plan.adapter,
		entity: spec.entity,
		file_name: base.file,
		file_path: path,
		file_bytes: bytes,
		checksum: base.checksum,
		timezone: options.timezone,
		status: 'ok',
		rows_read: rowsRead,
		rows_accepted: counts.accepted,
		rows_rejected: counts.rejected,
		error: null,
		started_at: startedAt
	});
	return {
		...base,
		runId,
		status: 'ok',
		rowsRead,
		rowsAccepted: counts.accepted,
		rowsRejected: counts.rejected,
		rejects,
		rejectReasons,
		extraColumns,
		valueMappings,
		support
	};
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

async function supportNotes(conn: Connection, spec: EntitySpec): Promise<string[]> {
	const checks = (SUPPORT[spec.entity] ?? []).filter((c) => spec.columns.some((col) => rawColumn(col) === c.column));
	if (checks.length === 0) return [];
	const counts = checks.map((c, i) => `count("${c.column}")::integer as c${i}`).join(', ');
	const [row] = await conn.query<Record<string, number>>(`select count(*)::integer as total, ${counts} from _checked where len(problems) = 0`);
	if (!row || row.total === 0) return [];
	return checks.filter((_, i) => row[`c${i}`] === 0).map((c) => c.missing);
}
