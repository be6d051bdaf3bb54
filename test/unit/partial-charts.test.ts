import { describe, expect, it } from 'vitest';
import { kpiTrendOption } from '../../src/lib/charts/kpi-trend';
import { slaTrendOption } from '../../src/lib/charts/sla';
import { HATCH_DECAL } from '../../src/lib/charts/partial';
import { sparklineSvg } from '../../src/lib/charts/sparkline';

const colors = { text: '#000', muted: '#555', grid: '#ddd', volume: '#00f', speed: '#f80' };
type Series = { name: string; type: string; data: unknown[]; lineStyle?: { type?: string; opacity?: number }; silent?: boolean; color?: string };

describe('incomplete periods in the charts', () => {
	const points = [
		{ period: '2026-W45', tickets_created: 40, frt_median_min: 60 },
		{ period: '2026-W46', tickets_created: 50, frt_median_min: 90 },
		{ period: '2026-W47', tickets_created: 12, frt_median_min: 30 }
	];

	it('leaves a chart of complete periods as it was', () => {
		const option = kpiTrendOption(points, colors, 'business', [false, false, false]) as { series: Series[] };
		expect(option.series.map((s) => s.data)).toEqual([
			[40, 50, 12],
			[1, 1.5, 0.5]
		]);
	});

	it('hatches the bar of the week under way and draws the line into it dashed, with a hollow point', () => {
		const option = kpiTrendOption(points, colors, 'business', [false, false, true]) as { series: Series[] };
		const [bars, frt, solid, dashed] = option.series;
		expect(bars.data).toEqual([40, 50, { value: 12, itemStyle: { decal: HATCH_DECAL, opacity: 0.75 } }]);
		// The FRT series keeps every value (tooltip and clicks) but draws no line of its own.
		expect(frt.data).toEqual([1, 1.5, { value: 0.5, symbol: 'emptyCircle', symbolSize: 8 }]);
		expect(frt.lineStyle?.opacity).toBe(0);
		// Its companions: solid through the complete weeks, dashed from W46 into W47.
		expect(solid).toMatchObject({ name: 'FRT median (h)', type: 'line', silent: true, color: '#f80', data: [1, 1.5, null] });
		expect(dashed).toMatchObject({ name: 'FRT median (h)', lineStyle: { type: 'dashed' }, color: '#f80', data: [null, 1.5, 0.5] });
		expect(option.series).toHaveLength(4);
	});

	it('draws the SLA achievement target and the breach limit on the SLA trend', () => {
		const option = slaTrendOption(
			[{ period: '2026-11', sla_achievement_rate: 0.9, sla_frt_breach_rate: 0.06, sla_resolution_breach_rate: 0.04 }],
			{ text: '#000', muted: '#555', grid: '#ddd', series: ['#0a0', '#f80', '#a00'] }
		) as { series: Array<{ markLine?: { data: Array<{ yAxis: number }> } }> };
		expect(option.series[0].markLine?.data).toEqual([{ yAxis: 95 }]);
		expect(option.series[1].markLine?.data).toEqual([{ yAxis: 5 }]);
	});

	it('draws a sparkline whose last week is under way dashed into a hollow point, with its target line', () => {
		const svg = sparklineSvg([0.9, 0.8, 1], 'SLA achievement', 120, 28, { target: 0.95, lastIncomplete: true });
		// Scale 0.8..1 over y 26..2: the target 0.95 sits at y = 26 - 0.75 * 24 = 8.
		expect(svg).toContain('<line x1="2" x2="118" y1="8.0" y2="8.0"');
		expect(svg).toContain('<polyline points="60.0,26.0 118.0,2.0" fill="none" stroke="currentColor" stroke-width="1.5" stroke-dasharray="3 2" data-incomplete="true"/>');
		expect(svg).toContain('<circle cx="118.0" cy="2.0" r="2.5" fill="none"');
	});
});
