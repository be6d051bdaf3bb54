import { roleAtLeast, type Principal, type Role } from './roles';

/**
 * Who may call what: every page (by SvelteKit route id) and every API endpoint (by method and
 * Hono path) declares the least role it needs, or `public` (anyone, signed in or not), or
 * `signed-in` (any role). Anything not listed here is refused: a new route must be added, and
 * test/api/access.test.ts fails until it is.
 */
export type Access = Role | 'public' | 'signed-in';

export const PAGE_ACCESS: Record<string, Access> = {
	'/': 'viewer',
	'/review': 'viewer',
	'/sla': 'viewer',
	'/self-service': 'viewer',
	'/trends': 'viewer',
	'/cohorts': 'viewer',
	'/staffing': 'viewer',
	// Reading pilots is a viewer's; adding one (the page's form action) checks for analyst itself.
	'/pilots': 'viewer',
	'/pilots/[id]': 'viewer',
	// A KB query's page lists the searches and the tickets that followed them.
	'/self-service/query': 'analyst',
	'/tickets': 'analyst',
	'/imports': 'admin',
	'/admin/users': 'admin',
	'/admin/tokens': 'admin',
	'/admin/audit': 'admin',
	'/admin/deliveries': 'admin',
	'/account': 'signed-in',
	'/signin': 'public',
	'/signin/oidc': 'public',
	'/signin/oidc/callback': 'public',
	'/signout': 'signed-in',
	'/setup/[secret]': 'public',
	// The API decides per endpoint (API_ACCESS).
	'/api/[...path]': 'public'
};

/** Whether `principal` may do what `access` asks. */
export function mayAccess(principal: Principal | null, access: Access): boolean {
	if (access === 'public') return true;
	if (!principal) return false;
	return access === 'signed-in' || roleAtLeast(principal.role, access);
}

/**
 * Whether `principal` may open a link to one of the app's pages (a drill-through, say): pages
 * show a link only where it leads somewhere the reader may go. Links elsewhere (the API's CSV
 * downloads, which the API judges) count as allowed.
 */
export function mayOpen(principal: Principal | null, href: string): boolean {
	const path = new URL(href, 'http://deskpulse.invalid').pathname.replace(/\/$/, '') || '/';
	const access = PAGE_ACCESS[path];
	return access === undefined || mayAccess(principal, access);
}
