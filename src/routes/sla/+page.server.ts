import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { computeSlaReport } from '$lib/server/metrics/sla-report';
import { FilterError, parseKpiQuery } from '$lib/filters';

export const load: PageServerLoad = async ({ url }) => {
	let query;
	try {
		query = parseKpiQuery(url.searchParams);
	} catch (e) {
		if (e instanceof FilterError) error(400, `${e.param}: ${e.message}`);
		throw e;
	}
	return computeSlaReport(await appDatabase(), query);
};
