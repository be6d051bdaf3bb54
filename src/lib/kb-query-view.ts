import { carriedQuery } from './filters';

/**
 * Links and cell text of the KB query page (/self-service/query): every link is built from
 * the page's own URL, so the window, the filters, the zone and as_of travel with it.
 */

/** The lists of a query group the page shows, each with its CSV. */
export type KbQueryListName = 'variants' | 'searches' | 'tickets';

/** The parameters a list's rows depend on: the page's, without its paging. */
function groupSearch(page: URLSearchParams): URLSearchParams {
	const search = new URLSearchParams(page);
	for (const name of ['limit', 'searches_offset', 'tickets_offset', 'list', 'format']) search.delete(name);
	return search;
}

/** The CSV of one whole list (GET /api/v1/kb-gaps/query?list=...&format=csv), whatever page the screen shows. */
export function kbQueryCsvHref(page: URLSearchParams, list: KbQueryListName): string {
	const search = groupSearch(page);
	search.set('list', list);
	search.set('format', 'csv');
	return `/api/v1/kb-gaps/query?${search}`;
}

/** The page itself at another offset of the searches or tickets list (0 drops the parameter). */
export function kbQueryPageHref(page: URLSearchParams, list: 'searches' | 'tickets', offset: number): string {
	const search = new URLSearchParams(page);
	if (offset > 0) search.set(`${list}_offset`, String(offset));
	else search.delete(`${list}_offset`);
	return `/self-service/query?${search}`;
}

/**
 * One ticket in the ticket list (/tickets?ticket=...): its id and source, with the page's
 * zone and as_of; not the search filters, which a ticket need not share.
 */
export function kbTicketHref(page: URLSearchParams, ticket: { ticket_id: string; source: string }): string {
	const search = new URLSearchParams();
	search.set('ticket', ticket.ticket_id);
	search.set('source', ticket.source);
	for (const name of ['tz', 'as_of']) {
		const value = page.get(name);
		if (value) search.set(name, value);
	}
	return `/tickets?${search}`;
}

/** Back to the KB gap table with the page's filters, zone and as_of (carriedQuery). */
export function kbGapsBackHref(page: URLSearchParams): string {
	return `/self-service${carriedQuery(page)}`;
}

export { localTime } from './format';
