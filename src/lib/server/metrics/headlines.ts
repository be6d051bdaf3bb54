import { metricInfo, type MetricUnit } from '../../metric-catalog';
import { maturity, type Maturity } from '../../maturity';
import type { KpiResult } from './kpis';

/** One headline KPI: its value in a period, in the period before, and the periods behind it. */
export interface HeadlineCard {
	id: string;
	label: string;
	unit: MetricUnit;
	value: number | null;
	previous: number | null;
	/** A rise is bad news (FRT, cost per ticket): the metric's direction is `down`. */
	lowerIsBetter: boolean;
	/** A change is news, neither good nor bad (ticket volume): the metric's direction is `neutral`. */
	neutral: boolean;
	/** The value at each period of the trend, oldest first, null where the result has none. */
	trend: Array<number | null>;
	lowSample: boolean;
	/** The value rests on the domain's default per-contact costs, not imported ones. */
	estimated: boolean;
	/** The items behind the value (e.g. the deflected sessions savings valued), when counted. */
	n?: number;
	/** The figures the value rests on, where it states an assumption (self_service_savings). */
	basis?: Record<string, number>;
	/** Set when the value is still maturing (many outcomes undecided at as_of): no change is news yet. */
	maturity?: Maturity;
}

/**
 * The headline cards of `ids` from an ungrouped result: each metric's value in the period
 * starting `current`, in the one starting `previous`, and in each of `trendStarts`. The
 * overview's cards and the weekly review's headlines are both built here, so they read a
 * result alike, and judge each metric's change by its catalog direction. Durations name their hours flavour in the label.
 */
export function headlineCards(
	result: KpiResult,
	ids: string[],
	periods: { current: string; previous: string; trend: string[] }
): HeadlineCard[] {
	const at = (start: string) => result.rows.findIndex((r) => r.period_start === start);
	const valueAt = (i: number, id: string) => (i >= 0 ? ((result.rows[i][id] as number | null) ?? null) : null);
	const now = at(periods.current);
	const before = at(periods.previous);
	const trend = periods.trend.map(at);
	const maturityOf = (i: number, id: string) => {
		const m = i >= 0 ? maturity(id, result.samples[i].n[id], result.samples[i].undecided?.[id]) : null;
		return m ? { maturity: m } : {};
	};
	return ids.map((id) => {
		const info = metricInfo(id)!;
		return {
			id,
			label: info.hoursFlavoured ? `${info.label} (${result.meta.hours} hours)` : info.label,
			unit: info.unit,
			value: valueAt(now, id),
			previous: valueAt(before, id),
			lowerIsBetter: info.direction === 'down',
			neutral: info.direction === 'neutral',
			trend: trend.map((i) => valueAt(i, id)),
			lowSample: now >= 0 && result.samples[now].low_sample.includes(id),
			estimated: now >= 0 && result.samples[now].estimated.includes(id),
			...(now >= 0 && result.samples[now].n[id] !== undefined ? { n: result.samples[now].n[id] } : {}),
			...(now >= 0 && result.samples[now].basis?.[id] ? { basis: result.samples[now].basis![id] } : {}),
			...maturityOf(now, id)
		};
	});
}
