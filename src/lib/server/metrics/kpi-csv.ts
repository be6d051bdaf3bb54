import { toCsv } from '../../csv';
import type { KpiQuery } from '../../filters';
import type { KpiResult } from './kpis';

/**
 * A KPI result as CSV, for spreadsheets: one column per metric id, and after a metric that
 * rests on an assumption the figures it used (`self_service_savings__avoided_ticket_rate`,
 * `self_service_savings__trailing_cost_per_ticket`), so the file states it as the page does.
 * The API and `deskpulse kpis --format csv` both write this.
 */
export function kpiCsv(result: KpiResult, query: KpiQuery): string {
	const basisColumns = (metric: string) => [...new Set(result.samples.flatMap((s) => Object.keys(s.basis?.[metric] ?? {})))].map((name) => `${metric}__${name}`);
	const columns = ['period', 'period_start', ...query.by, ...query.metrics.flatMap((m) => [m, ...basisColumns(m)])];
	const rows = result.rows.map((row, i) => {
		const out: Record<string, unknown> = { ...row };
		for (const [metric, figures] of Object.entries(result.samples[i]?.basis ?? {})) {
			for (const [name, value] of Object.entries(figures)) out[`${metric}__${name}`] = value;
		}
		return out;
	});
	return toCsv(columns, rows);
}
