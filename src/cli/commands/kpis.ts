import { commandHelp, dbPathOf, parseCommand, UsageError, type CommandSpec } from '../args';
import { serverJson, withDatabase } from '../target';
import { FilterError, kpiQuerySearch, parseKpiQuery } from '../../lib/filters';
import { metricInfo } from '../../lib/metric-catalog';
import { toCsv } from '../../lib/csv';
import { computeKpis, type KpiResult } from '../../lib/server/metrics/kpis';

export const kpisSpec: CommandSpec = {
	name: 'kpis',
	summary: 'Prints KPIs per period, computed by the same SQL as the dashboard and GET /api/v1/kpis.',
	usage:
		'deskpulse kpis [--from DATE] [--to DATE] [--grain day|week|month|quarter] [--metrics id,id]\n' +
		'                      [--tz ZONE] [--hours calendar] [--as-of ISO] [--format table|json|csv] [--db PATH]',
	help: [
		'--from DATE          first day, inclusive, in the reporting zone (default: start of the data)',
		'--to DATE            end day, exclusive (default: end of the data)',
		'--grain GRAIN        day, week (ISO, default), month or quarter',
		'--metrics IDS        comma-separated metric ids (default: all; see GET /api/v1/metrics)',
		'--tz ZONE            reporting time zone for period boundaries (default UTC)',
		'--hours calendar     duration flavour (business hours are not computed yet)',
		'--as-of ISO          the instant "now" means for the report (default: now)',
		'--format FORMAT      table (default), json or csv'
	],
	options: {
		from: { type: 'string' },
		to: { type: 'string' },
		grain: { type: 'string' },
		metrics: { type: 'string' },
		tz: { type: 'string' },
		hours: { type: 'string' },
		'as-of': { type: 'string' },
		format: { type: 'string' }
	}
};

function formatCell(id: string, value: unknown): string {
	if (value === null || value === undefined) return '-';
	if (typeof value !== 'number') return String(value);
	const unit = metricInfo(id)?.unit;
	if (unit === 'minutes') return value.toFixed(1);
	if (unit === 'rate') return `${(value * 100).toFixed(1)} %`;
	return value.toLocaleString('en-US');
}

/** A plain aligned text table: periods down, metrics across, with units in the header. */
export function kpiTable(result: KpiResult): string {
	const metricIds = Object.keys(result.rows[0] ?? {}).filter((k) => k !== 'period' && k !== 'period_start');
	const header = ['period', 'start', ...metricIds.map((id) => (metricInfo(id)?.unit === 'minutes' ? `${id} (${result.meta.hours})` : id))];
	const body = result.rows.map((r) => [r.period, r.period_start, ...metricIds.map((id) => formatCell(id, r[id]))]);
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)));
	const line = (cells: unknown[]) => cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
	const meta = `grain ${result.meta.grain}, periods in ${result.meta.tz}, ${result.meta.hours} hours, as of ${result.meta.as_of}`;
	return [meta, line(header), ...body.map(line)].join('\n');
}

export async function runKpis(argv: string[]): Promise<number> {
	const { values } = parseCommand(kpisSpec, argv);
	if (values.help) {
		console.log(commandHelp(kpisSpec));
		return 0;
	}
	const format = (values.format as string | undefined) ?? 'table';
	if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`--format must be table, json or csv, got "${format}"`);
	let query;
	try {
		query = parseKpiQuery({
			from: values.from as string,
			to: values.to as string,
			grain: values.grain as string,
			metrics: values.metrics as string,
			tz: values.tz as string,
			hours: values.hours as string,
			as_of: values['as-of'] as string
		});
	} catch (e) {
		if (e instanceof FilterError) throw new UsageError(`--${e.param.replace('_', '-')}: ${e.message}`);
		throw e;
	}
	const result = await withDatabase(dbPathOf(values), {
		remote: (url) => {
			const search = kpiQuerySearch(query);
			search.set('metrics', query.metrics.join(','));
			search.set('as_of', query.asOf);
			return serverJson<KpiResult>(url, `/api/v1/kpis?${search}`);
		},
		local: (db) => computeKpis(db, query)
	});
	if (format === 'json') process.stdout.write(JSON.stringify(result, null, 2) + '\n');
	else if (format === 'csv') process.stdout.write(toCsv(['period', 'period_start', ...query.metrics], result.rows));
	else process.stdout.write(kpiTable(result) + '\n');
	return 0;
}
