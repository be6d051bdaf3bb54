import type { PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { selfServiceView } from '$lib/server/views/self-service';

export const load: PageServerLoad = async ({ url }) => selfServiceView(await appDatabase(), url.searchParams);
