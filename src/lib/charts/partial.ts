import type { EChartsCoreOption } from 'echarts/core';

/**
 * How a time-series chart draws periods whose numbers are not whole (src/lib/periods.ts): a
 * partial bar is hatched, a line runs dashed into a partial point and the point is hollow.
 * A quarter one week old must never look like a full bar, nor a line's last point like a fall.
 */

/** The legend note of a chart with incomplete periods, also said in its table's caption. */
export const PARTIAL_NOTE = 'Hatched bars, dashed lines and hollow points: period not complete (so far, or only partly inside the dates chosen).';

/** Diagonal stripes over the bar's own colour. */
export const HATCH_DECAL = { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 4], rotation: -Math.PI / 4, color: 'rgba(255, 255, 255, 0.6)' };

type Value = number | null;
type Series = { type?: string; name?: string; data?: unknown[]; yAxisIndex?: number; [key: string]: unknown };

/**
 * Marks the periods flagged in `incomplete` (parallel to the category axis) in every bar and
 * line series of `option`: bars get the hatch on those data items; each line keeps its values
 * and points (its tooltip, clicks and series index are unchanged) but draws no line of its
 * own, and two silent companions of the same name and colour draw it: solid between complete
 * periods, dashed into and between incomplete ones. Same-named series share one legend entry.
 */
export function markIncompletePeriods(option: EChartsCoreOption, incomplete: boolean[]): EChartsCoreOption {
	if (!incomplete.some(Boolean)) return option;
	const series = (option.series ?? []) as Series[];
	const palette = (option.color ?? []) as string[];
	const companions: Series[] = [];
	const marked = series.map((s, i) => {
		const data = (s.data ?? []) as Value[];
		if (s.type === 'bar') {
			return { ...s, data: data.map((v, j) => (incomplete[j] && v !== null ? { value: v, itemStyle: { decal: HATCH_DECAL, opacity: 0.75 } } : v)) };
		}
		if (s.type !== 'line') return s;
		const color = palette.length ? palette[i % palette.length] : undefined;
		const solid = data.map((v, j) => (incomplete[j] ? null : v));
		// The dashed part starts at the complete point before an incomplete one, so the line is unbroken.
		const dashed = data.map((v, j) => (incomplete[j] || incomplete[j + 1] ? v : null));
		const line = { type: 'line', name: s.name, yAxisIndex: s.yAxisIndex, color, symbol: 'none', silent: true, tooltip: { show: false }, connectNulls: false, z: 1 };
		companions.push({ ...line, data: solid }, { ...line, data: dashed, lineStyle: { type: 'dashed' } });
		return {
			...s,
			color,
			// Complete points filled, incomplete ones hollow.
			symbol: s.symbol ?? 'circle',
			lineStyle: { ...(s.lineStyle as object), opacity: 0 },
			z: 2,
			data: data.map((v, j) => (incomplete[j] && v !== null ? { value: v, symbol: 'emptyCircle', symbolSize: 8 } : v))
		};
	});
	const legend = option.legend as Record<string, unknown> | undefined;
	return {
		...option,
		// The legend draws a line series' icon from its first series, whose own line is hidden.
		legend: legend ? { ...legend, lineStyle: { opacity: 1 } } : legend,
		series: [...marked, ...companions]
	};
}
