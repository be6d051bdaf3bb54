import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { acceptsGzip, compressed } from '../../src/lib/server/http/compression';

const json = JSON.stringify({ rows: Array.from({ length: 200 }, (_, i) => ({ period: `2026-W${i}`, tickets_created: i })) });

describe('response compression', () => {
	it('reads Accept-Encoding', () => {
		expect(acceptsGzip('gzip, deflate, br')).toBe(true);
		expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
		expect(acceptsGzip('*')).toBe(true);
		expect(acceptsGzip('gzip;q=0')).toBe(false);
		expect(acceptsGzip('deflate, br')).toBe(false);
		expect(acceptsGzip(null)).toBe(false);
	});

	it('gzips report JSON the client takes gzip for, and it unzips to the same bytes', async () => {
		const response = compressed('gzip, deflate', new Response(json, { status: 200, headers: { 'content-type': 'application/json', 'content-length': String(json.length) } }));
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('vary')).toBe('accept-encoding');
		const zipped = Buffer.from(await response.arrayBuffer());
		expect(zipped.length).toBeLessThan(json.length / 5);
		expect(gunzipSync(zipped).toString('utf8')).toBe(json);
	});

	it('keeps the status and headers of an error answer', async () => {
		const response = compressed('gzip', new Response(json, { status: 404, headers: { 'content-type': 'application/json; charset=utf-8', 'x-frame-options': 'DENY' } }));
		expect(response.status).toBe(404);
		expect(response.headers.get('x-frame-options')).toBe('DENY');
		expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8')).toBe(json);
	});

	it('leaves alone what it must not or need not compress', () => {
		const plain = new Response(json, { headers: { 'content-type': 'application/json' } });
		expect(compressed(null, plain)).toBe(plain);
		const image = new Response('x'.repeat(5000), { headers: { 'content-type': 'image/png' } });
		expect(compressed('gzip', image)).toBe(image);
		const small = new Response('{"ok":true}', { headers: { 'content-type': 'application/json', 'content-length': '11' } });
		expect(compressed('gzip', small)).toBe(small);
		const already = new Response(json, { headers: { 'content-type': 'text/csv', 'content-encoding': 'br' } });
		expect(compressed('gzip', already)).toBe(already);
		const empty = new Response(null, { status: 304 });
		expect(compressed('gzip', empty)).toBe(empty);
	});
});
