import type { LayoutServerLoad } from './$types';
import { authMode } from '$lib/server/auth/mode';

/** Who is signed in, for the header (name, role, sign-out) and for hiding what a role may not open. */
export const load: LayoutServerLoad = ({ locals }) => ({
	principal: locals.principal,
	singleUser: !authMode().required
});
