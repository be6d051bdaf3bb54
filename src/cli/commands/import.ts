import { resolve } from 'node:path';
import { commandHelp, dbPathOf, parseCommand, UsageError, type CommandSpec } from '../args';
import { Progress } from '../progress';
import { serverJson, withDatabase } from '../target';
import { importPath, type PathImportResult } from '../../lib/server/ingest/import-path';
import { SOURCE_IDS } from '../../lib/server/ingest/adapters';
import { ImportFileError } from '../../lib/server/ingest/errors';

export const importSpec: CommandSpec = {
	name: 'import',
	summary:
		'Imports a help-desk export: a folder or one file, recognised by its shape (--source auto) or named.\n' +
		'Each file is one transaction; rejected rows are kept in the quarantine with line, column and reason;\n' +
		'rows are upserted by (source, id), so importing the same export again changes nothing.',
	usage:
		'deskpulse import <folder|file> [--source SOURCE] [--mapping FILE] [--timezone ZONE] [--label NAME] [--db PATH]',
	help: [
		`--source SOURCE      ${SOURCE_IDS.join(' | ')} (default auto: recognised from the files)`,
		'--mapping FILE       with --source mapped: the JSON or YAML file naming each column (docs/mappings/)',
		'--timezone ZONE      zone of timestamps written without an offset: required for exports in local time',
		'                     (Zendesk and Freshdesk CSV); the generic format defaults to UTC',
		'--label NAME         source label the rows are keyed by (default: the vendor, e.g. zendesk)'
	],
	options: { source: { type: 'string' }, mapping: { type: 'string' }, timezone: { type: 'string' }, label: { type: 'string' } },
	allowPositionals: true
};

/** Prints what an import did, file by file; returns the exit status (1 if a file failed). */
export function printImportResult(result: PathImportResult, out: NodeJS.WritableStream = process.stdout): number {
	const n = (x: number) => x.toLocaleString('en-US');
	out.write(`read as ${result.adapter.label} (${result.adapter.id}): ${result.adapter.reason}\n`);
	out.write(`rows keyed by source "${result.source}"; times without an offset read in ${result.timezone}\n`);
	for (const f of result.files) {
		if (f.status === 'failed') {
			out.write(`${f.file}: FAILED, nothing imported (run ${f.runId}): ${f.error}\n`);
			continue;
		}
		out.write(`${f.file}: ${n(f.rowsRead)} rows read, ${n(f.rowsAccepted)} accepted, ${n(f.rowsRejected)} rejected (run ${f.runId})\n`);
		for (const r of f.rejectReasons) out.write(`  rejected, ${n(r.rows)} row${r.rows === 1 ? '' : 's'}: ${r.reason}\n`);
		for (const r of f.rejects) out.write(`  line ${r.line}${r.column ? `, column ${r.column}` : ''}: ${r.reason}\n`);
		if (f.rowsRejected > f.rejects.length) {
			out.write(`  ... all rejected rows: GET /api/v1/imports/${f.runId}, or the import_quarantine table\n`);
		}
		// Value mappings per field: "Via: Mail -> email, 13,081 rows; Chat -> chat, 2,004 rows".
		const fields = [...new Set(f.valueMappings.map((m) => m.field))];
		for (const field of fields) {
			const maps = f.valueMappings.filter((m) => m.field === field);
			out.write(`  ${field}: ${maps.map((m) => `${m.from ?? '(empty)'} -> ${m.to ?? '(none)'}, ${n(m.rows)} row${m.rows === 1 ? '' : 's'}`).join('; ')}\n`);
		}
		if (f.extraColumns.length) out.write(`  fields not mapped, kept in "extra": ${f.extraColumns.join(', ')}\n`);
		for (const note of f.support) out.write(`  note: ${note}\n`);
	}
	for (const name of result.ignored) out.write(`${name}: not read by ${result.adapter.id}, ignored\n`);
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
	const timezone = (values.timezone as string | undefined) ?? null;
	const adapter = (values.source as string | undefined) ?? 'auto';
	if (!SOURCE_IDS.includes(adapter)) throw new UsageError(`--source must be one of ${SOURCE_IDS.join(', ')}, got "${adapter}"`);
	const label = values.label as string | undefined;
	if (label !== undefined && !/^[a-z0-9_-]{1,40}$/i.test(label)) throw new UsageError('--label takes letters, digits, _ and - (at most 40)');
	const mapping = typeof values.mapping === 'string' ? resolve(values.mapping) : null;
	const result = await withDatabase(dbPathOf(values), {
		remote: (url) =>
			serverJson<PathImportResult>(url, '/api/v1/imports', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ path, source: adapter, label, timezone, mapping })
			}),
		local: async (db) => {
			const progress = new Progress('import');
			try {
				const r = await importPath(db, path, {
					adapter,
					source: label,
					timezone,
					mappingPath: mapping,
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
