import { expect, test } from '@playwright/test';
import { request as httpRequest } from 'node:http';

/** A raw request, so the Host and Origin headers are exactly the ones a hostile page would send. */
function raw(baseURL: string, path: string, method: string, headers: Record<string, string>, body = ''): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
	const url = new URL(path, baseURL);
	return new Promise((resolve, reject) => {
		const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers }, (res) => {
			let text = '';
			res.on('data', (chunk) => (text += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
		});
		req.on('error', reject);
		req.end(body);
	});
}

test('a request naming another host (DNS rebinding) is refused before any route runs', async ({ baseURL }) => {
	const res = await raw(baseURL!, '/api/v1/kpis?metrics=tickets_created', 'GET', { host: 'attacker.example' });
	expect(res.status).toBe(421);
	expect(res.body).toContain('DESKPULSE_ALLOWED_HOSTS');
	const page = await raw(baseURL!, '/', 'GET', { host: 'attacker.example:4173' });
	expect(page.status).toBe(421);
});

test('a JSON post from another site is refused, one without an Origin (the CLI) is not', async ({ baseURL }) => {
	const host = new URL(baseURL!).host;
	const body = JSON.stringify({ path: '/etc' });
	const hostile = await raw(baseURL!, '/api/v1/imports', 'POST', { host, origin: 'http://attacker.example', 'content-type': 'application/json' }, body);
	expect(hostile.status).toBe(403);
	expect(hostile.body).toContain('Cross-site request refused');
	// Without an Origin the request reaches the API, which judges it on its own terms.
	const cli = await raw(baseURL!, '/api/v1/imports', 'POST', { host, 'content-type': 'application/json' }, '{}');
	expect(cli.status).not.toBe(403);
});

test('pages and API answers carry the security headers', async ({ baseURL }) => {
	const host = new URL(baseURL!).host;
	for (const path of ['/', '/review', '/api/v1/kpis?metrics=tickets_created']) {
		const res = await raw(baseURL!, path, 'GET', { host });
		expect(res.status, path).toBe(200);
		expect(res.headers['x-content-type-options'], path).toBe('nosniff');
		expect(res.headers['x-frame-options'], path).toBe('DENY');
		expect(res.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
		expect(res.headers['referrer-policy'], path).toBe('same-origin');
	}
});
