import type { CommandSpec } from '../args';
import { REPORT_HELP, REPORT_OPTIONS, runReportCommand, type ReportCommand } from '../report-command';
import { parseKpiQuery } from '../../lib/filters';
import { toCsv } from '../../lib/csv';
import { computeFlags, FLAG_CSV_COLUMNS, parseFlagsQuery, type FlagsQuery, type FlagsResult } from '../../lib/server/metrics/flags';

export const flagsSpec: CommandSpec = {
	name: 'flags',
	summary:
		'Prints the weekly review flags of one ISO week: hiring triggers (FRT above target 3 weeks,\n' +
		'CSAT below 85 %, utilization above 80 %, backlog growing 3 weeks), churn signals, top movers.',
	usage: 'deskpulse flags [--week 2026-W46] [--where DIM=VALUE ...] [--hours business|calendar] [--as-of ISO] [--tz ZONE]\n' +
		'                      [--format table|json|csv] [--db PATH]',
	help: [
		'--week WEEK          ISO week to review (default: the last complete week before --as-of)',
		...REPORT_HELP.filter((l) => !/^--(from|to|grain|by) /.test(l)),
		'--format FORMAT      table (default), json or csv'
	],
	options: { ...REPORT_OPTIONS, week: { type: 'string' } }
};

const flagsCommand: ReportCommand<FlagsQuery, FlagsResult> = {
	spec: flagsSpec,
	endpoint: 'flags',
	parse: (search) => parseFlagsQuery(search, parseKpiQuery(search)),
	toSearch: (query, flags) => {
		const search = new URLSearchParams(flags);
		search.set('as_of', query.asOf);
		search.set('week', query.week);
		return search;
	},
	local: computeFlags,
	print: (result, format) => {
		if (format === 'json') return JSON.stringify(result, null, 2) + '\n';
		if (format === 'csv') return toCsv(FLAG_CSV_COLUMNS, result.rows);
		const m = result.meta;
		const lines = [`Weekly review ${m.week} (${m.week_start} to ${m.week_end}, ${m.tz}), as of ${m.as_of}`];
		if (result.rows.length === 0) lines.push('No flags: every hiring trigger and alert is within its threshold.');
		for (const r of result.rows) lines.push(`- [${r.flag}] ${r.message}`);
		for (const [flag, why] of Object.entries(m.not_evaluated)) lines.push(`- [${flag}] not evaluated: ${why}`);
		return lines.join('\n') + '\n';
	}
};

export function runFlags(argv: string[]): Promise<number> {
	return runReportCommand(flagsCommand, argv);
}
