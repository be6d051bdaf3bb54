import type { Database } from '../db/database';
import { pageQuery } from '../page-query';
import { computeSlaReport } from '../metrics/sla-report';
import { parseKpiQuery } from '../../filters';

/** The SLA page for its URL's query. */
export function slaView(db: Database, search: URLSearchParams) {
	const query = pageQuery(() => parseKpiQuery(search));
	return computeSlaReport(db, query);
}
