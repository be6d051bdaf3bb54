import type { PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { reviewView } from '$lib/server/views/review';

export const load: PageServerLoad = async ({ url }) => reviewView(await appDatabase(), url.searchParams);
