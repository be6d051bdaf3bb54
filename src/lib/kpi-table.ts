import type { KpiRow, KpiSample } from './server/metrics/kpis';
import { metricInfo } from './metric-catalog';

/**
 * A KPI result (computeKpis, GET /api/v1/kpis) as table rows whose cells carry what a page
 * shows beside a value: its sample, its marks and its drill link. The result keeps values in
 * `rows` and sample sizes in `samples`, parallel; they are paired here once, so no page
 * matches a sample to its row by position (and none misses when it sorts or filters rows).
 */

/** One metric's value in one row, with what it rests on. */
export interface KpiCell {
	/** The value; null where nothing was measured. */
	value: number | null;
	/**
	 * Items the value is computed over: the metric's sample (`<id>__n`), a count's own value
	 * (a count is its own sample), 0 when none.
	 */
	n: number;
	/** Fewer items behind the value than the low-sample threshold. */
	lowSample: boolean;
	/** Rests on the default per-contact costs, not imported ones. */
	estimated: boolean;
	/** The figures the value rests on, where it states an assumption (self_service_savings). */
	basis?: Record<string, number>;
	/** The items behind the value (a drill-through), where it has any and the page links them. */
	href?: string;
}

/** A KPI row as a table shows it: the period, group values and metric values as the result has them, and each metric's cell. */
export interface KpiTableRow {
	period: string;
	period_start: string;
	[key: string]: unknown;
	cells: Record<string, KpiCell>;
}

/** The drill link of a cell with items behind it (n > 0); undefined where the page links none. */
export type CellLink = (row: KpiRow, metric: string) => string | undefined;

/** The metric ids of a row (its other keys are the period and the group values). */
function metricsOf(row: KpiRow): string[] {
	return Object.keys(row).filter((key) => metricInfo(key) !== undefined);
}

/**
 * The rows of a KPI result (in its order: periods oldest first) with a cell per metric;
 * `link` gives the drill link of each cell that has items behind it.
 */
export function kpiTableRows(result: { rows: KpiRow[]; samples: KpiSample[] }, link?: CellLink): KpiTableRow[] {
	return result.rows.map((row, i) => {
		const sample = result.samples[i];
		const cells: Record<string, KpiCell> = {};
		for (const metric of metricsOf(row)) {
			const value = typeof row[metric] === 'number' ? (row[metric] as number) : null;
			const n = sample?.n[metric] ?? (metricInfo(metric)?.unit === 'count' ? (value ?? 0) : 0);
			const cell: KpiCell = { value, n, lowSample: sample?.low_sample.includes(metric) ?? false, estimated: sample?.estimated.includes(metric) ?? false };
			if (sample?.basis?.[metric]) cell.basis = sample.basis[metric];
			const href = n > 0 ? link?.(row, metric) : undefined;
			if (href) cell.href = href;
			cells[metric] = cell;
		}
		return { ...row, cells };
	});
}

/** A table column's accessors of one metric's cells: its drill link, and its low-sample note in `words`. */
export function cellLinkAndNote(metric: string, words: (cell: KpiCell) => string) {
	return {
		href: (row: Record<string, unknown>) => (row as KpiTableRow).cells[metric]?.href,
		note: (row: Record<string, unknown>) => {
			const cell = (row as KpiTableRow).cells[metric];
			return cell?.lowSample ? words(cell) : undefined;
		}
	};
}
