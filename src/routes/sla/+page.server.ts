import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { computeKpis } from '$lib/server/metrics/kpis';
import { dimensionValues } from '$lib/server/metrics/dimension-values';
import { FilterError, parseKpiQuery, type Dimension } from '$lib/filters';

const SLA_METRICS = ['sla_achievement_rate', 'sla_frt_breach_rate', 'sla_resolution_breach_rate'];
/** The breakdowns of the page, each one table and bar chart. */
const BREAKDOWNS: Dimension[] = ['plan', 'priority', 'channel', 'group'];

export const load: PageServerLoad = async ({ url }) => {
	let query;
	try {
		query = parseKpiQuery(url.searchParams);
	} catch (e) {
		if (e instanceof FilterError) error(400, `${e.param}: ${e.message}`);
		throw e;
	}
	query = { ...query, by: [], metrics: SLA_METRICS };
	const db = await appDatabase();
	const trend = await computeKpis(db, query);
	// Breakdowns cover the latest calendar quarter of the range (grain=quarter, clipped to
	// from/to): one quarter is enough tickets per group to compare, and still recent.
	const byPlan = await computeKpis(db, { ...query, grain: 'quarter', by: ['plan'] });
	const quarter = byPlan.rows.at(-1)?.period_start ?? null;
	const inQuarter = { ...query, grain: 'quarter' as const, from: quarter && (!query.from || query.from < quarter) ? quarter : query.from };
	const breakdowns = [];
	for (const dim of BREAKDOWNS) {
		const result = dim === 'plan' ? byPlan : await computeKpis(db, { ...inQuarter, by: [dim] });
		const keep = result.rows.map((r, i) => ({ row: r, sample: result.samples[i] })).filter(({ row }) => row.period_start === quarter);
		breakdowns.push({ dim, period: keep[0]?.row.period ?? null, rows: keep.map((k) => k.row), samples: keep.map((k) => k.sample) });
	}
	// FRT median in both flavours; SLA breaches are judged in business minutes either way.
	const frt = { ...query, metrics: ['frt_median_min'] };
	const [business, calendar] = [await computeKpis(db, { ...frt, hours: 'business' }), await computeKpis(db, { ...frt, hours: 'calendar' })];
	return {
		query,
		trend,
		quarter,
		breakdowns,
		hoursCompare: { business, calendar },
		options: await dimensionValues(db, query.asOf)
	};
};
