import { Database } from '../lib/server/db/database';
import { findRunningServer } from '../lib/server/db/owner';

/**
 * Runs a command against the database: through the running server that holds the file,
 * when there is one (DuckDB allows one writer process), else by opening the file here.
 * Says which on stderr, so output on stdout stays clean for pipes.
 */
export async function withDatabase<T>(
	dbPath: string,
	work: { remote: (url: string) => Promise<T>; local: (db: Database) => Promise<T> }
): Promise<T> {
	const url = await findRunningServer(dbPath);
	if (url) {
		process.stderr.write(`deskpulse: using the running server at ${url} (it holds ${dbPath})\n`);
		return work.remote(url);
	}
	process.stderr.write(`deskpulse: no server is running for ${dbPath}; opening the file directly\n`);
	const db = await Database.open(dbPath);
	try {
		return await work.local(db);
	} finally {
		await db.close();
	}
}

/** GET or POST JSON against a running server, turning its error body into an Error. */
export async function serverJson<T>(url: string, path: string, init?: RequestInit): Promise<T> {
	const res = await fetch(new URL(path, url), init);
	const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
	if (!res.ok) throw new Error(body.error?.message ?? `server answered ${res.status}`);
	return body as T;
}
