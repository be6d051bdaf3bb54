import { describe, expect, it } from 'vitest';
import { rateLinesOption } from '../../src/lib/charts/self-service';

const colors = { text: '#000', muted: '#555', grid: '#ddd', series: ['#00a', '#0a0'] };
type Series = Array<{ name: string; type: string; data: Array<number | null> }>;

describe('self-service chart options', () => {
	it('plots the chosen rates per period in percent, nulls as gaps', () => {
		const option = rateLinesOption(
			[
				{ period: '2026-W45', deflection_rate: 0.7725, bot_containment_rate: 0.5 },
				{ period: '2026-W46', deflection_rate: null, bot_containment_rate: 0.0312 }
			],
			[
				{ metric: 'deflection_rate', label: 'Deflection rate' },
				{ metric: 'bot_containment_rate', label: 'Bot containment' }
			],
			colors
		) as { xAxis: { data: string[] }; yAxis: { max: number }; series: Series };
		expect(option.xAxis.data).toEqual(['2026-W45', '2026-W46']);
		expect(option.yAxis.max).toBe(100);
		expect(option.series.map((s) => s.name)).toEqual(['Deflection rate (%)', 'Bot containment (%)']);
		expect(option.series.map((s) => s.data)).toEqual([
			[77.3, null],
			[50, 3.1]
		]);
	});
});
