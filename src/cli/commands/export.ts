import { existsSync } from 'node:fs';
import { commandHelp, dbPathOf, parseCommand, UsageError, type CommandSpec } from '../args';
import { textTable } from '../report-command';
import { terminalSafe } from '../terminal';
import { Database } from '../../lib/server/db/database';
import { findRunningServer } from '../../lib/server/db/owner';
import { exportFolderProblem, exportParquet, type ExportedTable } from '../../lib/server/export/parquet';

export const exportSpec: CommandSpec = {
	name: 'export',
	summary:
		'Writes the tables the metric SQL reads as Parquet, facts partitioned by source and month, so the same\n' +
		'sql/ runs on them elsewhere (read_parquet, object storage, a hosted DuckDB). Reads the file itself:\n' +
		'stop the server that holds it first.',
	usage: 'deskpulse export --format parquet --out DIR [--db PATH]',
	help: ['--format FORMAT      parquet (the only one, and the default)', '--out DIR            a new or empty folder to write into'],
	options: { format: { type: 'string' }, out: { type: 'string' } }
};

/** Rows and files per table, then every file written. */
export function printExport(outDir: string, tables: ExportedTable[]): string {
	const body = tables.map((t) => [t.table, t.partitionBy.join(', ') || '-', t.rows.toLocaleString('en-US'), t.files.length]);
	return [
		`wrote ${outDir}`,
		textTable(['table', 'partitioned by', 'rows', 'files'], body, 2),
		'',
		'files:',
		...tables.flatMap((t) => t.files.map((f) => `  ${f}`))
	].join('\n');
}

export async function runExport(argv: string[]): Promise<number> {
	const { values } = parseCommand(exportSpec, argv);
	if (values.help) {
		console.log(commandHelp(exportSpec));
		return 0;
	}
	const format = (values.format as string | undefined) ?? 'parquet';
	if (format !== 'parquet') throw new UsageError(`--format must be parquet, got "${format}"`);
	const out = values.out as string | undefined;
	if (!out) throw new UsageError('--out DIR is required');
	const problem = exportFolderProblem(out);
	if (problem) throw new UsageError(`--out: ${problem}`);
	const dbPath = dbPathOf(values);
	if (!existsSync(dbPath)) throw new Error(`no database at ${dbPath}`);
	// An export writes files on the machine that runs it; through the server that would make
	// the API a way to write anywhere the server may. So it needs the file to itself.
	const server = await findRunningServer(dbPath);
	if (server) {
		throw new Error(`the server at ${server.url} holds ${dbPath}, and DuckDB lets one process open the file: stop the server, then export`);
	}
	process.stderr.write(`deskpulse: no server is running for ${dbPath}; opening the file directly\n`);
	const db = await Database.open(dbPath);
	try {
		const tables = await exportParquet(db, out, (t, index, count) => {
			process.stderr.write(`export: ${index + 1}/${count} ${t.table}: ${t.rows.toLocaleString('en-US')} rows in ${t.files.length} file${t.files.length === 1 ? '' : 's'}\n`);
		});
		process.stdout.write(terminalSafe(printExport(out, tables)) + '\n');
		return 0;
	} finally {
		await db.close();
	}
}
