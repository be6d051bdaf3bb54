import { describe, expect, it } from 'vitest';
import { API_CSP, DOCUMENT_CSP, guardConfig, hostAllowed, hostName, missingSecurityHeaders, originAllowed, servedOverTls, withSecurityHeaders } from '../../src/lib/server/security/request-guard';

describe('the request guard', () => {
	const local = guardConfig({});

	it("answers the local names and IP addresses, not another site's name (DNS rebinding)", () => {
		expect(hostAllowed('localhost:3000', local)).toBe(true);
		expect(hostAllowed('127.0.0.1:4173', local)).toBe(true);
		expect(hostAllowed('[::1]:3000', local)).toBe(true);
		expect(hostAllowed('192.168.1.20:3000', local)).toBe(true);
		expect(hostAllowed('attacker.example', local)).toBe(false);
		expect(hostAllowed('localhost.attacker.example:3000', local)).toBe(false);
		expect(hostAllowed(null, local)).toBe(false);
		expect(hostName('[::1]:3000')).toBe('::1');
	});

	it("answers the names an operator allows, the bound host and the public URL's", () => {
		const team = guardConfig({ DESKPULSE_ALLOWED_HOSTS: 'Support.Example.com, deskpulse.internal', HOST: 'box.lan', DESKPULSE_PUBLIC_URL: 'https://metrics.example.com/' });
		expect(hostAllowed('support.example.com', team)).toBe(true);
		expect(hostAllowed('deskpulse.internal:3000', team)).toBe(true);
		expect(hostAllowed('box.lan:3000', team)).toBe(true);
		expect(hostAllowed('metrics.example.com', team)).toBe(true);
		// Naming hosts replaces the local names.
		expect(hostAllowed('localhost:3000', team)).toBe(false);
		// Binding every address adds no name.
		expect(guardConfig({ HOST: '0.0.0.0' }).allowedHosts).toEqual(new Set(['localhost', '127.0.0.1', '::1']));
	});

	it('lets a change come from its own pages or from a client without an Origin, never another site', () => {
		expect(originAllowed('POST', 'http://127.0.0.1:4173', '127.0.0.1:4173')).toBe(true);
		expect(originAllowed('POST', null, '127.0.0.1:4173')).toBe(true);
		expect(originAllowed('POST', 'http://attacker.example', '127.0.0.1:4173')).toBe(false);
		// Same name, another port: another origin.
		expect(originAllowed('POST', 'http://127.0.0.1:8080', '127.0.0.1:4173')).toBe(false);
		expect(originAllowed('POST', 'null', '127.0.0.1:4173')).toBe(false);
		expect(originAllowed('DELETE', 'http://attacker.example', 'localhost:3000')).toBe(false);
		expect(originAllowed('GET', 'http://attacker.example', 'localhost:3000')).toBe(true);
	});

	it('tells browsers to keep to https (HSTS) only when the public URL is https', () => {
		const names = (config: ReturnType<typeof guardConfig>) => missingSecurityHeaders(new Headers({ 'content-type': 'application/json' }), config).map(([n]) => n);
		const https = guardConfig({ DESKPULSE_PUBLIC_URL: 'https://metrics.example.com' });
		expect(Object.fromEntries(missingSecurityHeaders(new Headers(), https))['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
		expect(names(guardConfig({ DESKPULSE_PUBLIC_URL: 'http://box.lan:3000' }))).not.toContain('Strict-Transport-Security');
		expect(names(local)).not.toContain('Strict-Transport-Security');
		expect(names(guardConfig({ DESKPULSE_PUBLIC_URL: 'not a url' }))).not.toContain('Strict-Transport-Security');
	});

	it("keeps a page's own CSP (kit's, with its nonce) and gives HTML documents and API answers theirs", () => {
		const page = new Headers({ 'content-type': 'text/html', 'content-security-policy': "script-src 'self' 'nonce-abc'" });
		const added = (headers: Headers) => Object.fromEntries(missingSecurityHeaders(headers, local));
		expect(added(page)['Content-Security-Policy']).toBeUndefined();
		expect(added(new Headers({ 'content-type': 'text/html; charset=UTF-8' }))['Content-Security-Policy']).toBe(DOCUMENT_CSP);
		expect(added(new Headers({ 'content-type': 'text/csv' }))['Content-Security-Policy']).toBe(API_CSP);
		expect(added(new Headers())['Content-Security-Policy']).toBe(API_CSP);
		// A header the route set itself is not replaced.
		expect(added(new Headers({ 'x-frame-options': 'SAMEORIGIN' }))['X-Frame-Options']).toBeUndefined();
		expect(added(new Headers())['X-Frame-Options']).toBe('DENY');
	});

	it('adds the headers to a response whose headers are immutable by copying it', async () => {
		const fetched = Response.redirect('http://127.0.0.1:3000/', 302);
		expect(() => fetched.headers.set('x-test', '1')).toThrow();
		const served = withSecurityHeaders(fetched, local);
		expect(served.status).toBe(302);
		expect(served.headers.get('location')).toBe('http://127.0.0.1:3000/');
		expect(served.headers.get('content-security-policy')).toBe(API_CSP);
	});

	it('says a request came over TLS when its URL is https or the public URL is', () => {
		expect(servedOverTls({ url: new URL('https://metrics.example.com/') }, {})).toBe(true);
		expect(servedOverTls({ url: new URL('http://127.0.0.1:3000/') }, {})).toBe(false);
		// TLS ends at the proxy, which forwards plain HTTP on the last hop.
		expect(servedOverTls({ url: new URL('http://127.0.0.1:3000/') }, { DESKPULSE_PUBLIC_URL: 'https://metrics.example.com' })).toBe(true);
		expect(servedOverTls({ url: new URL('http://box.lan:3000/') }, { DESKPULSE_PUBLIC_URL: 'http://box.lan:3000' })).toBe(false);
		expect(servedOverTls({ url: new URL('http://box.lan:3000/') }, { DESKPULSE_PUBLIC_URL: 'https//typo' })).toBe(false);
	});
});
