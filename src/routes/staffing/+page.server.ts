import type { PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { staffingView } from '$lib/server/views/staffing';

export const load: PageServerLoad = async ({ url }) => staffingView(await appDatabase(), url.searchParams);
