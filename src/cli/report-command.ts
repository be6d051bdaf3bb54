import { terminalSafe } from './terminal';
import { commandHelp, dbPathOf, parseCommand, UsageError, type CommandSpec } from './args';
import { serverJson, withDatabase } from './target';
import { DIMENSIONS, FILTER_ONLY, FilterError } from '../lib/filters';
import type { Database } from '../lib/server/db/database';

/** The options every report command takes: the same filters as the API and the pages. */
export const REPORT_OPTIONS = {
	from: { type: 'string' },
	to: { type: 'string' },
	grain: { type: 'string' },
	by: { type: 'string' },
	where: { type: 'string', multiple: true },
	tz: { type: 'string' },
	hours: { type: 'string' },
	'as-of': { type: 'string' },
	format: { type: 'string' }
} as const;

export const REPORT_HELP = [
	'--from DATE          first day, inclusive, in the reporting zone (default: start of the data)',
	'--to DATE            end day, exclusive (default: end of the data)',
	'--grain GRAIN        day, week (ISO, default), month or quarter',
	`--by DIMS            group by one or two of: ${DIMENSIONS.filter((d) => !FILTER_ONLY.includes(d)).join(', ')}`,
	'--where DIM=VALUE    keep only rows with that value (repeatable; VALUE may list several, comma-separated);',
	'                     also tag=NAME: tickets with that tag',
	'--tz ZONE            reporting time zone for period boundaries (default UTC)',
	'--hours FLAVOUR      business or calendar durations (default: business when a schedule is imported)',
	'--as-of ISO          the instant "now" means for the report (default: now)'
];

export type Format = 'table' | 'json' | 'csv';

/**
 * The command's flags as the API's query string (`--as-of` is `as_of`, `--where` repeats),
 * so the command line and the API are parsed by the same function and accept alike.
 */
export function searchFromFlags(values: Record<string, unknown>): URLSearchParams {
	const search = new URLSearchParams();
	for (const [flag, value] of Object.entries(values)) {
		if (flag === 'db' || flag === 'help' || flag === 'format') continue;
		const name = flag.replace(/-/g, '_');
		if (Array.isArray(value)) for (const v of value) search.append(name, String(v));
		else if (typeof value === 'string') search.set(name, value);
	}
	return search;
}

export interface ReportCommand<Q, R> {
	spec: CommandSpec;
	/** The API path (under /api/v1) that answers the same query when a server holds the file. */
	endpoint: string;
	/** Parses the query from the flags (the API's parser); a FilterError names the flag. */
	parse: (search: URLSearchParams) => Q;
	/** The query as the API's query string, `as_of` pinned so both surfaces see one instant. */
	toSearch: (query: Q, flags: URLSearchParams) => URLSearchParams;
	local: (db: Database, query: Q) => Promise<R>;
	print: (result: R, format: Format, query: Q) => string;
}

/** Runs a report command: parse, compute (via the server or the file), print. */
export async function runReportCommand<Q, R>(command: ReportCommand<Q, R>, argv: string[]): Promise<number> {
	const { values } = parseCommand(command.spec, argv);
	if (values.help) {
		console.log(commandHelp(command.spec));
		return 0;
	}
	const format = ((values.format as string | undefined) ?? 'table') as Format;
	if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`--format must be table, json or csv, got "${format}"`);
	const flags = searchFromFlags(values);
	let query: Q;
	try {
		query = command.parse(flags);
	} catch (e) {
		if (e instanceof FilterError) throw new UsageError(`--${e.param.replace(/_/g, '-')}: ${e.message}`);
		throw e;
	}
	const result = await withDatabase(dbPathOf(values), {
		remote: (server) => serverJson<R>(server, `/api/v1/${command.endpoint}?${command.toSearch(query, flags)}`),
		local: (db) => command.local(db, query)
	});
	const printed = command.print(result, format, query);
	// A table is for people; CSV and JSON are data, cleaned only on their way to a terminal.
	process.stdout.write(format === 'table' || (format === 'csv' && process.stdout.isTTY) ? terminalSafe(printed) : printed);
	return 0;
}

/** A plain aligned text table; the first `lead` columns are left-aligned labels. */
export function textTable(header: string[], body: unknown[][], lead: number): string {
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)));
	const line = (cells: unknown[]) => cells.map((c, i) => (i < lead ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
	return [line(header), ...body.map(line)].join('\n');
}
