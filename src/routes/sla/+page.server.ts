import type { PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { slaView } from '$lib/server/views/sla';

export const load: PageServerLoad = async ({ url }) => slaView(await appDatabase(), url.searchParams);
