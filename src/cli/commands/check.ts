import { commandHelp, dbPathOf, parseCommand, UsageError, type CommandSpec } from '../args';
import { serverJson, withDatabase } from '../target';
import { terminalSafe } from '../terminal';
import { runChecks, type CheckResult } from '../../lib/server/db/integrity';

export const checkSpec: CommandSpec = {
	name: 'check',
	summary:
		'Runs every integrity check (sql/checks/) on the database: raw rows against the models, one row per\n' +
		'ticket, no negative duration, no time outside 1990 to a year from now, schedules, vocabularies.\n' +
		'Exits 1 when any check finds a row.',
	usage: 'deskpulse check [--format table|json] [--db PATH]',
	help: ['--format FORMAT      table (default) or json'],
	options: { format: { type: 'string' } }
};

/** One line per check, and the first rows of a failing one. */
export function printChecks(results: CheckResult[]): string {
	const lines: string[] = [];
	for (const r of results) {
		lines.push(`${r.failing === 0 ? 'ok    ' : 'FAILED'} ${r.name}${r.failing ? `: ${r.failing.toLocaleString('en-US')} row${r.failing === 1 ? '' : 's'}` : ''}`);
		if (r.failing) {
			lines.push(`       ${r.guards}`);
			for (const row of r.sample) lines.push(`       ${JSON.stringify(row)}`);
		}
	}
	const failed = results.filter((r) => r.failing > 0).length;
	lines.push(failed ? `${failed} of ${results.length} checks failed` : `all ${results.length} checks passed`);
	return lines.join('\n') + '\n';
}

export async function runCheck(argv: string[]): Promise<number> {
	const { values } = parseCommand(checkSpec, argv);
	if (values.help) {
		console.log(commandHelp(checkSpec));
		return 0;
	}
	const format = (values.format as string | undefined) ?? 'table';
	if (!['table', 'json'].includes(format)) throw new UsageError(`--format must be table or json, got "${format}"`);
	const results = await withDatabase(dbPathOf(values), {
		remote: async (server) => (await serverJson<{ checks: CheckResult[] }>(server, '/api/v1/checks')).checks,
		local: (db) => runChecks(db)
	});
	process.stdout.write(format === 'json' ? JSON.stringify({ checks: results }, null, 2) + '\n' : terminalSafe(printChecks(results)));
	return results.some((r) => r.failing > 0) ? 1 : 0;
}
