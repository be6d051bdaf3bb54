import type { PageServerLoad } from './$types';
import { pageQuery } from '$lib/server/page-query';
import { appDatabase } from '$lib/server/app-db';
import { computeKbQuery, parseKbQueryQuery } from '$lib/server/metrics/kb-query';
import { dimensionValues } from '$lib/server/metrics/dimension-values';
import { parseKpiQuery } from '$lib/filters';

/** One KB gap row's query group: the same query parameters as GET /api/v1/kb-gaps/query. */
export const load: PageServerLoad = async ({ url }) => {
	const query = pageQuery(() => parseKpiQuery(url.searchParams));
	const groupQuery = pageQuery(() => parseKbQueryQuery(url.searchParams, query));
	const db = await appDatabase();
	const result = await computeKbQuery(db, groupQuery);
	const options = await dimensionValues(db, query.asOf);
	return { query, result, options: { segment: options.segment, plan: options.plan } };
};
