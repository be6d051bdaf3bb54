import { resolve } from 'node:path';
import { terminalSafe } from '../terminal';
import { commandHelp, dbPathOf, parseCommand, UsageError, type CommandSpec } from '../args';
import { Progress } from '../progress';
import { serverImportUntilDone, withDatabase } from '../target';
import type { ServerTarget } from '../../lib/server/db/owner';
import { ENCODING_CHOICES, parseEncoding } from '../../lib/server/ingest/csv-text';
import { importPath, type ImportProgress, type PathImportResult } from '../../lib/server/ingest/import-path';
import { alertsAfterImport } from '../../lib/server/delivery/alerts';
import { SOURCE_IDS } from '../../lib/server/ingest/adapters';
import { ImportFileError } from '../../lib/server/ingest/errors';
import { CSAT_SCALES, type CsatScale } from '../../lib/server/ingest/csat-scale';
import { mergeOverrides, OverrideError, parseMapArgument, readValueMapFile, type ValueOverride } from '../../lib/server/ingest/value-overrides';
import { DATE_FORMAT_CHOICES, ISO_8601, parseDateOrder } from '../../lib/server/ingest/timestamp-formats';
import { SOURCE_LABEL, SOURCE_LABEL_RULE } from '../../lib/server/ingest/source-label';

export const importSpec: CommandSpec = {
	name: 'import',
	summary:
		'Imports a help-desk export: a folder or one file, recognised by its shape (--source auto) or named.\n' +
		'Each file is one transaction; rejected rows are kept in the quarantine with line, column and reason;\n' +
		'rows are upserted by (source, id), so importing the same export again changes nothing.',
	usage:
		'deskpulse import <folder|file> [--source SOURCE] [--mapping FILE] [--timezone ZONE] [--label NAME] [--sheet NAME] [--date-format ORDER]\n' +
		'                 [--map FIELD="VALUE=CANONICAL"]... [--map-file FILE] [--dry-run] [--csat-scale 1-5|0-10] [--encoding ENC] [--keep-extra] [--db PATH]',
	help: [
		`--source SOURCE      ${SOURCE_IDS.join(' | ')} (default auto: recognised from the files)`,
		'--mapping FILE       with --source mapped: the JSON or YAML file naming each column (docs/mappings/)',
		'--timezone ZONE      zone of timestamps written without an offset: required for exports in local time',
		'                     (Zendesk and Freshdesk CSV); the generic format defaults to UTC',
		'--label NAME         source label the rows are keyed by (default: the vendor, e.g. zendesk)',
		'--sheet NAME         the sheet read from .xlsx and .xls files (default: the first); a sheet is read like a CSV',
		'--date-format ORDER  DD/MM/YYYY or MM/DD/YYYY (also day-first, month-first): how to read dates such as',
		'                     03/04/2024 when no value in the file settles it (a first or second number above 12)',
		'--map FIELD="VALUE=CANONICAL"  read an export value your way, over the built-in maps and default rules',
		'                     (status, priority, channel, tier), e.g. --map status="Waiting on Customer=pending";',
		'                     repeat it, or join pairs with ;',
		'--map-file FILE      the same maps kept in a YAML or JSON file: { status: { "Waiting on Customer": pending } }',
		'--dry-run            read, detect, map and print the whole summary, and write nothing',
		'--csat-scale SCALE   1-5 or 0-10: the numeric scale of the source\'s CSAT answers; without it the source\'s',
		'                     first import decides it from all its answers, and a later answer outside it is rejected',
		`--encoding ENC       ${ENCODING_CHOICES}: the text encoding of the CSV files; without it each`,
		'                     file is read as UTF-16 after a byte-order mark, UTF-8 when all of it is, else Windows-1252',
		'--keep-extra         also store the columns deskpulse does not read (in each row\'s "extra" JSON); without it they',
		'                     are listed and dropped, as they can hold personal data. Through a server: admins only'
	],
	options: {
		source: { type: 'string' },
		mapping: { type: 'string' },
		timezone: { type: 'string' },
		label: { type: 'string' },
		sheet: { type: 'string' },
		'date-format': { type: 'string' },
		map: { type: 'string', multiple: true },
		'map-file': { type: 'string' },
		'dry-run': { type: 'boolean' },
		'csat-scale': { type: 'string' },
		encoding: { type: 'string' },
		'keep-extra': { type: 'boolean' }
	},
	allowPositionals: true
};

/**
 * What a file's kept rows did to its source: "nothing changed: every kept row was already
 * there as it is" for a re-imported export, else "3 new, 1 changed, 1 as it was".
 */
