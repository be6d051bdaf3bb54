import type { PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { ticketsView } from '$lib/server/views/tickets';

export const load: PageServerLoad = async ({ url }) => ticketsView(await appDatabase(), url.searchParams);
