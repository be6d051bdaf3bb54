import { statSync } from 'node:fs';
import { importMemoryLimit, memoryLimit, memorySettingsProblem, type Database } from '../db/database';
import { pendingChanges, refreshModels } from '../db/model-refresh';
import { ImportBusyError, ImportFileError } from './errors';
import { withDeclaredEncoding, type TextEncoding } from './csv-text';
import { runChecks, type CheckResult } from '../db/integrity';
import type { ValueOverride } from './value-overrides';
import type { CsatScale } from './csat-scale';
import { importPlannedFile, type FileImportResult, type ImportOptions } from './import-file';
import { chooseAdapter } from './adapters';
import { sampleFiles } from './adapters/sample';
import type { DateOrder } from './timestamp-formats';
import type { FileSample } from './adapters/adapter';
import { convertSpreadsheets } from './sheets/convert';

export interface ImportProgress {
	/** Index of the file being imported (0-based) and the number of files. */
	fileIndex: number;
	fileCount: number;
	file: string;
	phase: 'reading' | 'checking' | 'writing' | 'modelling' | 'done';
	/** Bytes of the files finished so far, and of all files. */
	bytesDone: number;
	bytesTotal: number;
}

export interface PathImportResult {
	/** The reader used, and why: the --source given, or what detection recognised. */
	adapter: { id: string; label: string; reason: string };
	/** The source label rows were keyed by, and the zone naive times were read in. */
	source: string;
	timezone: string;
	files: FileImportResult[];
	/** Files in a folder that the adapter does not read, left alone. */
	ignored: string[];
	/**
	 * How the materialized models caught up: only the changed rows, every row, or not at all
	 * (no file was imported).
	 */
	modelRefresh: 'incremental' | 'full' | 'none';
	/** A preview (--dry-run): everything above is what an import would do; nothing was written. */
	dryRun: boolean;
	/**
	 * The integrity checks (sql/checks/) run on the source after its rows landed and the models
	 * caught up: how many passed and the ones that found rows. Null when nothing landed.
	 */
	checks: { passed: number; failing: Array<Pick<CheckResult, 'name' | 'guards' | 'failing'>> } | null;
}

export interface PathImportOptions {
	/** An adapter id (`zendesk-csv`, ...) or `auto` (default) to recognise the export. */
	adapter?: string;
	/** The label rows are keyed by (default: the adapter's, e.g. `zendesk`). */
	source?: string;
	/**
	 * IANA zone for timestamps without an offset. Without one, an export whose times are
	 * naive is refused, naming the column; the generic format defaults to UTC.
	 */
	timezone?: string | null;
	/** The mapping file of `--source mapped`. */
	mappingPath?: string | null;
	/**
	 * Whether dates such as 03/04/2024 are day- or month-first (--date-format, parsed by
	 * parseDateOrder); without it each file settles the order from its own values, and a file
	 * whose dates read both ways fails, naming the columns.
	 */
	dateFormat?: DateOrder | null;
	/** The sheet read from each .xlsx or .xls file (default: the first). */
	sheet?: string | null;
	/**
	 * The user's own readings of status, priority, channel and tier values (--map, a value-map
	 * file, the Imports page), over the built-in maps and the default rules.
	 */
	overrides?: ValueOverride[];
	/**
	 * The database also answers other requests (the server's): its memory budget is theirs as
	 * well, so the import runs under it instead of lowering it to the import's own. A budget
	 * lowered for the whole instance fails what it cannot free: measured on a server holding
	 * 10M tickets, a 1 % import failed "Out of Memory" at 930 of 976 MiB, which its reports held.
	 */
	sharedDatabase?: boolean;
	/** Read, detect, map and summarise every file, and write nothing (`deskpulse import --dry-run`). */
	dryRun?: boolean;
	/** The numeric CSAT scale of the source (--csat-scale); its first import decides it otherwise. */
	csatScale?: CsatScale | null;
	/** The text encoding of every CSV file (--encoding); detected per file otherwise (csv-text.ts). */
	encoding?: TextEncoding | null;
	/**
	 * The real path of the import root an API caller is confined to (import-root.ts): a folder
	 * entry whose real path leaves it is listed as not read, never opened. The path itself and
	 * the mapping file are checked before the import starts.
	 */
	confineTo?: string | null;
	/** Store the columns deskpulse does not read in each row's `extra` (--keep-extra; admins only). */
	keepExtra?: boolean;
	onProgress?: (p: ImportProgress) => void;
}

