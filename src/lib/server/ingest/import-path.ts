import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database } from '../db/database';
import { refreshModels } from '../db/migrate';
import { ImportFileError } from './errors';
import { GENERIC_ENTITIES, entityForFile } from './generic-format';
import { importGenericFile, type FileImportResult, type ImportOptions } from './import-file';

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
	files: FileImportResult[];
	/** Files in a folder that are not part of the format, left alone. */
	ignored: string[];
}

export interface PathImportOptions extends Omit<ImportOptions, 'onPhase'> {
	onProgress?: (p: ImportProgress) => void;
}

/** The files a path names, in import order, and the folder's files that were passed over. */
export function filesToImport(path: string): { files: string[]; ignored: string[] } {
	const full = resolve(path);
	let stat;
	try {
		stat = statSync(full);
	} catch {
		throw new ImportFileError(path, 'does not exist');
	}
	if (!stat.isDirectory()) return { files: [full], ignored: [] };
	const names = readdirSync(full).filter((n) => statSync(join(full, n)).isFile());
	const known = names.filter((n) => entityForFile(n));
	const order = (n: string) => GENERIC_ENTITIES.indexOf(entityForFile(n)!);
	known.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
	if (known.length === 0) {
		throw new ImportFileError(path, 'holds no file of the generic format (tickets.csv is the one required)');
	}
	return { files: known.map((n) => join(full, n)), ignored: names.filter((n) => !entityForFile(n)).sort() };
}

/**
 * Imports a generic-format folder (every known file in it) or one file. Each file is its
 * own transaction: a failed file leaves the others imported. Afterwards the materialized
 * models (per-ticket durations, the business calendar) are rebuilt, so no report reads
 * stale facts once the import has returned.
 */
export async function importGenericPath(db: Database, path: string, options: PathImportOptions): Promise<PathImportResult> {
	const [{ ok }] = await db.query<{ ok: boolean }>('select dp_is_timezone($tz) as ok', { tz: options.timezone });
	if (!ok) throw new ImportFileError(path, `unknown time zone "${options.timezone}" (use an IANA name such as America/New_York)`);
	const { files, ignored } = filesToImport(path);
	const sizes = files.map((f) => statSync(f).size);
	const bytesTotal = sizes.reduce((a, b) => a + b, 0);
	let bytesDone = 0;
	const results: FileImportResult[] = [];
	for (const [fileIndex, file] of files.entries()) {
		const report = (phase: ImportProgress['phase']) =>
			options.onProgress?.({
				fileIndex,
				fileCount: files.length,
				file,
				phase,
				bytesDone: phase === 'done' ? bytesDone + sizes[fileIndex] : bytesDone,
				bytesTotal
			});
		results.push(await importGenericFile(db, file, { ...options, onPhase: report }));
		bytesDone += sizes[fileIndex];
	}
	if (results.some((r) => r.status === 'ok')) {
		options.onProgress?.({ fileIndex: files.length - 1, fileCount: files.length, file: 'models', phase: 'modelling', bytesDone, bytesTotal });
		await db.withConnection((conn) => refreshModels(conn));
	}
	return { files: results, ignored };
}
