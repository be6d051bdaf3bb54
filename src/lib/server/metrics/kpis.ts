import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import type { KpiQuery } from '../../filters';

/** One row of a KPI result: the period, then one key per requested metric id. */
export interface KpiRow {
	period: string;
	period_start: string;
	[metric: string]: string | number | null;
}

export interface KpiResult {
	meta: {
		grain: KpiQuery['grain'];
		hours: KpiQuery['hours'];
		tz: string;
		as_of: string;
		from: string | null;
		to: string | null;
		filters: Record<string, string>;
	};
	rows: KpiRow[];
}

/** Which SQL file of sql/metrics/ computes which metric ids; one query per file. */
const FAMILIES: Array<{ sql: string; metrics: string[] }> = [
	{ sql: 'metrics/ticket_volume_speed', metrics: ['tickets_created', 'frt_median_min'] }
];

/**
 * The KPI table for a query: one row per period with the requested metrics, in the order
 * asked. The page, the API and the CLI all call this, so they cannot disagree.
 */
export async function computeKpis(db: Database, q: KpiQuery): Promise<KpiResult> {
	const byPeriod = new Map<string, KpiRow>();
	for (const family of FAMILIES) {
		if (!family.metrics.some((m) => q.metrics.includes(m))) continue;
		const rows = await db.query(sqlText(family.sql), { grain: q.grain, tz: q.tz, from: q.from, to: q.to });
		for (const r of rows) {
			const key = String(r.period_start);
			const row = byPeriod.get(key) ?? { period: String(r.period), period_start: key };
			for (const m of family.metrics) if (q.metrics.includes(m)) row[m] = (r[m] as number | null) ?? null;
			byPeriod.set(key, row);
		}
	}
	const rows = [...byPeriod.values()]
		.sort((a, b) => a.period_start.localeCompare(b.period_start))
		.map((r) => {
			const ordered: KpiRow = { period: r.period, period_start: r.period_start };
			for (const m of q.metrics) ordered[m] = r[m] ?? null;
			return ordered;
		});
	return {
		meta: { grain: q.grain, hours: q.hours, tz: q.tz, as_of: q.asOf, from: q.from, to: q.to, filters: {} },
		rows
	};
}
