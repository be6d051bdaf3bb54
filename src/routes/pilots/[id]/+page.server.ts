import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { pilotView } from '$lib/server/views/pilots';
import { UserError } from '$lib/server/auth/users';
import { endPilotAudited, pilotResultFor } from '$lib/server/metrics/pilots';
import { mayAccess } from '$lib/access';

/** Who may end a pilot: as adding one, an analyst's (POST /api/v1/pilots/:id/end). */
const END_ACCESS = 'analyst';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const id = Number(params.id);
	if (!/^[0-9]{1,9}$/.test(params.id)) error(404, `no pilot ${params.id}`);
	try {
		const view = await pilotView(await appDatabase(), id, url.searchParams);
		const ended = view.result.meta.pilot.ends_at !== null && Date.parse(view.result.meta.pilot.ends_at) <= Date.now();
		return { ...view, result: pilotResultFor(locals.principal, view.result), mayEnd: !ended && mayAccess(locals.principal, END_ACCESS) };
	} catch (e) {
		if (e instanceof UserError) error(404, e.message);
		throw e;
	}
};

export const actions: Actions = {
	end: async ({ params, request, locals, getClientAddress }) => {
		if (!mayAccess(locals.principal, END_ACCESS)) return fail(403, { message: `ending a pilot needs the ${END_ACCESS} role` });
		const form = await request.formData();
		try {
			await endPilotAudited(await appDatabase(), { principal: locals.principal!, ip: getClientAddress() }, Number(params.id), String(form.get('end') ?? '').trim(), 'UTC');
		} catch (e) {
			if (e instanceof UserError) return fail(400, { message: e.message });
			throw e;
		}
		redirect(303, `/pilots/${params.id}`);
	}
};
