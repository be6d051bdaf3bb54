import type { RequestHandler } from './$types';
import { createApi } from '$lib/server/api';
import { appDatabase } from '$lib/server/app-db';

const api = createApi({ db: appDatabase });

const forward: RequestHandler = ({ request }) => api.fetch(request);

export const GET = forward;
export const POST = forward;
