import type { CommandSpec } from '../args';
import { REPORT_HELP, REPORT_OPTIONS, runReportCommand, type ReportCommand } from '../report-command';
import { parseKpiQuery } from '../../lib/filters';
import { toCsv } from '../../lib/csv';
import {
	computeForecast,
	FORECAST_CSV_COLUMNS,
	FORECAST_WEEKS,
	parseForecastQuery,
	type ForecastQuery,
	type ForecastResult
} from '../../lib/server/metrics/forecast';

export const forecastSpec: CommandSpec = {
	name: 'forecast',
	summary:
		'Forecasts ticket arrivals for the next weeks per channel (or another dimension) and in total,\n' +
		'with 80 % and 95 % intervals and the backtest accuracy of the method (docs/forecasting.md).',
	usage:
		'deskpulse forecast [--weeks N] [--by DIM] [--where DIM=VALUE ...] [--deflection RATE] [--as-of ISO] [--tz ZONE]\n' +
		'                      [--format table|json|csv] [--db PATH]',
	help: [
		`--weeks N            weeks ahead, the current week first (${FORECAST_WEEKS.min}-${FORECAST_WEEKS.max}, default ${FORECAST_WEEKS.default})`,
		'--by DIM             the series: one dimension (default channel); the total is always there',
		'--deflection RATE    what if deflection were RATE (0.45 or 45%): tickets scaled from the trailing 12-week rate',
		...REPORT_HELP.filter((l) => !/^--(from|to|grain|by|hours) /.test(l)),
		'--format FORMAT      table (default), json or csv'
	],
	options: { ...REPORT_OPTIONS, weeks: { type: 'string' }, deflection: { type: 'string' } }
};

const forecastCommand: ReportCommand<ForecastQuery, ForecastResult> = {
	spec: forecastSpec,
	endpoint: 'forecast',
	parse: (search) => parseForecastQuery(search, parseKpiQuery(search)),
	toSearch: (query, flags) => {
		const search = new URLSearchParams(flags);
		search.set('as_of', query.asOf);
		return search;
	},
	local: computeForecast,
	print: (result, format) => {
		if (format === 'json') return JSON.stringify(result, null, 2) + '\n';
		if (format === 'csv') return toCsv(FORECAST_CSV_COLUMNS, result.rows);
		return forecastTable(result);
	}
};

const whole = (v: number | null) => (v === null ? '-' : Math.round(v).toLocaleString('en-US'));
const percent = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)} %`);

/** The forecast per series as a plain table: weeks down, point and 80 % interval per series. */
function forecastTable(result: ForecastResult): string {
	const m = result.meta;
	const lines = [`Ticket arrivals by ${m.series}, next ${m.weeks} weeks (ISO weeks, ${m.tz}), as of ${m.as_of}; fitted on ${m.history_weeks} weeks`];
	const series = [...new Set(result.rows.map((r) => r.series))];
	const forecasts = result.rows.filter((r) => r.kind === 'forecast');
	for (const name of series) {
		const accuracy = m.accuracy.find((a) => a.series === name);
		const verdict =
			accuracy?.beats_baseline === null || !accuracy
				? 'no backtest'
				: `backtest MAPE ${percent(accuracy.mape)} (seasonal naive ${percent(accuracy.baseline_mape)}: ${accuracy.beats_baseline ? 'beats it' : 'does not beat it'}), 80 % interval held ${percent(accuracy.coverage_80)}`;
		lines.push('', `${name ?? '(none)'}: ${verdict}`);
		for (const r of forecasts.filter((f) => f.series === name)) {
			lines.push(`  ${r.week}  ${whole(r.forecast).padStart(8)}   80 %: ${whole(r.lo_80)}-${whole(r.hi_80)}   95 %: ${whole(r.lo_95)}-${whole(r.hi_95)}`);
		}
	}
	for (const note of m.notes) lines.push('', note);
	return lines.join('\n') + '\n';
}

export function runForecast(argv: string[]): Promise<number> {
	return runReportCommand(forecastCommand, argv);
}
