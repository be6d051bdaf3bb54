import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { pilotView } from '$lib/server/views/pilots';
import { UserError } from '$lib/server/auth/users';
import { pilotResultFor } from '$lib/server/metrics/pilots';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const id = Number(params.id);
	if (!/^[0-9]{1,9}$/.test(params.id)) error(404, `no pilot ${params.id}`);
	try {
		const view = await pilotView(await appDatabase(), id, url.searchParams);
		return { ...view, result: pilotResultFor(locals.principal, view.result) };
	} catch (e) {
		if (e instanceof UserError) error(404, e.message);
		throw e;
	}
};
