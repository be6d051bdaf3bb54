import type { CommandSpec } from '../args';
import { REPORT_HELP, REPORT_OPTIONS, runReportCommand, textTable, type ReportCommand } from '../report-command';
import { kpiQuerySearch, parseKpiQuery } from '../../lib/filters';
import { toCsv } from '../../lib/csv';
import { spokenMetric } from '../../lib/format';
import { computeSurvival, parseSurvivalPoints, survivalCsvColumns, type SurvivalQuery, type SurvivalResult } from '../../lib/server/metrics/survival';

export const survivalSpec: CommandSpec = {
	name: 'survival',
	summary:
		'Prints resolution survival curves: the share of each created-period cohort resolved within\n' +
		'x hours (Kaplan-Meier), with tickets still open at --as-of censored, not dropped.',
	usage:
		'deskpulse survival [--grain week] [--by DIM[,DIM]] [--where DIM=VALUE ...] [--points 1,4,24,72]\n' +
		'                      [--from DATE] [--to DATE] [--hours business|calendar] [--as-of ISO] [--tz ZONE]\n' +
		'                      [--format table|json|csv] [--db PATH]',
	help: [
		...REPORT_HELP,
		'--points HOURS       checkpoints in hours after creation (default 1,4,8,24,48,72,168,336)',
		'--format FORMAT      table (default), json or csv'
	],
	options: { ...REPORT_OPTIONS, points: { type: 'string' } }
};

const survivalCommand: ReportCommand<SurvivalQuery, SurvivalResult> = {
	spec: survivalSpec,
	endpoint: 'survival',
	parse: (search) => ({ ...parseKpiQuery(search), points: parseSurvivalPoints(search.get('points')) }),
	toSearch: (query) => {
		const search = kpiQuerySearch(query);
		search.delete('metrics');
		search.set('as_of', query.asOf);
		search.set('points', query.points.join(','));
		return search;
	},
	local: computeSurvival,
	print: (result, format, query) => {
		if (format === 'json') return JSON.stringify(result, null, 2) + '\n';
		if (format === 'csv') return toCsv(survivalCsvColumns(query.by), result.rows);
		// One line per cohort, one column per checkpoint: the curve read left to right.
		const cohorts = new Map<string, { label: unknown[]; open: string; shares: string[] }>();
		for (const r of result.rows) {
			const label = [r.period, ...query.by.map((d) => r[d] ?? '(none)')];
			const key = JSON.stringify(label);
			const cohort = cohorts.get(key) ?? { label, open: `${r.still_open}/${r.tickets}`, shares: [] };
			cohort.shares.push(spokenMetric(r.resolved_share, 'rate'));
			cohorts.set(key, cohort);
		}
		const header = ['cohort', ...query.by, 'open', ...result.meta.points.map((p) => `<= ${p} h`)];
		const body = [...cohorts.values()].map((c) => [...c.label, c.open, ...c.shares]);
		const meta = `resolved share by ${result.meta.grain} of creation, ${result.meta.hours} hours, open tickets censored at ${result.meta.as_of}`;
		return `${meta}\n${textTable(header, body, 1 + query.by.length)}\n`;
	}
};

export function runSurvival(argv: string[]): Promise<number> {
	return runReportCommand(survivalCommand, argv);
}
