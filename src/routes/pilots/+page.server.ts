import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { pilotsView } from '$lib/server/views/pilots';
import { addPilotAudited, parsePilotInput, pilotFor } from '$lib/server/metrics/pilots';
import { UserError } from '$lib/server/auth/users';
import { isTimeZone } from '$lib/filters';
import { mayAccess } from '$lib/access';
import { PILOT_DIMENSIONS } from '$lib/pilots';

/** Who may add a pilot: the page is a viewer's, adding one is an analyst's (as POST /api/v1/pilots). */
const ADD_ACCESS = 'analyst';

export const load: PageServerLoad = async ({ url, locals }) => {
	const view = await pilotsView(await appDatabase(), url.searchParams);
	return { ...view, pilots: view.pilots.map((p) => pilotFor(locals.principal, p)), mayAdd: mayAccess(locals.principal, ADD_ACCESS) };
};

export const actions: Actions = {
	add: async ({ request, locals, getClientAddress }) => {
		if (!mayAccess(locals.principal, ADD_ACCESS)) return fail(403, { message: `adding a pilot needs the ${ADD_ACCESS} role` });
		const form = await request.formData();
		const field = (name: string) => String(form.get(name) ?? '').trim();
		const group = (prefix: string) => Object.fromEntries(PILOT_DIMENSIONS.map((d) => [d, field(`${prefix}_${d}`)]).filter(([, v]) => v !== ''));
		const tz = isTimeZone(field('tz')) ? field('tz') : 'UTC';
		let id: number;
		try {
			const input = parsePilotInput(
				{
					name: field('name'),
					start: field('start'),
					end: field('end'),
					treated: group('treated'),
					control: group('control'),
					metric: field('metric'),
					min_effect: field('min_effect'),
					csat_tolerance: field('csat_tolerance')
				},
				tz
			);
			id = (await addPilotAudited(await appDatabase(), { principal: locals.principal!, ip: getClientAddress() }, input)).pilot_id;
		} catch (e) {
			if (e instanceof UserError) return fail(400, { message: e.message, values: Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])) });
			throw e;
		}
		redirect(303, `/pilots/${id}${tz === 'UTC' ? '' : `?tz=${encodeURIComponent(tz)}`}`);
	}
};
