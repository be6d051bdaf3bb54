import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { pageQuery } from '../page-query';
import { dimensionValues } from '../metrics/dimension-values';
import { computePilot, findPilot, listPilotSummaries } from '../metrics/pilots';
import { parseKpiQuery } from '../../filters';
import { cachedResult } from '../metrics/result-cache';

/** The pilots page: every pilot with its verdict, and what the new-pilot form offers. */
export async function pilotsView(db: Database, search: URLSearchParams) {
	const query = pageQuery(() => parseKpiQuery(search));
	const [pilots, options, categories] = await Promise.all([
		listPilotSummaries(db, query),
		dimensionValues(db, query.asOf),
		cachedResult(db, 'pilot-categories', null, async () => (await db.query(sqlText('pilots/categories'), {})).map((r) => String(r.category)))
	]);
	return { query, pilots, options: { ...options, category: categories } };
}

/** One pilot's page: its result as of the URL's `as_of`, in its zone and hours. */
export async function pilotView(db: Database, id: number, search: URLSearchParams) {
	const query = pageQuery(() => parseKpiQuery(search));
	const result = await computePilot(db, await findPilot(db, id), query);
	return { query, result };
}
