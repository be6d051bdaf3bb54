import type { PageServerLoad } from './$types';
import { pageQuery } from '$lib/server/page-query';
import { appDatabase } from '$lib/server/app-db';
import { computeOverview } from '$lib/server/metrics/overview';
import { parseKpiQuery } from '$lib/filters';

export const load: PageServerLoad = async ({ url }) => {
	const query = pageQuery(() => parseKpiQuery(url.searchParams));
	return computeOverview(await appDatabase(), query);
};
