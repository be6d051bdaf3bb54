import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serverImportUntilDone, serverJson } from '../../src/cli/target';
import type { ServerTarget } from '../../src/lib/server/db/owner';

// The CLI forwards an import to the server that holds the database and waits for its answer
// however long the import takes (fetch gives up waiting for headers after five minutes),
// showing the progress the server streams as NDJSON lines before the result.
describe('a forwarded import', () => {
	let server: Server;
	let target: ServerTarget;
	/** The owner header of each request the fake server received. */
	const ownerHeaders: Array<string | undefined> = [];
	beforeAll(async () => {
		server = createServer((req, res) => {
			ownerHeaders.push(req.headers['x-deskpulse-owner'] as string | undefined);
			if (req.method === 'GET') {
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ checks: [] }));
				return;
			}
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { path: string };
				// Answers late, as a long import does, with a socket idle meanwhile.
				if (body.path === 'busy') {
					res.writeHead(409, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'another import is running on this database' } }));
					return;
				}
				res.writeHead(200, { 'content-type': 'application/x-ndjson' });
				res.write(`${JSON.stringify({ progress: { bytesDone: 10, bytesTotal: 40 } })}\n{"progress": {"bytesDone"`);
				setTimeout(() => {
					// A line split across writes, then silence, as a long import's modelling phase.
					res.write(`: 40, "bytesTotal": 40}}\n`);
					setTimeout(() => {
						if (body.path === 'fails') res.end(`${JSON.stringify({ error: { status: 500, message: 'the import failed on the server' } })}\n`);
						else res.end(`${JSON.stringify({ result: { got: body.path } })}\n`);
					}, 300);
				}, 100);
			});
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		target = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, ownerSecret: 'a1'.repeat(32) };
	});
	afterAll(() => new Promise<void>((r) => server.close(() => r())));

	it('shows each progress line and returns the result', async () => {
		const seen: unknown[] = [];
		expect(await serverImportUntilDone(target, '/api/v1/imports', { path: '/exports/q2' }, (p) => seen.push(p))).toEqual({ got: '/exports/q2' });
		expect(seen).toEqual([
			{ bytesDone: 10, bytesTotal: 40 },
			{ bytesDone: 40, bytesTotal: 40 }
		]);
	});

	it('turns an error streamed after the progress into the error', async () => {
		await expect(serverImportUntilDone(target, '/api/v1/imports', { path: 'fails' })).rejects.toThrow('the import failed on the server');
	});

	it("turns the server's error into the error's message", async () => {
		await expect(serverImportUntilDone(target, '/api/v1/imports', { path: 'busy' })).rejects.toThrow('another import is running on this database');
	});

	it('sends the owner secret on every request, JSON and streamed', async () => {
		ownerHeaders.length = 0;
		await serverJson(target, '/api/v1/checks');
		await serverImportUntilDone(target, '/api/v1/imports', { path: '/exports/q2' });
		expect(ownerHeaders).toEqual(['a1'.repeat(32), 'a1'.repeat(32)]);
	});
});
