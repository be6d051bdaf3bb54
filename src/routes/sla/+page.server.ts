import type { PageServerLoad } from './$types';
import { pageQuery } from '$lib/server/page-query';
import { appDatabase } from '$lib/server/app-db';
import { computeSlaReport } from '$lib/server/metrics/sla-report';
import { parseKpiQuery } from '$lib/filters';

export const load: PageServerLoad = async ({ url }) => {
	const query = pageQuery(() => parseKpiQuery(url.searchParams));
	return computeSlaReport(await appDatabase(), query);
};
