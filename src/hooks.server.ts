import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/app-db';
import { claimOwnership } from '$lib/server/db/owner';
import { warmDefaultViews } from '$lib/server/views';
import { startDeliveryScheduler } from '$lib/server/delivery/scheduler';
import { guardConfig, hostAllowed, originAllowed, withSecurityHeaders } from '$lib/server/security/request-guard';
import { authMode } from '$lib/server/auth/mode';
import { resolvePrincipal } from '$lib/server/auth/principal';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { OWNER_HEADER } from '$lib/server/db/owner';
import { PAGE_ACCESS } from '$lib/server/auth/access';
import { mayAccess } from '$lib/access';
import { escapeHtml } from '$lib/html';
import { announceSetup } from '$lib/server/auth/setup';
import { viewerQueryProblem } from '$lib/server/auth/viewer-limits';
import { compressed } from '$lib/server/http/compression';

export const init: ServerInit = async () => {
	const db = await appDatabase();
	const host = process.env.HOST || '127.0.0.1';
	const port = process.env.PORT || '3000';
	claimOwnership(db.path, `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`);
	// adapter-node emits this after a SIGINT/SIGTERM once requests have drained: closing
	// checkpoints the write-ahead log into the database file.
	(process as NodeJS.EventEmitter).once('sveltekit:shutdown', () => void db.close());
	void warmDefaultViews(db);
	// Digests on their schedules, alert rules every hour; a period missed while the server was down is sent now.
	const scheduler = startDeliveryScheduler(db);
	(process as NodeJS.EventEmitter).once('sveltekit:shutdown', () => scheduler.stop());
	const mode = authMode();
	console.log(mode.required ? `deskpulse: sign-in required (${mode.reason})` : `deskpulse: single-user mode, not shared (${mode.reason}): every request acts as the local user`);
	if (mode.required) await announceSetup(db, process.env.DESKPULSE_PUBLIC_URL || `http://${host}:${port}`);
};

// A page error shows a short message; the database's own text stays in the server log.
export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error('[deskpulse]', error);
	return { message: status === 404 ? 'Not found' : 'Something went wrong on the server; its log has the details.' };
};

const guard = guardConfig();

/**
 * Every page and API request: refused before any route runs when it names another host
 * (DNS rebinding) or changes state from another site's page; every response carries the
 * security headers, and is gzipped when the client takes it (http/compression.ts).
 */
export const handle: Handle = async ({ event, resolve }) => {
	const host = event.request.headers.get('host');
	if (!hostAllowed(host, guard)) {
		return refuse(421, `This server does not answer to the host "${host ?? ''}": add it to DESKPULSE_ALLOWED_HOSTS to serve it.`);
	}
	if (!originAllowed(event.request.method, event.request.headers.get('origin'), host)) {
		return refuse(403, 'Cross-site request refused: a change must come from deskpulse\'s own pages, or from a client that sends no Origin (the CLI, scripts).');
	}
	const response = withSecurityHeaders(await authorized(event, resolve), guard);
	return compressed(event.request.headers.get('accept-encoding'), response);
};

/**
 * Who is calling (locals.principal), and whether the route lets them: a page declares its
 * access in PAGE_ACCESS (auth/access.ts), the API per endpoint. A route not declared there is
 * refused. Nobody signed in on a page goes to the sign-in page, which brings them back.
 */
async function authorized(event: Parameters<Handle>[0]['event'], resolve: Parameters<Handle>[0]['resolve']): Promise<Response> {
	const db = await appDatabase();
	event.locals.principal = await resolvePrincipal(db, {
		authorization: event.request.headers.get('authorization'),
		ownerSecret: event.request.headers.get(OWNER_HEADER),
		sessionCookie: event.cookies.get(SESSION_COOKIE) ?? null
	});
	const routeId = event.route.id;
	// No route: SvelteKit answers 404 (or serves a static asset).
	if (routeId === null) return resolve(event);
	const access = PAGE_ACCESS[routeId];
	if (access === undefined) return refuse(404, 'Not found');
	const principal = event.locals.principal;
	const overreach = viewerQueryProblem(principal, event.url.searchParams);
	if (mayAccess(principal, access) && !overreach) return resolve(event);
	if (!principal) {
		const location = `/signin?next=${encodeURIComponent(pagePath(event.url))}`;
		// A client-side navigation fetches the page's data: SvelteKit's own redirect answer.
		if (event.isDataRequest) return Response.json({ type: 'redirect', location });
		return new Response(null, { status: 303, headers: { location } });
	}
	const message = overreach
		? `This view shows figures per ${overreach}, which name people: it needs the analyst role; you are signed in as ${principal.name} (${principal.role}).`
		: `This page needs the ${access} role; you are signed in as ${principal.name} (${principal.role}).`;
	// The client shows its error page with this message.
	if (event.isDataRequest) return Response.json({ message }, { status: 403 });
	return new Response(deniedPage(message), { status: 403, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** The page a data request is for (its URL ends in /__data.json). */
function pagePath(url: URL): string {
	const path = url.pathname.replace(/\/?__data\.json$/, '') || '/';
	return path + url.search;
}

function deniedPage(message: string): string {
	const text = escapeHtml(message);
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not allowed · deskpulse</title></head><body><main><h1>Not allowed</h1><p>${text}</p><p><a href="/">Overview</a> · <a href="/account">Your account</a></p></main></body></html>`;
}

function refuse(status: number, message: string): Response {
	return withSecurityHeaders(new Response(JSON.stringify({ error: message }), { status, headers: { 'content-type': 'application/json' } }), guard);
}