/** Whether an import is running on the database (a second one would be refused). */
export function importRunning(db: Database): boolean {
	return importing.has(db);
}

/**
 * Runs `work` (an erasure) as imports run: refused while one runs, and no import starts
 * until it ends, so no import lands a row between an erasure's delete and its refresh.
 */
export async function whileNoImport<T>(db: Database, work: () => Promise<T>): Promise<T> {
	if (importing.has(db)) throw new ImportBusyError();
	importing.add(db);
	try {
		return await work();
	} finally {
		importing.delete(db);
	}
}

/**
 * Imports an export (a folder or one file) from any source deskpulse reads. Each file is its
 * own transaction: a failed file leaves the others imported. Afterwards the materialized
 * models (per-ticket durations, the business calendar) are rebuilt, so no report reads
 * stale facts once the import has returned.
 */
export async function importPath(db: Database, path: string, options: PathImportOptions = {}): Promise<PathImportResult> {
	// One import at a time per database: two would race on the same raw rows and on the
	// model refresh (a second one is refused, never queued behind an unknown wait).
	if (importing.has(db)) throw new ImportBusyError();
	const memoryProblem = memorySettingsProblem();
	if (memoryProblem) throw new ImportFileError(path, memoryProblem);
	importing.add(db);
	try {
		// Spreadsheets are read as CSV files of their sheet, written to a temporary folder that
		// goes when the import ends, whichever way.
		return await withDeclaredEncoding(options.encoding ?? null, async () => {
			const converted = await convertSpreadsheets(sampleFiles(path, options.confineTo ?? null), options.sheet ?? null, path);
			try {
				return await importSampled(db, path, converted.files, options);
			} finally {
				converted.cleanup();
			}
		});
	} finally {
		importing.delete(db);
	}
}

/**
 * Fault injection for the crash test (test/sql/import-crash.test.ts): with
 * DESKPULSE_FAULT_AT set to a phase, the process kills itself with SIGKILL when an import
 * reaches it, as a power cut would; what the next start finds is then checked.
 */
function faultAt(phase: ImportProgress['phase']): void {
	if (process.env.DESKPULSE_FAULT_AT === phase) process.kill(process.pid, 'SIGKILL');
}

/** Whether DuckDB refused a statement for want of memory under its limit. */
export function isOutOfMemory(e: unknown): boolean {
	return e instanceof Error && /^Out of Memory Error/.test(e.message);
}

/** The databases an import is running on in this process. */
const importing = new WeakSet<Database>();

