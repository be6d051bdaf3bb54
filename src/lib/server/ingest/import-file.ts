import { basename } from 'node:path';
import { statSync } from 'node:fs';
import type { Connection, Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { checkedSelect, matchHeader } from './check-sql';
import { fileChecksum } from './checksum';
import { ImportFileError } from './errors';
import { entityForFile, rawColumn, type EntitySpec } from './generic-format';
import { readCsvToInput } from './read-csv';

export interface RejectedRow {
	line: number;
	column: string | null;
	reason: string;
}

export interface FileImportResult {
	runId: number;
	file: string;
	path: string;
	entity: string | null;
	source: string;
	status: 'ok' | 'failed';
	rowsRead: number;
	rowsAccepted: number;
	rowsRejected: number;
	/** The first problems of rejected rows (all of them are in the quarantine table). */
	rejects: RejectedRow[];
	/** Header fields the format does not know, kept in the rows' `extra` JSON. */
	extraColumns: string[];
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

/** How many rejected rows a result lists; the quarantine table keeps every one. */
const REJECTS_LISTED = 20;

/**
 * Imports one generic-format CSV file in one transaction: its accepted rows replace rows of
 * the same key from the same source, its rejected rows go to the quarantine with line,
 * column and reason, and its run is recorded. A fatal problem rolls all of it back and is
 * recorded as a failed run. Never throws for bad input; the result says what happened.
 */
export async function importGenericFile(db: Database, path: string, options: ImportOptions): Promise<FileImportResult> {
	const file = basename(path);
	const startedAt = new Date().toISOString();
	const spec = entityForFile(file);
	const base: FileImportResult = {
		runId: 0,
		file,
		path,
		entity: spec?.entity ?? null,
		source: options.source,
		status: 'failed',
		rowsRead: 0,
		rowsAccepted: 0,
		rowsRejected: 0,
		rejects: [],
		extraColumns: [],
		error: null,
		checksum: null
	};
	let bytes: number | null = null;
	try {
		if (!spec) throw new ImportFileError(file, 'is not a file of the generic format (expected tickets.csv, orgs.csv, self_service.csv, kb_searches.csv, costs.csv, sla_policies.csv, schedules.csv or holidays.csv)');
		const size = statSync(path).size;
		bytes = size;
		base.checksum = await fileChecksum(path);
		options.onPhase?.('reading');
		const result = await db.transaction((conn) => importInTransaction(conn, spec, path, options, base, startedAt, size));
		options.onPhase?.('done');
		return result;
	} catch (e) {
		const error = e instanceof ImportFileError ? e.message : `${file}: ${(e as Error).message.split('\n')[0]}`;
		const [{ run_id }] = await db.query<{ run_id: number }>(sqlText('ingest/insert_import_run'), {
			source: options.source,
			adapter: 'generic',
			entity: spec?.entity ?? null,
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
	spec: EntitySpec,
	path: string,
	options: ImportOptions,
	base: FileImportResult,
	startedAt: string,
	bytes: number
): Promise<FileImportResult> {
	const input = await readCsvToInput(conn, path, base.file);
	const match = matchHeader(spec, input.header);
	if (match.duplicates.length) {
		throw new ImportFileError(base.file, `the header names ${match.duplicates.join(', ')} more than once`, 1);
	}
	if (match.missingRequired.length) {
		throw new ImportFileError(
			base.file,
			`missing required column${match.missingRequired.length > 1 ? 's' : ''} ${match.missingRequired.join(', ')}`,
			1,
			match.missingRequired[0]
		);
	}

	options.onPhase?.('checking');
	const checked = checkedSelect(spec, match, input.header.length, input.fieldCount, input.header);
	await conn.run(checked.sql, { ...checked.params, tz: options.timezone });

	options.onPhase?.('writing');
	const [{ run_id: runId }] = await conn.query<{ run_id: number }>(`select nextval('import_run_seq')::integer as run_id`);
	const keyed = { source: options.source, run_id: runId, entity: spec.entity, file_name: base.file, checksum: base.checksum };

	// Re-importing a file replaces the rejects it had before, so the quarantine holds each
	// file's current problems once.
	await conn.run(`delete from import_quarantine where source = $source and checksum = $checksum`, keyed);
	await conn.run(
		`insert into import_quarantine
		 select $run_id, $source, $entity, $file_name, $checksum, c.line_no, p.column_name, p.reason, c.raw_record
		 from _checked c, unnest(c.problems) as u(p)
		 where len(c.problems) > 0`,
		keyed
	);

	const keyMatch = spec.key
		.map((k) => `t."${rawColumn(spec.columns.find((c) => c.name === k)!)}" is not distinct from c."${rawColumn(spec.columns.find((c) => c.name === k)!)}"`)
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
		 select $source, ${columns.join(', ')}, extra, $run_id from _checked where len(problems) = 0 order by record_no`,
		keyed
	);

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
	await conn.run(sqlText('ingest/insert_import_run_with_id'), {
		run_id: runId,
		source: options.source,
		adapter: 'generic',
		entity: spec.entity,
		file_name: base.file,
		file_path: path,
		file_bytes: bytes,
		checksum: base.checksum,
		timezone: options.timezone,
		status: 'ok',
		rows_read: input.recordCount,
		rows_accepted: counts.accepted,
		rows_rejected: counts.rejected,
		error: null,
		started_at: startedAt
	});
	return {
		...base,
		runId,
		status: 'ok',
		rowsRead: input.recordCount,
		rowsAccepted: counts.accepted,
		rowsRejected: counts.rejected,
		rejects,
		extraColumns: match.unknown.map((u) => u.header)
	};
}
