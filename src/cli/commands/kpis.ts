import { commandHelp, dbPathOf, parseCommand, UsageError, type CommandSpec } from '../args';
import { serverJson, withDatabase } from '../target';
import { DIMENSIONS, FilterError, kpiQuerySearch, parseKpiQuery } from '../../lib/filters';
import { metricInfo } from '../../lib/metric-catalog';
import { toCsv } from '../../lib/csv';
import { computeKpis, type KpiResult } from '../../lib/server/metrics/kpis';

export const kpisSpec: CommandSpec = {
	name: 'kpis',
	summary: 'Prints KPIs per period, computed by the same SQL as the dashboard and GET /api/v1/kpis.',
	usage:
		'deskpulse kpis [--from DATE] [--to DATE] [--grain day|week|month|quarter] [--by DIM[,DIM]]\n' +
		'                      [--where DIM=VALUE ...] [--metrics id,id] [--hours business|calendar]\n' +
		'                      [--as-of ISO] [--tz ZONE] [--format table|json|csv] [--db PATH]',
	help: [
		'--from DATE          first day, inclusive, in the reporting zone (default: start of the data)',
		'--to DATE            end day, exclusive (default: end of the data)',
		'--grain GRAIN        day, week (ISO, default), month or quarter',
		`--by DIMS            group by one or two of: ${DIMENSIONS.join(', ')}`,
		'--where DIM=VALUE    keep only rows with that value (repeatable; VALUE may list several, comma-separated)',
		'--metrics IDS        comma-separated metric ids (default: all; see GET /api/v1/metrics)',
		'--tz ZONE            reporting time zone for period boundaries (default UTC)',
		'--hours FLAVOUR      business or calendar durations (default: business when a schedule is imported)',
		'--as-of ISO          the instant "now" means for the report (default: now)',
		'--format FORMAT      table (default), json or csv'
	],
	options: {
		from: { type: 'string' },
		to: { type: 'string' },
		grain: { type: 'string' },
		metrics: { type: 'string' },
		by: { type: 'string' },
		where: { type: 'string', multiple: true },
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
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)));
	const line = (cells: unknown[]) => cells.map((c, i) => (i < lead ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
	const filters = Object.entries(result.meta.filters).map(([d, v]) => `${d}=${v.join(',')}`);
	const meta =
		`grain ${result.meta.grain}, periods in ${result.meta.tz}, ${result.meta.hours} hours, as of ${result.meta.as_of}` +
		(filters.length ? `, where ${filters.join(' and ')}` : '');
	const note = result.samples.some((s) => s.low_sample.length)
		? [`* fewer than ${result.meta.low_sample_threshold} items behind the value (low sample)`]
		: [];
	return [meta, line(header), ...body.map(line), ...note].join('\n');
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
		// The same parser as the API's query string, so both accept and reject alike.
		const search = new URLSearchParams();
		const flags: Array<[string, unknown]> = [
			['from', values.from],
			['to', values.to],
			['grain', values.grain],
			['metrics', values.metrics],
			['by', values.by],
			['tz', values.tz],
			['hours', values.hours],
			['as_of', values['as-of']]
		];
		for (const [name, value] of flags) if (typeof value === 'string') search.set(name, value);
		for (const clause of (values.where as string[] | undefined) ?? []) search.append('where', clause);
		query = parseKpiQuery(search);
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
	else if (format === 'csv') process.stdout.write(toCsv(['period', 'period_start', ...query.by, ...query.metrics], result.rows));
	else process.stdout.write(kpiTable(result) + '\n');
	return 0;
}
