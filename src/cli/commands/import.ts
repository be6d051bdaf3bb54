import { resolve } from 'node:path';
import { commandHelp, dbPathOf, parseCommand, UsageError, type CommandSpec } from '../args';
import { Progress } from '../progress';
import { serverJson, withDatabase } from '../target';
import { importGenericPath, type PathImportResult } from '../../lib/server/ingest/import-path';
import { ImportFileError } from '../../lib/server/ingest/errors';

export const importSpec: CommandSpec = {
	name: 'import',
	summary:
		'Imports a folder of generic-format CSV files (tickets.csv, orgs.csv, ...) or one such file.\n' +
		'Each file is one transaction; rejected rows are kept in the quarantine with line, column and reason;\n' +
		'rows are upserted by (source, id), so importing the same files again changes nothing.',
	usage: 'deskpulse import <folder|file> [--timezone ZONE] [--label NAME] [--db PATH]',
	help: [
		'--timezone ZONE      zone of timestamps written without an offset (default UTC)',
		'--label NAME         source label the rows are keyed by (default generic)'
	],
	options: { timezone: { type: 'string' }, label: { type: 'string' } },
	allowPositionals: true
};

/** Prints what an import did, file by file; returns the exit status (1 if a file failed). */
export function printImportResult(result: PathImportResult, out: NodeJS.WritableStream = process.stdout): number {
	const n = (x: number) => x.toLocaleString('en-US');
	for (const f of result.files) {
		if (f.status === 'failed') {
			out.write(`${f.file}: FAILED, nothing imported (run ${f.runId}): ${f.error}\n`);
			continue;
		}
		out.write(
			`${f.file}: ${n(f.rowsRead)} rows read, ${n(f.rowsAccepted)} accepted, ${n(f.rowsRejected)} rejected (run ${f.runId})\n`
		);
		for (const r of f.rejects) out.write(`  line ${r.line}${r.column ? `, column ${r.column}` : ''}: ${r.reason}\n`);
		if (f.rowsRejected > f.rejects.length) {
			out.write(`  ... all rejected rows: GET /api/v1/imports/${f.runId}, or the import_quarantine table\n`);
		}
		if (f.extraColumns.length) out.write(`  columns outside the format, kept in "extra": ${f.extraColumns.join(', ')}\n`);
	}
	for (const name of result.ignored) out.write(`${name}: not a file of the generic format, ignored\n`);
	return result.files.some((f) => f.status === 'failed') ? 1 : 0;
}

export async function runImport(argv: string[]): Promise<number> {
	const { values, positionals } = parseCommand(importSpec, argv);
	if (values.help) {
		console.log(commandHelp(importSpec));
		return 0;
	}
	if (positionals.length !== 1) throw new UsageError('import takes exactly one folder or file');
	const path = resolve(positionals[0]);
	const timezone = (values.timezone as string | undefined) ?? 'UTC';
	const source = (values.label as string | undefined) ?? 'generic';
	if (!/^[a-z0-9_-]{1,40}$/i.test(source)) throw new UsageError('--label takes letters, digits, _ and - (at most 40)');
	const result = await withDatabase(dbPathOf(values), {
		remote: (url) =>
			serverJson<PathImportResult>(url, '/api/v1/imports', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ path, timezone, source })
			}),
		local: async (db) => {
			const progress = new Progress('import');
			try {
				const r = await importGenericPath(db, path, {
					timezone,
					source,
					onProgress: (p) =>
						progress.update(p.bytesDone, p.bytesTotal, `${p.file.split('/').pop()} (${p.phase}, file ${p.fileIndex + 1}/${p.fileCount})`)
				});
				progress.finish(`${r.files.length} file${r.files.length === 1 ? '' : 's'}`);
				return r;
			} catch (e) {
				progress.finish('stopped');
				throw e;
			}
		}
	}).catch((e) => {
		if (e instanceof ImportFileError) throw new UsageError(e.message);
		throw e;
	});
	return printImportResult(result);
}
