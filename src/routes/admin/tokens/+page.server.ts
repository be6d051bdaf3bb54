import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { listTokens } from '$lib/server/auth/tokens';
import { UserError } from '$lib/server/auth/users';
import { createTokenAudited, revokeTokenAudited } from '$lib/server/auth/manage';
import { ROLES } from '$lib/roles';

export const load: PageServerLoad = async () => ({ tokens: await listTokens(await appDatabase(), true), roles: [...ROLES] });

export const actions: Actions = {
	create: async ({ request, locals, getClientAddress }) => {
		const form = await request.formData();
		try {
			const token = await createTokenAudited(await appDatabase(), { principal: locals.principal!, ip: getClientAddress() }, {
				name: String(form.get('name') ?? ''),
				role: String(form.get('role') ?? '')
			});
			return { created: token };
		} catch (e) {
			if (e instanceof UserError) return fail(400, { message: e.message });
			throw e;
		}
	},
	revoke: async ({ request, locals, getClientAddress }) => {
		const form = await request.formData();
		try {
			const token = await revokeTokenAudited(await appDatabase(), { principal: locals.principal!, ip: getClientAddress() }, Number(form.get('token_id')));
			return { revoked: token.name };
		} catch (e) {
			if (e instanceof UserError) return fail(400, { message: e.message });
			throw e;
		}
	}
};
