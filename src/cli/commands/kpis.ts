import type { CommandSpec } from '../args';
import { REPORT_HELP, REPORT_OPTIONS, runReportCommand, textTable, type ReportCommand } from '../report-command';
import { kpiQuerySearch, parseKpiQuery, type KpiQuery } from '../../lib/filters';
import { metricInfo } from '../../lib/metric-catalog';
import { spokenMetric } from '../../lib/format';
import { computeKpis, type KpiResult } from '../../lib/server/metrics/kpis';
import { kpiCsv } from '../../lib/server/metrics/kpi-csv';

export const kpisSpec: CommandSpec = {
	name: 'kpis',
	summary: 'Prints KPIs per period, computed by the same SQL as the dashboard and GET /api/v1/kpis.',
	usage:
		'deskpulse kpis [--from DATE] [--to DATE] [--grain day|week|month|quarter] [--by DIM[,DIM]]\n' +
		'                      [--where DIM=VALUE ...] [--metrics id,id] [--hours business|calendar]\n' +
		'                      [--as-of ISO] [--tz ZONE] [--avoided-ticket-rate SHARE]\n' +
		'                      [--format table|json|csv] [--db PATH]',
	help: [
		...REPORT_HELP,
		'--metrics IDS        comma-separated metric ids (default: all; see GET /api/v1/metrics)',
		'--avoided-ticket-rate SHARE',
		'                     share of deflected sessions assumed to have become tickets, for',
		'                     self_service_savings (0.3 or 30%; default: the observed share)',
		'--format FORMAT      table (default), json or csv'
	],
	options: { ...REPORT_OPTIONS, metrics: { type: 'string' }, 'avoided-ticket-rate': { type: 'string' } }
};

function formatCell(id: string, value: unknown): string {
	if (value === null || value === undefined) return '-';
	if (typeof value !== 'number') return String(value);
	const unit = metricInfo(id)?.unit;
	if (unit === 'minutes') return value.toFixed(1);
	if (unit === 'rate') return spokenMetric(value, 'rate');
	if (unit === 'number' || unit === 'money') return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
	return value.toLocaleString('en-US');
}

/** A plain aligned text table: periods (and groups) down, metrics across, units in the header. */
export function kpiTable(result: KpiResult): string {
	const dims = result.meta.by;
	const metricIds = Object.keys(result.rows[0] ?? {}).filter((k) => k !== 'period' && k !== 'period_start' && !(dims as string[]).includes(k));
	const unitOf = (id: string) => (metricInfo(id)?.unit === 'minutes' ? `${id} (${metricInfo(id)?.hoursFlavoured ? result.meta.hours : 'calendar'})` : id);
	const header = ['period', 'start', ...dims, ...metricIds.map(unitOf)];
	const lead = 2 + dims.length;
	const body = result.rows.map((r, i) => [
		r.period,
		r.period_start,
		...dims.map((d) => r[d] ?? '(none)'),
		// A low-sample value is marked with a trailing *, explained under the table.
		...metricIds.map((id) => formatCell(id, r[id]) + (result.samples[i]?.low_sample.includes(id) ? '*' : ''))
	]);
	const filters = Object.entries(result.meta.filters).map(([d, v]) => `${d}=${v.join(',')}`);
	const meta =
		`grain ${result.meta.grain}, periods in ${result.meta.tz}, ${result.meta.hours} hours, as of ${result.meta.as_of}` +
		(filters.length ? `, where ${filters.join(' and ')}` : '');
	const note = [
		...(result.samples.some((s) => s.low_sample.length) ? [`* fewer than ${result.meta.low_sample_threshold} items behind the value (low sample)`] : []),
		// Whose business hours these are (the vendor's own figures where no schedule was imported).
		...result.meta.notes.map((n) => `note: ${n}`)
	];
	return [meta, textTable(header, body, lead), ...note].join('\n');
}

const kpisCommand: ReportCommand<KpiQuery, KpiResult> = {
	spec: kpisSpec,
	endpoint: 'kpis',
	parse: (search) => parseKpiQuery(search),
	toSearch: (query) => {
		const search = kpiQuerySearch(query);
		search.set('metrics', query.metrics.join(','));
		search.set('as_of', query.asOf);
		return search;
	},
	local: computeKpis,
	print: (result, format, query) => {
		if (format === 'json') return JSON.stringify(result, null, 2) + '\n';
		if (format === 'csv') return kpiCsv(result, query);
		return kpiTable(result) + '\n';
	}
};

export function runKpis(argv: string[]): Promise<number> {
	return runReportCommand(kpisCommand, argv);
}
