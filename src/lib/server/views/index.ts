import { inBackground, type Database } from '../db/database';
import { cohortsView } from './cohorts';
import { importsView } from './imports';
import { overviewView } from './overview';
import { reviewView } from './review';
import { selfServiceView } from './self-service';
import { slaView } from './sla';
import { staffingView } from './staffing';
import { pilotsView } from './pilots';
import { ticketsView } from './tickets';
import { trendsView } from './trends';

/**
 * What each dashboard page shows for its URL's query: the page's server load returns it,
 * and the warm-up computes the default views with the very same function, so what it
 * leaves in the result cache is what the page asks for.
 */
export const PAGE_VIEWS = {
	'/': overviewView,
	'/review': reviewView,
	'/sla': slaView,
	'/trends': trendsView,
	'/cohorts': cohortsView,
	'/self-service': selfServiceView,
	'/staffing': staffingView,
	'/pilots': pilotsView,
	'/tickets': ticketsView,
	'/imports': importsView
} as const;

/**
 * Computes every page's default view (no filters, as of this minute) as background work
 * (`inBackground`: one query at a time, only while no request waits), so people's requests
 * go first. The server does it when it starts, and after an import before the import
 * reports done: the first page opened after either is answered from the result cache, as a
 * reload is. Failures only go to the log: a view that fails here fails the same way when asked.
 */
export function warmDefaultViews(db: Database): Promise<void> {
	return inBackground(async () => {
		for (const [path, view] of Object.entries(PAGE_VIEWS)) {
			try {
				await view(db, new URLSearchParams());
			} catch (e) {
				console.error(`[deskpulse] computing the default view of ${path} failed:`, (e as Error).message);
			}
		}
	});
}
