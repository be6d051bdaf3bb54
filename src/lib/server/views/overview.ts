import type { Database } from '../db/database';
import { pageQuery } from '../page-query';
import { computeOverview } from '../metrics/overview';
import { parseKpiQuery } from '../../filters';

/** The overview page (`/`) for its URL's query. */
export function overviewView(db: Database, search: URLSearchParams) {
	const query = pageQuery(() => parseKpiQuery(search));
	return computeOverview(db, query);
}
