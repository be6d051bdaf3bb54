import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { pilotView } from '$lib/server/views/pilots';
import { UserError } from '$lib/server/auth/users';
import { CREATOR_ACCESS, withoutCreator } from '$lib/server/metrics/pilots';
import { mayAccess } from '$lib/access';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const id = Number(params.id);
	if (!/^[0-9]{1,9}$/.test(params.id)) error(404, `no pilot ${params.id}`);
	try {
		const view = await pilotView(await appDatabase(), id, url.searchParams);
		if (mayAccess(locals.principal, CREATOR_ACCESS)) return view;
		return { ...view, result: { ...view.result, meta: { ...view.result.meta, pilot: withoutCreator(view.result.meta.pilot) } } };
	} catch (e) {
		if (e instanceof UserError) error(404, e.message);
		throw e;
	}
};
