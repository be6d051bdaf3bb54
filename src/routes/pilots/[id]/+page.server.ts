import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { pilotView } from '$lib/server/views/pilots';
import { UserError } from '$lib/server/auth/users';

export const load: PageServerLoad = async ({ params, url }) => {
	const id = Number(params.id);
	if (!/^[0-9]{1,9}$/.test(params.id)) error(404, `no pilot ${params.id}`);
	try {
		return await pilotView(await appDatabase(), id, url.searchParams);
	} catch (e) {
		if (e instanceof UserError) error(404, e.message);
		throw e;
	}
};