export function keptEffect(f: PathImportResult['files'][number], dryRun: boolean): string | null {
	if (f.rowsNew === undefined || f.rowsChanged === undefined || f.rowsAccepted === 0) return null;
	const n = (x: number) => x.toLocaleString('en-US');
	if (f.rowsNew === 0 && f.rowsChanged === 0) return `nothing ${dryRun ? 'would change' : 'changed'}: every kept row was already there as it is`;
	const same = f.rowsAccepted - f.rowsNew - f.rowsChanged;
	return `${n(f.rowsNew)} new, ${n(f.rowsChanged)} changed, ${n(same)} as ${same === 1 ? 'it was' : 'they were'}`;
}

/** Prints what an import did, file by file; returns the exit status (1 if a file failed). */
export function printImportResult(result: PathImportResult, stream: NodeJS.WritableStream = process.stdout): number {
	// Every line carries text from the export: printed terminal-safe (../terminal.ts).
	const out = { write: (text: string) => stream.write(terminalSafe(text)) };
	const n = (x: number) => x.toLocaleString('en-US');
	const rows = (x: number) => `${n(x)} row${x === 1 ? '' : 's'}`;
	if (result.dryRun) out.write('DRY RUN: nothing was written; this is what the import would do\n');
	out.write(`read as ${result.adapter.label} (${result.adapter.id}): ${result.adapter.reason}\n`);
	out.write(`rows keyed by source "${result.source}"; times without an offset read in ${result.timezone}\n`);
	for (const f of result.files) {
		const run = result.dryRun ? '' : ` (run ${f.runId})`;
		if (f.status === 'failed') {
			out.write(`${f.file}: FAILED, nothing ${result.dryRun ? 'would be ' : ''}imported${run}: ${f.error}\n`);
			continue;
		}
		out.write(
			`${f.file}: ${n(f.rowsRead)} rows read, ${n(f.rowsAccepted)} kept (${n(f.rowsAdjusted)} with adjustments), ${n(f.rowsRejected)} rejected${run}\n`
		);
		const effect = keptEffect(f, result.dryRun);
		if (effect) out.write(`  ${effect}\n`);
		if (f.csatScale) {
			const how = f.csatScale.decidedBy === 'first import' ? "decided by this first import's answers" : f.csatScale.decidedBy === '--csat-scale' ? 'as --csat-scale says' : 'as decided at an earlier import';
			out.write(`  CSAT read on the ${f.csatScale.scale} scale (${how}${f.csatScale.changedFrom ? `; changed from ${f.csatScale.changedFrom}` : ''})\n`);
		}
		for (const r of f.adjustmentReasons) out.write(`  kept with adjustments, ${rows(r.rows)}: ${r.reason}\n`);
		for (const r of f.rejectReasons) out.write(`  rejected, ${rows(r.rows)}: ${r.reason}\n`);
		for (const r of f.rejects) out.write(`  line ${r.line}${r.column ? `, column ${r.column}` : ''}: ${r.reason}\n`);
		if (f.rowsRejected > f.rejects.length && !result.dryRun) {
			out.write(`  ... all rejected rows: GET /api/v1/imports/${f.runId}, or the import_quarantine table\n`);
		}
		// Value mappings per field: "Via: Mail -> email, 13,081 rows; Chat -> chat, 2,004 rows".
		const fields = [...new Set(f.valueMappings.map((m) => m.field))];
		for (const field of fields) {
			const maps = f.valueMappings.filter((m) => m.field === field);
			out.write(`  ${field}: ${maps.map((m) => `${m.from ?? '(empty)'} -> ${m.to ?? '(none)'}${m.rule ? ` (${m.rule})` : ''}, ${rows(m.rows)}`).join('; ')}\n`);
		}
		// Only dates not written in ISO 8601 are worth a line: "Created time DD/MM/YYYY H:MM (day-first: ...)".
		const dates = (f.timestampFormats ?? []).filter((d) => d.format !== ISO_8601);
		if (dates.length) out.write(`  dates read as: ${dates.map((d) => `${d.column} ${d.format}`).join(', ')}\n`);
		if (f.extraColumns.length) {
			out.write(
				f.extraKept
					? `  fields not read, kept in "extra" (--keep-extra): ${f.extraColumns.join(', ')}\n`
					: `  fields not read, not kept (--keep-extra keeps them): ${f.extraColumns.join(', ')}\n`
			);
		}
		for (const note of f.support) out.write(`  note: ${note}\n`);
	}
	for (const name of result.ignored) out.write(`${name}: not read by ${result.adapter.id}, ignored\n`);
	const checks = result.checks;
	if (checks) {
		if (checks.failing.length === 0) out.write(`integrity checks on source "${result.source}": all ${checks.passed} passed\n`);
		for (const c of checks.failing) out.write(`integrity check FAILED on source "${result.source}": ${c.name}, ${rows(c.failing)}: ${c.guards} (deskpulse check shows them)\n`);
	}
	return result.files.some((f) => f.status === 'failed') || (checks?.failing.length ?? 0) > 0 ? 1 : 0;
}

