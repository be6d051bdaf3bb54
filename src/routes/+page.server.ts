import type { PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { overviewView } from '$lib/server/views/overview';

export const load: PageServerLoad = async ({ url }) => overviewView(await appDatabase(), url.searchParams);
