import { describe, expect, it } from 'vitest';
import { gapQueryHref, gapsCsvHref, gapSearchesHref, itemsHref, rateLinesOption } from '../../src/lib/charts/self-service';
import { parseKpiQuery } from '../../src/lib/filters';

const colors = { text: '#000', muted: '#555', grid: '#ddd', series: ['#00a', '#0a0'] };
type Series = Array<{ name: string; type: string; data: Array<number | null> }>;
const AS_OF = '2026-11-16T00:00:00Z';

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

describe('self-service links', () => {
	it('lists the sessions of a cell, its period clipped to the range, with the page filters', () => {
		const q = parseKpiQuery(new URLSearchParams({ from: '2026-11-11', plan: 'premium', as_of: AS_OF }));
		const href = itemsHref(q, { kind: 'sessions', metric: 'deflection_rate', periodStart: '2026-11-09', grain: 'week', numerator: true, asOf: AS_OF });
		const url = new URL(href, 'http://x');
		expect(url.pathname).toBe('/api/v1/sessions');
		expect(Object.fromEntries(url.searchParams)).toMatchObject({
			metric: 'deflection_rate',
			from: '2026-11-11',
			to: '2026-11-16',
			plan: 'premium',
			numerator: 'true',
			as_of: AS_OF,
			format: 'csv'
		});
		expect(url.searchParams.has('grain')).toBe(false);
	});

	it('links a KB gap query to its searches in the window and its group, and the table to its CSV', () => {
		const window = { from: '2026-11-09', to: '2026-11-16', tz: 'UTC', as_of: AS_OF, filters: { plan: ['premium'] } };
		const url = new URL(gapSearchesHref(window, 'api rate limit', { dim: 'segment', value: 'blended' }), 'http://x');
		expect(url.pathname).toBe('/api/v1/searches');
		expect(Object.fromEntries(url.searchParams)).toMatchObject({
			query: 'api rate limit',
			from: '2026-11-09',
			to: '2026-11-16',
			plan: 'premium',
			segment: 'blended',
			as_of: AS_OF,
			format: 'csv'
		});
		expect(new URL(gapSearchesHref(window, 'x', { dim: 'segment', value: null }), 'http://x').searchParams.has('segment')).toBe(false);
		const csv = new URL(gapsCsvHref(window, 'plan', 10), 'http://x');
		expect(csv.pathname).toBe('/api/v1/kb-gaps');
		expect(Object.fromEntries(csv.searchParams)).toMatchObject({ per: 'plan', limit: '10', from: '2026-11-09', format: 'csv' });
	});

	it("opens a KB gap row's query group in the app, with the window, the filters and the row's segment", () => {
		const window = { from: '2026-11-09', to: '2026-11-16', tz: 'Europe/Berlin', as_of: AS_OF, filters: { plan: ['premium', 'Acme, Inc.'] } };
		const url = new URL(gapQueryHref(window, 'password reset', { dim: 'segment', value: 'blended' }), 'http://x');
		expect(url.pathname).toBe('/self-service/query');
		expect(Object.fromEntries(url.searchParams)).toEqual({
			key: 'password reset',
			from: '2026-11-09',
			to: '2026-11-16',
			tz: 'Europe/Berlin',
			// A comma inside a value is escaped, as the filter bar writes it.
			plan: 'premium,Acme\\, Inc.',
			segment: 'blended',
			as_of: AS_OF
		});
		expect(new URL(gapQueryHref({ ...window, tz: 'UTC' }, 'x', { dim: 'segment', value: null }), 'http://x').searchParams.has('segment')).toBe(false);
	});
});