/**
 * Forwards an import to the server that holds the database, showing the progress it streams.
 * Interrupting the CLI leaves the import to the server, which finishes it (each file all or
 * nothing either way); the user is told where to see its outcome.
 */
export async function forwardImport(server: ServerTarget, body: Record<string, unknown>): Promise<PathImportResult> {
	const progress = new Progress('import (on the server)');
	const interrupted = () => {
		progress.finish('left to the server');
		process.stderr.write('deskpulse: the server goes on with the import; the Imports page (GET /api/v1/imports) shows its outcome\n');
		process.exit(130);
	};
	process.once('SIGINT', interrupted);
	try {
		const result = await serverImportUntilDone<PathImportResult, ImportProgress>(server, '/api/v1/imports', body, (p) =>
			progress.update(p.bytesDone, p.bytesTotal, `${p.file.split('/').pop()} (${p.phase}, file ${p.fileIndex + 1}/${p.fileCount})`)
		);
		progress.finish(`${result.files.length} file${result.files.length === 1 ? '' : 's'}`);
		return result;
	} catch (e) {
		progress.finish('stopped');
		throw e;
	} finally {
		process.removeListener('SIGINT', interrupted);
	}
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
	if (label !== undefined && !SOURCE_LABEL.test(label)) throw new UsageError(`--label takes ${SOURCE_LABEL_RULE}`);
	const mapping = typeof values.mapping === 'string' ? resolve(values.mapping) : null;
	const sheet = typeof values.sheet === 'string' ? values.sheet : null;
	const dateFormatText = values['date-format'] as string | undefined;
	const dateFormat = dateFormatText === undefined ? null : parseDateOrder(dateFormatText);
	if (dateFormatText !== undefined && !dateFormat) throw new UsageError(`--date-format must be ${DATE_FORMAT_CHOICES}, got "${dateFormatText}"`);
	let overrides: ValueOverride[];
	try {
		const fromFile = typeof values['map-file'] === 'string' ? readValueMapFile(resolve(values['map-file'])) : [];
		overrides = mergeOverrides(fromFile, ...((values.map as string[] | undefined) ?? []).map(parseMapArgument));
	} catch (e) {
		if (e instanceof OverrideError) throw new UsageError(e.message);
		throw e;
	}
	const dryRun = values['dry-run'] === true;
	const keepExtra = values['keep-extra'] === true;
	const csatScaleText = values['csat-scale'] as string | undefined;
	if (csatScaleText !== undefined && !(CSAT_SCALES as readonly string[]).includes(csatScaleText)) {
		throw new UsageError(`--csat-scale must be ${CSAT_SCALES.join(' or ')}, got "${csatScaleText}"`);
	}
	const csatScale = (csatScaleText ?? null) as CsatScale | null;
	const encodingText = values.encoding as string | undefined;
	const encoding = encodingText === undefined ? null : parseEncoding(encodingText);
	if (encodingText !== undefined && !encoding) throw new UsageError(`--encoding must be ${ENCODING_CHOICES}, got "${encodingText}"`);
	const showProgress = (progress: Progress) => (p: ImportProgress) =>
		progress.update(p.bytesDone, p.bytesTotal, `${p.file.split('/').pop()} (${p.phase}, file ${p.fileIndex + 1}/${p.fileCount})`);
	const result = await withDatabase(dbPathOf(values), {
		remote: (server) =>
			forwardImport(server, {
				path,
				source: adapter,
				label,
				timezone,
				mapping,
				sheet,
				date_format: dateFormat,
				map: overrides,
				dry_run: dryRun,
				csat_scale: csatScale,
				encoding,
				keep_extra: keepExtra
			}),
		local: async (db) => {
			const progress = new Progress('import');
			try {
				const r = await importPath(db, path, {
					adapter,
					source: label,
					timezone,
					mappingPath: mapping,
					sheet,
					dateFormat,
					overrides,
					dryRun,
					csatScale,
					encoding,
					keepExtra,
					onProgress: showProgress(progress)
				});
				progress.finish(`${r.files.length} file${r.files.length === 1 ? '' : 's'}`);
				// No server holds the file: the alert rules are evaluated here, as the server would.
				if (r.modelRefresh !== 'none') await alertsAfterImport(db);
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
