/** The theme colours an axis is drawn in (every chart's colours include these). */
export interface AxisColors {
	muted: string;
	grid: string;
}

/**
 * How every chart's axes look: muted labels and names, grid-coloured axis and split lines.
 * Spread into an axis and override what differs (`splitLine: { show: false }`).
 */
export function axisStyle(colors: AxisColors) {
	return {
		axisLabel: { color: colors.muted },
		axisLine: { lineStyle: { color: colors.grid } },
		nameTextStyle: { color: colors.muted },
		splitLine: { lineStyle: { color: colors.grid } }
	};
}

/**
 * What every chart shares: no animation (the page redraws on every filter change), the ARIA
 * description, the series palette, text in the theme's colour, the legend on top and an
 * axis tooltip. Spread into an option and override what differs (the heatmap's tooltip).
 */
export function chartFrame(colors: { text: string }, palette: string[]) {
	return {
		animation: false,
		aria: { enabled: true },
		color: palette,
		textStyle: { color: colors.text },
		legend: { top: 0, textStyle: { color: colors.text } },
		tooltip: { trigger: 'axis' }
	};
}

/** A rate in [0, 1] as a percentage with one decimal, for plotting; null when not a number. */
export const percent = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 1000) / 10 : null);
