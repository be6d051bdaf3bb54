import type { PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { cohortsView } from '$lib/server/views/cohorts';

export const load: PageServerLoad = async ({ url }) => cohortsView(await appDatabase(), url.searchParams);
