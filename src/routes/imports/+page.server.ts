import type { PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { importsView } from '$lib/server/views/imports';

export const load: PageServerLoad = async ({ url }) => importsView(await appDatabase(), url.searchParams);
