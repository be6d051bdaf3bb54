import type { CommandSpec } from '../args';
import { REPORT_HELP, REPORT_OPTIONS, runReportCommand, type ReportCommand } from '../report-command';
import { parseKpiQuery } from '../../lib/filters';
import { toCsv } from '../../lib/csv';
import {
	ANOMALY_CSV_COLUMNS,
	computeAnomalies,
	MAX_WINDOW_DAYS,
	parseAnomaliesQuery,
	type AnomaliesQuery,
	type AnomaliesResult
} from '../../lib/server/metrics/anomalies';

export const anomaliesSpec: CommandSpec = {
	name: 'anomalies',
	summary:
		'Lists the categories, tags and channels (overall, per segment, per plan) whose ticket volume\n' +
		'in a week or a few days is unusual against the same weekdays before, false discoveries controlled.',
	usage:
		'deskpulse anomalies [--week 2026-W46 | --from DATE --to DATE] [--where DIM=VALUE ...] [--as-of ISO] [--tz ZONE]\n' +
		'                      [--format table|json|csv] [--db PATH]',
	help: [
		'--week WEEK          ISO week to look at (default: the last complete week before --as-of)',
		`--from DATE --to DATE  a window of 1 to ${MAX_WINDOW_DAYS} days instead (to exclusive; today: --from TODAY --to TOMORROW, so far)`,
		...REPORT_HELP.filter((l) => !/^--(from|to|grain|by|hours) /.test(l)),
		'--format FORMAT      table (default), json or csv'
	],
	options: { ...REPORT_OPTIONS, week: { type: 'string' } }
};

const anomaliesCommand: ReportCommand<AnomaliesQuery, AnomaliesResult> = {
	spec: anomaliesSpec,
	endpoint: 'anomalies',
	parse: (search) => parseAnomaliesQuery(search, parseKpiQuery(search)),
	toSearch: (query, flags) => {
		const search = new URLSearchParams(flags);
		search.set('as_of', query.asOf);
		return search;
	},
	local: computeAnomalies,
	print: (result, format) => {
		if (format === 'json') return JSON.stringify(result, null, 2) + '\n';
		if (format === 'csv') return toCsv(ANOMALY_CSV_COLUMNS, result.rows);
		const m = result.meta;
		const window = m.week ? `${m.week} (${m.from} to ${m.to})` : `${m.from} to ${m.to} (exclusive)`;
		const lines = [`Anomalies ${window}, ${m.tz}, as of ${m.as_of}: ${result.rows.length} of ${m.tested} series tested`];
		if (result.rows.length === 0) lines.push(`Nothing unusual at a ${m.fdr * 100} % false discovery rate.`);
		for (const r of result.rows) lines.push(`- ${r.message}`);
		lines.push('', `KPIs (first response in ${m.hours} hours, CSAT, reopen rate; overall and per segment): ${result.kpis.length} of ${m.kpi_tested} tested`);
		for (const r of result.kpis) lines.push(`- ${r.message}`);
		return lines.join('\n') + '\n';
	}
};

export function runAnomalies(argv: string[]): Promise<number> {
	return runReportCommand(anomaliesCommand, argv);
}
