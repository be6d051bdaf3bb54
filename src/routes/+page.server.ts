import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { computeKpis } from '$lib/server/metrics/kpis';
import { dimensionValues } from '$lib/server/metrics/dimension-values';
import { FilterError, parseKpiQuery } from '$lib/filters';

const OVERVIEW_METRICS = ['tickets_created', 'frt_median_min'];

export const load: PageServerLoad = async ({ url }) => {
	let query;
	try {
		query = parseKpiQuery(url.searchParams);
	} catch (e) {
		if (e instanceof FilterError) error(400, `${e.param}: ${e.message}`);
		throw e;
	}
	query = { ...query, metrics: OVERVIEW_METRICS };
	const db = await appDatabase();
	const kpis = await computeKpis(db, query);
	return { query, kpis, options: await dimensionValues(db, query.asOf) };
};
