import { PAGE_ACCESS, type Access } from '../../access';

export { PAGE_ACCESS, type Access };

/** Every API endpoint by method and Hono path: the least role it needs (see PAGE_ACCESS for the rules). */
export const API_ACCESS: Record<string, Access> = {
	'GET /api/v1/health': 'public',
	// Answers only whether the caller holds the server's owner secret (db/owner.ts).
	'GET /api/v1/owner-check': 'public',
	'GET /api/v1/session': 'signed-in',
	'GET /api/v1/metrics': 'viewer',
	'GET /api/v1/kpis': 'viewer',
	'GET /api/v1/survival': 'viewer',
	'GET /api/v1/customer-age': 'viewer',
	'GET /api/v1/flags': 'viewer',
	'GET /api/v1/forecast': 'viewer',
	'GET /api/v1/anomalies': 'viewer',
	'GET /api/v1/pilots': 'viewer',
	'GET /api/v1/pilots/:id': 'viewer',
	'GET /api/v1/review': 'viewer',
	'GET /api/v1/kb-gaps': 'viewer',
	// Failing checks name the tickets they found.
	'GET /api/v1/checks': 'analyst',
	'GET /api/v1/:kind{tickets|sessions|searches}': 'analyst',
	'GET /api/v1/reconcile': 'analyst',
	'GET /api/v1/kb-gaps/query': 'analyst',
	'POST /api/v1/pilots': 'analyst',
	'POST /api/v1/pilots/:id/end': 'analyst',
	'GET /api/v1/imports': 'admin',
	'GET /api/v1/imports/:id': 'admin',
	'GET /api/v1/imports/:id/rejects.csv': 'admin',
	'GET /api/v1/imports/:id/adjustments.csv': 'admin',
	'POST /api/v1/imports': 'admin',
	'POST /api/v1/erasures': 'admin',
	'GET /api/v1/users': 'admin',
	'POST /api/v1/users': 'admin',
	'POST /api/v1/users/:email/role': 'admin',
	'POST /api/v1/users/:email/remove': 'admin',
	'POST /api/v1/users/:email/link': 'admin',
	'GET /api/v1/tokens': 'admin',
	'POST /api/v1/tokens': 'admin',
	'POST /api/v1/tokens/:id/revoke': 'admin',
	'GET /api/v1/audit': 'admin',
	// Digests and alerts send the team's numbers to addresses outside deskpulse's sign-in.
	'GET /api/v1/digests': 'admin',
	'POST /api/v1/digests': 'admin',
	'POST /api/v1/digests/send': 'admin',
	'POST /api/v1/digests/:id/test': 'admin',
	'POST /api/v1/digests/:id/remove': 'admin',
	'GET /api/v1/alerts': 'admin',
	'POST /api/v1/alerts': 'admin',
	'POST /api/v1/alerts/check': 'admin',
	'POST /api/v1/alerts/:id/mute': 'admin',
	'POST /api/v1/alerts/:id/unmute': 'admin',
	'POST /api/v1/alerts/:id/test': 'admin',
	'POST /api/v1/alerts/:id/remove': 'admin',
	'GET /api/v1/deliveries': 'admin',
	'POST /api/v1/deliveries/:id/retry': 'admin'
};

/** A Hono path as a regular expression: `:name` one segment, `:name{a|b}` one of those. */
function pathPattern(path: string): RegExp {
	const source = path
		.split('/')
		.map((part) => {
			const param = /^:[A-Za-z_]+(?:\{(.+)\})?$/.exec(part);
			if (!param) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			return param[1] ? `(?:${param[1]})` : '[^/]+';
		})
		.join('/');
	return new RegExp(`^${source}$`);
}

const API_PATTERNS = Object.entries(API_ACCESS).map(([key, access]) => {
	const [method, path] = key.split(' ');
	return { method, pattern: pathPattern(path), access };
});

/** The access an API request needs, or null when no endpoint is declared for it. */
export function apiAccess(method: string, pathname: string): Access | null {
	const m = method === 'HEAD' ? 'GET' : method;
	return API_PATTERNS.find((e) => e.method === m && e.pattern.test(pathname))?.access ?? null;
}
