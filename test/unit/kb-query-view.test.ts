import { describe, expect, it } from 'vitest';
import { kbGapsBackHref, kbQueryCsvHref, kbQueryPageHref, kbTicketHref, localTime } from '../../src/lib/kb-query-view';

const PAGE = new URLSearchParams({
	key: 'password reset',
	from: '2026-03-09',
	to: '2026-03-16',
	tz: 'Europe/Berlin',
	segment: 'scaled',
	as_of: '2026-03-16T00:00:00Z',
	searches_offset: '100'
});

describe('KB query page links', () => {
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

	it('writes an instant in the page zone with its name', () => {
		expect(localTime('2026-03-10T09:00:00.000Z', 'UTC')).toBe('2026-03-10 09:00 UTC');
		expect(localTime('2026-03-10T09:00:00.000Z', 'Europe/Berlin')).toBe('2026-03-10 10:00 GMT+1');
		expect(localTime('2026-07-10T23:30:00.000Z', 'America/New_York')).toBe('2026-07-10 19:30 EDT');
		expect(localTime(null, 'UTC')).toBe('–');
	});
});
