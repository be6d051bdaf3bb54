import { describe, expect, it } from 'vitest';
import {
	auditCsvHref,
	customerAgeCsvHref,
	gapQueryHref,
	gapsCsvHref,
	gapSearchesHref,
	importAdjustmentsCsvHref,
	importRejectsCsvHref,
	itemsHref,
	kbGapsBackHref,
	kbQueryCsvHref,
	kbQueryPageHref,
	kbTicketHref,
	kpisCsvHref,
	reviewDocumentHref,
	survivalCsvHref,
	ticketsCsvHref,
	ticketsHref,
	ticketsPageHref,
	trendsCsvHref,
	weekSlaMissesHref,
	weekTicketsParams
} from '../../src/lib/links';
import { parseKpiQuery } from '../../src/lib/filters';
import { UNIT_METRICS } from '../../src/lib/metric-catalog-overview';

const AS_OF = '2026-11-16T00:00:00Z';
/** as_of as parseKpiQuery normalises it. */
const AS_OF_ISO = '2026-11-16T00:00:00.000Z';
/** AS_OF_ISO in a query string. */
const AS_OF_Q = '2026-11-16T00%3A00%3A00.000Z';

describe('tickets links', () => {
	it('links a cell to its tickets with the filters, the group, the clipped period and the numerator', () => {
		const q = parseKpiQuery(new URLSearchParams('from=2026-10-15&tz=Europe/Berlin&segment=scaled&hours=calendar'));
		const href = ticketsHref(q, {
			metric: 'sla_frt_breach_rate',
			periodStart: '2026-10-01',
			grain: 'quarter',
			numerator: true,
			where: { plan: 'premium' },
			asOf: AS_OF_ISO
		});
		const url = new URL(href, 'http://x');
		expect(url.pathname).toBe('/tickets');
		const p = Object.fromEntries(url.searchParams);
		expect(p).toMatchObject({
			metric: 'sla_frt_breach_rate',
			from: '2026-10-15',
			to: '2027-01-01',
			tz: 'Europe/Berlin',
			hours: 'calendar',
			segment: 'scaled',
			plan: 'premium',
			numerator: 'true',
			as_of: AS_OF_ISO
		});
		expect(url.searchParams.has('metrics')).toBe(false);
		// The query's own from stays where the filters put it; the period's end follows.
		expect(href).toBe(
			`/tickets?from=2026-10-15&tz=Europe%2FBerlin&hours=calendar&segment=scaled&plan=premium&metric=sla_frt_breach_rate&to=2027-01-01&numerator=true&as_of=${AS_OF_Q}`
		);
	});

	it("opens a whole range's tickets, a group value's comma escaped as the filter bar writes it", () => {
		const q = { ...parseKpiQuery(new URLSearchParams({ as_of: AS_OF })), from: null, to: null };
		expect(ticketsHref(q, { metric: 'tickets_created', periodStart: null, grain: 'week', where: { org: 'A, B' }, asOf: AS_OF_ISO })).toBe(
			`/tickets?org=A%5C%2C+B&metric=tickets_created&as_of=${AS_OF_Q}`
		);
	});

	it("gives a review flag's week of tickets with the filters, and links drill parameters as they are", () => {
		const q = parseKpiQuery(new URLSearchParams({ tz: 'Europe/Berlin', plan: 'premium,enterprise', as_of: AS_OF }));
		const params = weekTicketsParams(q, '2026-11-09', 'frt_median_min', { sort: 'frt_minutes' });
		expect(params).toEqual({ metric: 'frt_median_min', grain: 'week', period_start: '2026-11-09', as_of: AS_OF_ISO, tz: 'Europe/Berlin', sort: 'frt_minutes', plan: 'premium,enterprise' });
		expect(ticketsPageHref(params)).toBe(
			`/tickets?metric=frt_median_min&grain=week&period_start=2026-11-09&as_of=${AS_OF_Q}&tz=Europe%2FBerlin&sort=frt_minutes&plan=premium%2Centerprise`
		);
	});

	it("opens a review week's SLA misses, all of them slowest first or one plan x priority cell's", () => {
		const week = { week_start: '2026-11-09', as_of: AS_OF, tz: 'UTC' };
		const base = 'metric=sla_achievement_rate&numerator=false&grain=week&period_start=2026-11-09&as_of=2026-11-16T00%3A00%3A00Z&tz=UTC';
		expect(weekSlaMissesHref(week)).toBe(`/tickets?${base}&sort=frt_minutes&order=desc`);
		expect(weekSlaMissesHref(week, { plan: 'premium', priority: 'P1' })).toBe(`/tickets?${base}&plan=premium&priority=P1`);
		// A cell of no plan names none (the list is not narrowed to "plan = null").
		expect(weekSlaMissesHref(week, { plan: null, priority: 'P2' })).toBe(`/tickets?${base}&priority=P2`);
	});

	it("downloads every ticket the list page names, whatever page of it it shows", () => {
		expect(ticketsCsvHref(new URLSearchParams('metric=csat_rate&offset=50&segment=scaled'))).toBe('/api/v1/tickets?metric=csat_rate&offset=50&segment=scaled&format=csv');
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

	it('lists the searches of a cell, without the grain and hours the list does not take', () => {
		const q = parseKpiQuery(new URLSearchParams({ grain: 'month', hours: 'calendar', segment: 'scaled', as_of: AS_OF }));
		expect(itemsHref(q, { kind: 'searches', metric: 'search_click_rate', periodStart: '2026-11-01', grain: 'month', asOf: AS_OF_ISO })).toBe(
			`/api/v1/searches?segment=scaled&metric=search_click_rate&from=2026-11-01&to=2026-12-01&as_of=${AS_OF_Q}&limit=1000&format=csv`
		);
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

	it("writes a KB gap row's links in one order: the row, the window, the filters, the group, as_of", () => {
		const window = { from: '2026-11-09', to: '2026-11-16', tz: 'Europe/Berlin', as_of: AS_OF_ISO, filters: { segment: ['scaled'], plan: ['premium', 'enterprise'] } };
		expect(gapSearchesHref(window, 'api rate', { dim: 'segment', value: 'blended' })).toBe(
			`/api/v1/searches?query=api+rate&from=2026-11-09&to=2026-11-16&tz=Europe%2FBerlin&segment=blended&plan=premium%2Centerprise&as_of=${AS_OF_Q}&limit=1000&format=csv`
		);
		expect(gapsCsvHref({ ...window, tz: 'UTC' }, 'plan', 10)).toBe(
			`/api/v1/kb-gaps?from=2026-11-09&to=2026-11-16&segment=scaled&plan=premium%2Centerprise&per=plan&limit=10&as_of=${AS_OF_Q}&format=csv`
		);
		// A filter value holding a comma stays one value, as the filter bar writes it.
		const acme = { ...window, tz: 'UTC', filters: { org: ['Acme, Inc.'] } };
		expect(new URL(gapSearchesHref(acme, 'x'), 'http://x').searchParams.get('org')).toBe('Acme\\, Inc.');
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
		// The row's group comes after the page's filters.
		expect(gapQueryHref({ ...window, tz: 'UTC', filters: { plan: ['premium'] } }, 'k', { dim: 'segment', value: 'blended' })).toBe(
			'/self-service/query?key=k&from=2026-11-09&to=2026-11-16&plan=premium&segment=blended&as_of=2026-11-16T00%3A00%3A00Z'
		);
	});
});

describe('KB query page links', () => {
	const PAGE = new URLSearchParams({
		key: 'password reset',
		from: '2026-03-09',
		to: '2026-03-16',
		tz: 'Europe/Berlin',
		segment: 'scaled',
		as_of: '2026-03-16T00:00:00Z',
		searches_offset: '100'
	});

	it("downloads a whole list with the page's window and filters, whatever page it shows", () => {
		const url = new URL(kbQueryCsvHref(PAGE, 'tickets'), 'http://x');
		expect(url.pathname).toBe('/api/v1/kb-gaps/query');
		expect(Object.fromEntries(url.searchParams)).toEqual({
			key: 'password reset',
			from: '2026-03-09',
			to: '2026-03-16',
			tz: 'Europe/Berlin',
			segment: 'scaled',
			as_of: '2026-03-16T00:00:00Z',
			list: 'tickets',
			format: 'csv'
		});
	});

	it('pages one list and keeps the other where it was', () => {
		const next = new URL(kbQueryPageHref(PAGE, 'tickets', 100), 'http://x').searchParams;
		expect([next.get('tickets_offset'), next.get('searches_offset'), next.get('key')]).toEqual(['100', '100', 'password reset']);
		expect(new URL(kbQueryPageHref(PAGE, 'searches', 0), 'http://x').searchParams.has('searches_offset')).toBe(false);
	});

	it('opens a ticket in the ticket list with the zone and as_of, not the search filters', () => {
		const url = new URL(kbTicketHref(PAGE, { ticket_id: 't1', source: 'generic' }), 'http://x');
		expect(url.pathname).toBe('/tickets');
		expect(Object.fromEntries(url.searchParams)).toEqual({ ticket: 't1', source: 'generic', tz: 'Europe/Berlin', as_of: '2026-03-16T00:00:00Z' });
	});

	it('goes back to the KB gap table with the filters, zone and as_of', () => {
		expect(kbGapsBackHref(PAGE)).toBe('/self-service?segment=scaled&tz=Europe%2FBerlin&as_of=2026-03-16T00%3A00%3A00Z');
	});
});

describe('report CSV links', () => {
	const q = { ...parseKpiQuery(new URLSearchParams({ plan: 'premium', as_of: AS_OF })), from: '2026-08-24', to: '2026-11-16', metrics: ['frt_median_min'] };

	it('asks the KPI API for the metric by the dimension, in the range, as of the page', () => {
		const url = new URL(kpisCsvHref({ ...q, by: ['segment'], metrics: ['frt_median_min'] }), 'http://x');
		expect(url.pathname).toBe('/api/v1/kpis');
		expect(Object.fromEntries(url.searchParams)).toEqual({
			from: '2026-08-24',
			to: '2026-11-16',
			plan: 'premium',
			by: 'segment',
			metrics: 'frt_median_min',
			as_of: AS_OF_ISO,
			format: 'csv'
		});
	});

	it('links the CSV of the unit-economics columns with the filters and as_of', () => {
		const month = parseKpiQuery(new URLSearchParams('grain=month&plan=premium&as_of=2026-11-16T00:00:00Z'));
		const url = new URL(kpisCsvHref({ ...month, metrics: UNIT_METRICS }), 'http://x');
		expect(url.pathname).toBe('/api/v1/kpis');
		expect(url.searchParams.get('metrics')).toBe(UNIT_METRICS.join(','));
		expect(url.searchParams.get('grain')).toBe('month');
		expect(url.searchParams.get('plan')).toBe('premium');
		expect(url.searchParams.get('as_of')).toBe(AS_OF_ISO);
		expect(url.searchParams.get('format')).toBe('csv');
	});

	it("names a table's metrics even when they are the default, and sets an extra flavour of hours in place", () => {
		const plain = parseKpiQuery(new URLSearchParams({ as_of: AS_OF }));
		expect(kpisCsvHref({ ...plain, metrics: ['tickets_created', 'frt_median_min'] })).toBe(`/api/v1/kpis?metrics=tickets_created%2Cfrt_median_min&as_of=${AS_OF_Q}&format=csv`);
		expect(kpisCsvHref({ ...plain, grain: 'quarter', by: ['plan'], metrics: ['sla_achievement_rate'] })).toBe(
			`/api/v1/kpis?grain=quarter&by=plan&metrics=sla_achievement_rate&as_of=${AS_OF_Q}&format=csv`
		);
		// Without hours in the query the flavour follows as_of; with them it replaces them where they stand.
		expect(kpisCsvHref({ ...plain, metrics: ['frt_median_min'] }, { hours: 'business' })).toBe(`/api/v1/kpis?metrics=frt_median_min&as_of=${AS_OF_Q}&hours=business&format=csv`);
		expect(kpisCsvHref({ ...plain, hours: 'calendar', metrics: ['frt_median_min'] }, { hours: 'business' })).toBe(`/api/v1/kpis?hours=business&metrics=frt_median_min&as_of=${AS_OF_Q}&format=csv`);
	});

	it('asks the survival API for the checkpoints', () => {
		const url = new URL(survivalCsvHref(q, [24, 72, 168]), 'http://x');
		expect(url.pathname).toBe('/api/v1/survival');
		expect(Object.fromEntries(url.searchParams)).toMatchObject({ points: '24,72,168', from: '2026-08-24', plan: 'premium', as_of: AS_OF_ISO, format: 'csv' });
		expect(url.searchParams.has('by')).toBe(false);
	});

	it("asks the customer-age API for the table's months, without the grouping", () => {
		expect(customerAgeCsvHref({ ...q, by: ['segment'] }, '2025-12-01', 11)).toBe(
			`/api/v1/customer-age?from=2026-08-24&to=2026-11-16&plan=premium&from_month=2025-12&max_age=11&as_of=${AS_OF_Q}&format=csv`
		);
	});

	it('writes the trends rows as a CSV data link, a formula-like cell escaped', () => {
		const href = trendsCsvHref([{ kind: 'category', value: '=x', week_count: 3, baseline_weekly: 1.5, baseline_count: 12, rise: 1.5, ratio: 2, z_score: 1.1, significant: false }]);
		expect(href.startsWith('data:text/csv;charset=utf-8,')).toBe(true);
		expect(decodeURIComponent(href.slice('data:text/csv;charset=utf-8,'.length))).toBe(
			"kind,value,week_count,baseline_weekly,baseline_count,rise,ratio,z_score,significant\r\ncategory,'=x,3,1.5,12,1.5,2,1.1,false\r\n"
		);
	});
});

describe('review, import and audit downloads', () => {
	it("downloads the review with the page's filters, its week and as_of", () => {
		const page = new URLSearchParams('plan=premium&week=2026-W40');
		expect(reviewDocumentHref(page, { week: '2026-W46', as_of: AS_OF }, 'md')).toBe('/api/v1/review?plan=premium&week=2026-W46&as_of=2026-11-16T00%3A00%3A00Z&format=md');
	});

	it("links an import run's adjusted values and rejected rows", () => {
		expect(importAdjustmentsCsvHref(7)).toBe('/api/v1/imports/7/adjustments.csv');
		expect(importRejectsCsvHref(7)).toBe('/api/v1/imports/7/rejects.csv');
	});

	it('downloads the newest audit entries, of one action when one is chosen', () => {
		expect(auditCsvHref(null)).toBe('/api/v1/audit?format=csv&limit=10000');
		expect(auditCsvHref('sign-in failed')).toBe('/api/v1/audit?format=csv&limit=10000&action=sign-in%20failed');
	});
});
