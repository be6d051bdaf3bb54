import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/app-db';
import { claimOwnership } from '$lib/server/db/owner';
import { warmReports } from '$lib/server/metrics/warm-up';
import { guardConfig, hostAllowed, originAllowed, withSecurityHeaders } from '$lib/server/security/request-guard';

export const init: ServerInit = async () => {
	const db = await appDatabase();
	const host = process.env.HOST || '127.0.0.1';
	const port = process.env.PORT || '3000';
	claimOwnership(db.path, `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`);
	// adapter-node emits this after a SIGINT/SIGTERM once requests have drained: closing
	// checkpoints the write-ahead log into the database file.
	(process as NodeJS.EventEmitter).once('sveltekit:shutdown', () => void db.close());
	void warmReports(db);
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
 * security headers.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const host = event.request.headers.get('host');
	if (!hostAllowed(host, guard)) {
		return refuse(421, `This server does not answer to the host "${host ?? ''}": add it to DESKPULSE_ALLOWED_HOSTS to serve it.`);
	}
	if (!originAllowed(event.request.method, event.request.headers.get('origin'), host)) {
		return refuse(403, 'Cross-site request refused: a change must come from deskpulse\'s own pages, or from a client that sends no Origin (the CLI, scripts).');
	}
	return withSecurityHeaders(await resolve(event), guard);
};

function refuse(status: number, message: string): Response {
	return withSecurityHeaders(new Response(JSON.stringify({ error: message }), { status, headers: { 'content-type': 'application/json' } }), guard);
}
