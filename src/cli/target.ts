import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Database } from '../lib/server/db/database';
import { findRunningServer, OWNER_HEADER, type ServerTarget } from '../lib/server/db/owner';

/**
 * Runs a command against the database: through the running server that holds the file,
 * when there is one (DuckDB allows one writer process), else by opening the file here.
 * Says which on stderr, so output on stdout stays clean for pipes.
 */
export async function withDatabase<T>(
	dbPath: string,
	work: { remote: (server: ServerTarget) => Promise<T>; local: (db: Database) => Promise<T> }
): Promise<T> {
	const server = await findRunningServer(dbPath);
	if (server) {
		process.stderr.write(`deskpulse: using the running server at ${server.url} (it holds ${dbPath})\n`);
		return work.remote(server);
	}
	process.stderr.write(`deskpulse: no server is running for ${dbPath}; opening the file directly\n`);
	const db = await Database.open(dbPath);
	try {
		return await work.local(db);
	} finally {
		await db.close();
	}
}

/**
 * GET or POST JSON against a running server, turning its error body into an Error. Every
 * request carries the owner secret: the server takes it as the CLI on its own machine.
 */
export async function serverJson<T>(server: ServerTarget, path: string, init?: RequestInit): Promise<T> {
	const headers = new Headers(init?.headers);
	headers.set(OWNER_HEADER, server.ownerSecret);
	const res = await fetch(new URL(path, server.url), { ...init, headers });
	const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
	if (!res.ok) throw new Error(body.error?.message ?? `server answered ${res.status}`);
	return body as T;
}

/**
 * POSTs an import to a running server and waits for its end however long it takes: an
 * import of millions of rows answers after many minutes, past fetch's five-minute wait for
 * response headers, after which a user's retry would start a second import. The server
 * streams NDJSON (api/imports.ts): each `progress` line goes to `onProgress`, the last line
 * is the result or the error.
 */
export function serverImportUntilDone<T, P>(server: ServerTarget, path: string, body: unknown, onProgress: (p: P) => void = () => {}): Promise<T> {
	const target = new URL(path, server.url);
	const payload = Buffer.from(JSON.stringify(body));
	return new Promise<T>((resolvePromise, reject) => {
		const request = (target.protocol === 'https:' ? httpsRequest : httpRequest)(
			target,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/x-ndjson', 'content-length': payload.length, [OWNER_HEADER]: server.ownerSecret }
			},
			(res) => {
				let pending = '';
				let outcome: { result?: T; error?: { message?: string } } | null = null;
				const chunks: Buffer[] = [];
				const line = (text: string) => {
					if (!text.trim()) return;
					let parsed: { progress?: P; result?: T; error?: { message?: string } };
					try {
						parsed = JSON.parse(text);
					} catch {
						return;
					}
					if (parsed.progress !== undefined) onProgress(parsed.progress);
					else outcome = parsed;
				};
				res.on('data', (chunk: Buffer) => {
					if ((res.statusCode ?? 500) >= 400) return void chunks.push(chunk);
					pending += chunk.toString('utf8');
					const lines = pending.split('\n');
					pending = lines.pop() ?? '';
					lines.forEach(line);
				});
				res.on('error', reject);
				res.on('end', () => {
					if ((res.statusCode ?? 500) >= 400) {
						// Refused before the import started (a bad option, another import running): plain JSON.
						let parsed: { error?: { message?: string } } = {};
						try {
							parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
						} catch {
							// Not JSON: the status says enough.
						}
						return reject(new Error(parsed.error?.message ?? `server answered ${res.statusCode}`));
					}
					line(pending);
					const end = outcome as { result?: T; error?: { message?: string } } | null;
					if (end?.result !== undefined) resolvePromise(end.result);
					else reject(new Error(end?.error?.message ?? 'the server ended the import without a result'));
				});
			}
		);
		// No socket timeout: the server may compute for as long as the import takes.
		request.setTimeout(0);
		request.on('error', reject);
		request.end(payload);
	});
}
