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
