import { describe, expect, it } from 'vitest';
import { guardConfig, hostAllowed, hostName, originAllowed } from '../../src/lib/server/security/request-guard';

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
});
