import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serverJsonUntilDone } from '../../src/cli/target';

// The CLI forwards an import to the server that holds the database and waits for its answer
// however long the import takes (fetch gives up waiting for headers after five minutes).
describe('a forwarded import', () => {
	let server: Server;
	let url = '';
	beforeAll(async () => {
		server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { path: string };
				// Answers late, as a long import does, with a socket idle meanwhile.
				setTimeout(() => {
					if (body.path === 'busy') {
						res.writeHead(409, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'another import is running on this database' } }));
					} else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ got: body.path }));
				}, 300);
			});
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise<void>((r) => server.close(() => r())));

	it('waits for the answer and returns it', async () => {
		expect(await serverJsonUntilDone(url, '/api/v1/imports', { path: '/exports/q2' })).toEqual({ got: '/exports/q2' });
	});

	it("turns the server's error into the error's message", async () => {
		await expect(serverJsonUntilDone(url, '/api/v1/imports', { path: 'busy' })).rejects.toThrow('another import is running on this database');
	});
});
