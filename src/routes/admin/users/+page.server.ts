import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { listUsers, findUser, UserError } from '$lib/server/auth/users';
import { addUserAudited, linkUrl, newLinkAudited, removeUserAudited, setRoleAudited, type Actor } from '$lib/server/auth/manage';
import { ROLES } from '$lib/roles';

export const load: PageServerLoad = async () => ({ users: await listUsers(await appDatabase()), roles: [...ROLES] });

function actor(locals: App.Locals, ip: string): Actor {
	return { principal: locals.principal!, ip };
}

/** Runs a user change; a refusal (the last admin, an unknown email) is shown on the form. */
async function change(work: () => Promise<Record<string, unknown>>) {
	try {
		return await work();
	} catch (e) {
		if (e instanceof UserError) return fail(400, { message: e.message });
		throw e;
	}
}

export const actions: Actions = {
	add: async ({ request, locals, url, getClientAddress }) => {
		const form = await request.formData();
		return change(async () => {
			const added = await addUserAudited(await appDatabase(), actor(locals, getClientAddress()), { email: String(form.get('email') ?? ''), role: String(form.get('role') ?? '') });
			return { email: added.user.email, link: linkUrl(added.linkSecret!, url.origin) };
		});
	},
	role: async ({ request, locals, getClientAddress }) => {
		const form = await request.formData();
		return change(async () => {
			const user = await setRoleAudited(await appDatabase(), actor(locals, getClientAddress()), String(form.get('email') ?? ''), String(form.get('role') ?? ''));
			return { done: `${user.email} is now ${user.role}; their sessions ended.` };
		});
	},
	remove: async ({ request, locals, getClientAddress }) => {
		const form = await request.formData();
		return change(async () => {
			const user = await removeUserAudited(await appDatabase(), actor(locals, getClientAddress()), String(form.get('email') ?? ''));
			return { done: `${user.email} was removed.` };
		});
	},
	link: async ({ request, locals, url, getClientAddress }) => {
		const form = await request.formData();
		return change(async () => {
			const db = await appDatabase();
			const user = await findUser(db, { email: String(form.get('email') ?? '') });
			if (!user) throw new UserError('no such user');
			return { email: user.email, link: linkUrl(await newLinkAudited(db, actor(locals, getClientAddress()), user), url.origin) };
		});
	}
};
