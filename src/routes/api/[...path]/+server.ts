import type { RequestHandler } from './$types';
import { createApi } from '$lib/server/api';
import { appDatabase } from '$lib/server/app-db';

const api = createApi({ db: appDatabase });

// The caller was resolved in hooks.server.ts; each endpoint's access is checked in the API.
const forward: RequestHandler = ({ request, locals, getClientAddress }) => api.fetch(request, { principal: locals.principal, ip: getClientAddress() });

export const GET = forward;
export const POST = forward;
