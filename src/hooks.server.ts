import type { HandleServerError, ServerInit } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/app-db';
import { claimOwnership } from '$lib/server/db/owner';
import { warmReports } from '$lib/server/metrics/warm-up';

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