/** importPath on the sampled files, each spreadsheet already converted to a CSV file. */
async function importSampled(db: Database, path: string, files: FileSample[], options: PathImportOptions): Promise<PathImportResult> {
	const { adapter, reason } = chooseAdapter(options.adapter ?? 'auto', files, path);
	if (!options.timezone && adapter.naiveTimestampColumn) {
		const first = files.find((f) => f.kind !== 'other')?.name ?? path;
		throw new ImportFileError(
			first,
			`holds local times without a time zone: pass --timezone with the account's zone (e.g. America/New_York)`,
			undefined,
			adapter.naiveTimestampColumn
		);
	}
	const timezone = options.timezone || 'UTC';
	const [{ ok }] = await db.query<{ ok: boolean }>('select dp_is_timezone($tz) as ok', { tz: timezone });
	if (!ok) throw new ImportFileError(path, `unknown time zone "${timezone}" (use an IANA name such as America/New_York)`);

	// An import that has the database to itself runs under its own, smaller memory budget
	// (spilling past it), restored after; one in a server keeps the server's.
	const budgeted = !options.sharedDatabase;
	if (budgeted) await db.setMemoryLimit(importMemoryLimit());
	try {
		const planned = await adapter.plans(files, { mappingPath: options.mappingPath ?? null, timezone, dateFormat: options.dateFormat ?? null });
		if (planned.length === 0) throw new ImportFileError(path, `holds no file that ${adapter.label} reads`);
		const source = options.source ?? adapter.sourceLabel;
		const fileOptions: ImportOptions = {
			source,
			timezone,
			overrides: options.overrides ?? [],
			dryRun: options.dryRun ?? false,
			csatScale: options.csatScale ?? null,
			keepExtra: options.keepExtra ?? false
		};
		// A sheet converted to CSV is shown, sized and recorded as the spreadsheet it came from.
		const originalOf = new Map(files.filter((f) => f.originalPath).map((f) => [f.path, f.originalPath!]));
		const sizes = planned.map((p) => statSync(originalOf.get(p.path) ?? p.path).size);
		const bytesTotal = sizes.reduce((a, b) => a + b, 0);
		let bytesDone = 0;
		const results: FileImportResult[] = [];
		for (const [fileIndex, { path: file, plan }] of planned.entries()) {
			const report = (phase: ImportProgress['phase']) => {
				faultAt(phase);
				options.onProgress?.({
					fileIndex,
					fileCount: planned.length,
					file: originalOf.get(file) ?? file,
					phase,
					bytesDone: phase === 'done' ? bytesDone + sizes[fileIndex] : bytesDone,
					bytesTotal
				});
			};
			results.push(
				await importPlannedFile(
					db,
					file,
					{ ...fileOptions, onPhase: report, originalPath: originalOf.get(file) },
					plan,
					() => new ImportFileError(file, 'has no plan')
				)
			);
			bytesDone += sizes[fileIndex];
		}
		let modelRefresh: PathImportResult['modelRefresh'] = 'none';
		if (!options.dryRun && results.some((r) => r.status === 'ok')) {
			options.onProgress?.({ fileIndex: planned.length - 1, fileCount: planned.length, file: 'models', phase: 'modelling', bytesDone, bytesTotal });
			faultAt('modelling');
			// Every landed run still waiting for its refresh: this import's, and any an earlier
			// process left behind.
			const refresh = () =>
				db.withConnection(async (conn) => {
					const changes = await pendingChanges(conn);
					return changes ? refreshModels(conn, changes) : 'none';
				});
			try {
				modelRefresh = await refresh();
			} catch (e) {
				// The import's small budget is sized for reading a file; a refresh reads the whole
				// models, and in a server that has answered reports for a while DuckDB may not free
				// enough of its memory under it (measured: 10M tickets, a 1 % slice sent to the
				// server, "Out of Memory Error" at 954 of 976 MiB). The refresh rolled back and its
				// runs still wait for it: it runs again under the reports' budget.
				if (!isOutOfMemory(e) || !budgeted) throw e;
				await db.setMemoryLimit(memoryLimit());
				modelRefresh = await refresh();
			}
		}
		// The integrity checks read the whole models, as reports do: under the reports' budget.
		if (modelRefresh !== 'none' && budgeted) await db.setMemoryLimit(memoryLimit());
		const checked = modelRefresh === 'none' ? null : await runChecks(db, { source });
		const checks = checked && {
			passed: checked.filter((c) => c.failing === 0).length,
			failing: checked.filter((c) => c.failing > 0).map(({ name, guards, failing }) => ({ name, guards, failing }))
		};
		const used = new Set(planned.flatMap((p) => [p.path, ...(p.alsoReads ?? [])]));
		return {
			adapter: { id: adapter.id, label: adapter.label, reason },
			source,
			timezone,
			files: results,
			ignored: files.filter((f) => !used.has(f.path)).map((f) => f.name),
			modelRefresh,
			dryRun: options.dryRun ?? false,
			checks
		};
	} finally {
		if (budgeted) await db.setMemoryLimit(memoryLimit());
	}
}

/**
 * Imports a folder (or file) of the generic format under a source label: the importer the
 * demo data and most tests use.
 */
export function importGenericPath(
	db: Database,
	path: string,
	options: { source: string; timezone: string; onProgress?: (p: ImportProgress) => void }
): Promise<PathImportResult> {
	return importPath(db, path, { adapter: 'generic', source: options.source, timezone: options.timezone, onProgress: options.onProgress });
}
