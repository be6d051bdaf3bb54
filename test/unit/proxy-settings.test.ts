import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { prepareForwardedHeaders, proxySettings } from '../../bin/proxy-settings.js';

type Settings = ReturnType<typeof proxySettings>;
const settings = proxySettings;

/** The forwarded headers adapter-node reads after the server prepared a request. */
function prepared(headers: Record<string, string>, s: Settings, remoteAddress = '10.0.0.5') {
	const req = { headers: { ...headers }, socket: { remoteAddress } } as unknown as IncomingMessage;
	prepareForwardedHeaders(req, s);
	return { proto: req.headers['x-forwarded-proto'], for: req.headers['x-forwarded-for'] };
}

describe('how the server learns where a request came from', () => {
	it('believes no forwarded header by default: a client claiming https still came over http', () => {
		const s = settings({});
		expect(s.set).toEqual({ PROTOCOL_HEADER: 'x-forwarded-proto' });
		expect(prepared({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' }, s)).toEqual({ proto: 'http', for: '203.0.113.9' });
		// The client address stays the socket's: no ADDRESS_HEADER is set.
		expect(s.set.ADDRESS_HEADER).toBeUndefined();
	});

	it("believes a trusted proxy's scheme and client address, and fills them for a direct request", () => {
		const s = settings({ DESKPULSE_TRUST_PROXY: '1' });
		expect(s.set).toEqual({ PROTOCOL_HEADER: 'x-forwarded-proto', ADDRESS_HEADER: 'x-forwarded-for' });
		expect(prepared({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' }, s)).toEqual({ proto: 'https', for: '203.0.113.9' });
		expect(prepared({}, s, '127.0.0.1')).toEqual({ proto: 'http', for: '127.0.0.1' });
	});

	it("keeps the adapter-node variables an operator set, believing the header they named", () => {
		const s = settings({ PROTOCOL_HEADER: 'x-forwarded-proto', ADDRESS_HEADER: 'x-real-ip' });
		expect(s.set).toEqual({});
		expect(prepared({ 'x-forwarded-proto': 'https' }, s)).toEqual({ proto: 'https', for: undefined });
		expect(settings({ DESKPULSE_TRUST_PROXY: 'on', ADDRESS_HEADER: 'x-real-ip' }).set).toEqual({ PROTOCOL_HEADER: 'x-forwarded-proto' });
	});

	it("sets ORIGIN from the public URL's origin unless ORIGIN is set", () => {
		expect(settings({ DESKPULSE_PUBLIC_URL: 'https://Metrics.Example.com/' }).set.ORIGIN).toBe('https://metrics.example.com');
		expect(settings({ DESKPULSE_PUBLIC_URL: 'http://box.lan:8080' }).set.ORIGIN).toBe('http://box.lan:8080');
		expect(settings({ DESKPULSE_PUBLIC_URL: 'https://metrics.example.com', ORIGIN: 'https://other.example.com' }).set.ORIGIN).toBeUndefined();
		const withPath = settings({ DESKPULSE_PUBLIC_URL: 'https://example.com/deskpulse' });
		expect(withPath.set.ORIGIN).toBe('https://example.com');
		expect(withPath.warnings[0]).toContain('the path is ignored');
	});

	it('ignores a public URL that is not an http(s) URL, and says so', () => {
		for (const bad of ['metrics.example.com', 'ftp://metrics.example.com']) {
			const s = settings({ DESKPULSE_PUBLIC_URL: bad });
			expect(s.set.ORIGIN, bad).toBeUndefined();
			expect(s.warnings, bad).toHaveLength(1);
			expect(s.warnings[0], bad).toContain('ignored');
		}
	});
});
