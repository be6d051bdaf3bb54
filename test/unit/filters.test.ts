import { describe, expect, it } from 'vitest';
import { carriedQuery, FilterError, kpiQuerySearch, parseKpiQuery } from '../../src/lib/filters';
import { METRIC_IDS } from '../../src/lib/metric-catalog';

const now = new Date('2026-11-22T12:00:00Z');

function errorOf(params: Record<string, string>): FilterError {
	try {
		parseKpiQuery(params, now);
	} catch (e) {
		return e as FilterError;
	}
	throw new Error('expected a FilterError');
}

describe('parseKpiQuery', () => {
	it('fills the defaults', () => {
		expect(parseKpiQuery({}, now)).toEqual({
			grain: 'week',
			from: null,
			to: null,
			tz: 'UTC',
			hours: null,
			by: [],
			where: {},
			metrics: METRIC_IDS,
			asOf: '2026-11-22T12:00:00.000Z',
			// Savings take the observed avoided-ticket rate unless the query sets one.
			avoidedTicketRate: null
		});
	});

	it.each([
		[{ grain: 'year' }, 'grain'],
		[{ from: '2026-02-30' }, 'from'],
		[{ to: '03/01/2026' }, 'to'],
		[{ from: '2026-03-09', to: '2026-03-02' }, 'to'],
		[{ tz: 'Mars/Olympus' }, 'tz'],
		[{ hours: 'wall' }, 'hours'],
		[{ by: 'segment,colour' }, 'by'],
		[{ by: 'segment,plan,tier' }, 'by'],
		[{ by: 'plan,plan' }, 'by'],
		[{ where: 'colour=red' }, 'where'],
		[{ where: 'plan' }, 'where'],
		[{ metrics: 'tickets_created,nps_score' }, 'metrics'],
		[{ as_of: 'yesterday' }, 'as_of']
	])('names the bad parameter in %o', (params, param) => {
		expect(errorOf(params as Record<string, string>).param).toBe(param);
	});

	it('reads filters as where=DIM=VALUE and as plain DIM=VALUE, merging repeated values', () => {
		const q = parseKpiQuery(new URLSearchParams('where=plan=premium&plan=enterprise,premium&where=tier=T2&by=segment,plan'), now);
		expect(q.where).toEqual({ plan: ['premium', 'enterprise'], tier: ['T2'] });
		expect(q.by).toEqual(['segment', 'plan']);
		expect(kpiQuerySearch(q).toString()).toBe('by=segment%2Cplan&plan=premium%2Centerprise&tier=T2');
	});

	it('round-trips through the URL, leaving defaults out', () => {
		const q = parseKpiQuery({ grain: 'month', from: '2026-01-01', tz: 'Europe/Berlin', metrics: 'frt_median_min' }, now);
		const search = kpiQuerySearch(q);
		expect(search.toString()).toBe('grain=month&from=2026-01-01&tz=Europe%2FBerlin&metrics=frt_median_min');
		expect(parseKpiQuery(search, now)).toEqual(q);
	});
});

describe('carriedQuery', () => {
	it('carries the filters, zone, hours and as-of time to another page, and nothing of the page itself', () => {
		const search = new URLSearchParams('segment=scaled&plan=premium,enterprise&grain=month&metric=frt_median_min&tz=Europe/Berlin&hours=business&sort=created_at&group=Billing%5C,%20EMEA');
		// In DIMENSIONS order, then tz and hours; a value's escaped comma stays escaped.
		expect(carriedQuery(search)).toBe('?segment=scaled&plan=premium%2Centerprise&group=Billing%5C%2C+EMEA&tz=Europe%2FBerlin&hours=business');
		expect(carriedQuery(new URLSearchParams('grain=week&sort=created_at'))).toBe('');
	});
});
