import type { PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { trendsView } from '$lib/server/views/trends';

export const load: PageServerLoad = async ({ url }) => trendsView(await appDatabase(), url.searchParams);
