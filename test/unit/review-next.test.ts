import { describe, expect, it } from 'vitest';
import { outlookSentences } from '../../src/lib/server/metrics/review-next';
import type { ForecastResult, ForecastRow } from '../../src/lib/server/metrics/forecast';

// The weekly review's "Next" sentences from a forecast: the first complete week ahead (the
// current one is partly past), the backtest against its baseline, the peak need and the
// hiring trigger against the agents on hand.
const row = (week: string, forecast: number, agents: number): ForecastRow => ({
	series: '(all)',
	is_total: true,
	kind: 'forecast',
	week,
	week_start: '2026-11-16',
	tickets: null,
	forecast,
	lo_80: forecast - 100.4,
	hi_80: forecast + 100.6,
	lo_95: null,
	hi_95: null,
	horizon: 1,
	calendar_index: 1,
	seasonal_index: 1,
	agents_needed: agents
});

function forecast(staffing: Partial<NonNullable<ForecastResult['meta']['staffing']>> | null): ForecastResult {
	return {
		meta: {
			accuracy: [{ series: '(all)', is_total: true, mape: 0.0741, baseline_mape: 0.2523, beats_baseline: true, coverage_80: 0.8, coverage_95: 0.9, pairs: 260, alpha: 0.5, beta: 0, phi: 1, sigma: 1 }],
			staffing: staffing === null ? null : { current_agents: { value: 10.74, source: 'costs' }, peak: { week: '2026-W49', fte: 11.84 }, hiring_trigger: null, ...staffing }
		} as ForecastResult['meta'],
		rows: [row('2026-W47', 1200, 11.2), row('2026-W48', 1000.4, 11.4), row('2026-W49', 1300, 11.84)],
		hours: []
	};
}

describe("the weekly review's staffing outlook", () => {
	it('says what is expected, how well the method did, and that the need passes the agents on hand', () => {
		const sentences = outlookSentences(forecast({ hiring_trigger: { week: '2026-W47', fte: 11.2, current: 10.74 } }));
		expect(sentences).toEqual([
			'Tickets: 1,000 expected in 2026-W48 (80 % interval 900–1,101), 3,500 over the 3 weeks from 2026-W47.',
			'In the backtest the forecast missed by 7.4 % on average (better than the seasonal naive 25.2 %).',
			'Agents: the forecast needs 11.8 FTE at its peak (2026-W49) against 10.7 on hand (agent FTE of the imported costs).',
			'Hiring trigger: from 2026-W47 the need (11.2 FTE) passes the agents on hand.'
		]);
	});

	it('says when no trigger fires, and when there is nothing to staff or forecast', () => {
		expect(outlookSentences(forecast({}))[3]).toBe('No hiring trigger within 3 weeks.');
		expect(outlookSentences(forecast({ peak: null }))[2]).toBe('Agents: not computed; a channel has no handle time (see the staffing page).');
		const empty = { ...forecast(null), rows: [] };
		expect(outlookSentences(empty)).toEqual(['No forecast: no complete week of inbound tickets for these filters.']);
	});
});
