import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { memoryDb } from '../helpers/db';
import { startOidcProvider } from '../helpers/oidc-provider.js';
import { beginSignIn, finishSignIn, oidcSettings, type OidcPending, type OidcSettings } from '../../src/lib/server/auth/oidc';
import { addUser, findUser } from '../../src/lib/server/auth/users';
import { sessionPrincipal } from '../../src/lib/server/auth/sessions';
import { listAudit } from '../../src/lib/server/auth/audit';

const REDIRECT = 'http://127.0.0.1:3000/signin/oidc/callback';

describe('single sign-on against a stand-in OpenID Connect provider', () => {
	let provider: Awaited<ReturnType<typeof startOidcProvider>>;
	let db: Database;
	let settings: OidcSettings;
	beforeAll(async () => {
		provider = await startOidcProvider();
	});
	afterAll(() => provider.close());
	beforeEach(async () => {
		db = await memoryDb();
		settings = oidcSettings({ DESKPULSE_OIDC_ISSUER: provider.issuer, DESKPULSE_OIDC_CLIENT_ID: 'deskpulse', DESKPULSE_OIDC_CLIENT_SECRET: 'stand-in-secret' })!;
	});
	afterEach(() => db.close());

	/** Goes to the provider and back, as the browser would; returns the callback URL and what the cookie held. */
	async function roundTrip(s: OidcSettings): Promise<{ callback: URL; pending: OidcPending }> {
		const { url, pending } = await beginSignIn(s, REDIRECT, '/review');
		const res = await fetch(url, { redirect: 'manual' });
		expect(res.status).toBe(302);
		return { callback: new URL(res.headers.get('location')!), pending };
	}

	it('signs in an existing user whose verified email the provider vouches for', async () => {
		await addUser(db, { email: 'Ann@Example.com', role: 'analyst' });
		provider.identity = { sub: 'okta-1', email: 'ann@example.com', email_verified: true };
		const { callback, pending } = await roundTrip(settings);
		expect(pending.next).toBe('/review');
		const { cookie, email } = await finishSignIn(db, settings, callback, pending, { ip: '10.0.0.9' });
		expect(email).toBe('ann@example.com');
		expect(await sessionPrincipal(db, cookie)).toMatchObject({ kind: 'user', name: 'ann@example.com', role: 'analyst' });
		const [entry] = await listAudit(db);
		expect(entry).toMatchObject({ action: 'sign-in', actor: 'ann@example.com', ip: '10.0.0.9' });
		expect(JSON.parse(String(entry.detail))).toEqual({ via: 'oidc' });
	});

	it('refuses an unverified email, and someone with no account unless new users are allowed', async () => {
		provider.identity = { sub: 'x', email: 'eve@example.com', email_verified: false };
		let trip = await roundTrip(settings);
		await expect(finishSignIn(db, settings, trip.callback, trip.pending, { ip: '1.1.1.1' })).rejects.toMatchObject({ reason: 'unverified' });

		provider.identity = { sub: 'y', email: 'new@example.com', email_verified: true };
		trip = await roundTrip(settings);
		await expect(finishSignIn(db, settings, trip.callback, trip.pending, { ip: '1.1.1.1' })).rejects.toMatchObject({ reason: 'no-account' });
		expect(await findUser(db, { email: 'new@example.com' })).toBeNull();

		// Allowed for one domain only.
		const open = { ...settings, newUserRole: 'viewer' as const, domains: ['example.com'] };
		trip = await roundTrip(open);
		await finishSignIn(db, open, trip.callback, trip.pending, { ip: '1.1.1.1' });
		expect(await findUser(db, { email: 'new@example.com' })).toMatchObject({ role: 'viewer', password_hash: null });
		provider.identity = { sub: 'z', email: 'someone@other.org', email_verified: true };
		trip = await roundTrip(open);
		await expect(finishSignIn(db, open, trip.callback, trip.pending, { ip: '1.1.1.1' })).rejects.toMatchObject({ reason: 'no-account' });
	});

	it('refuses a callback whose state, or whose PKCE verifier, is not the one this browser started with', async () => {
		await addUser(db, { email: 'ann@example.com', role: 'viewer' });
		provider.identity = { sub: 'a', email: 'ann@example.com', email_verified: true };
		let trip = await roundTrip(settings);
		await expect(finishSignIn(db, settings, trip.callback, { ...trip.pending, state: 'forged' }, { ip: '1.1.1.1' })).rejects.toMatchObject({ reason: 'failed' });
		trip = await roundTrip(settings);
		const other = await roundTrip(settings);
		await expect(finishSignIn(db, settings, trip.callback, { ...trip.pending, verifier: other.pending.verifier }, { ip: '1.1.1.1' })).rejects.toMatchObject({ reason: 'failed' });
		expect((await listAudit(db, { action: 'sign-in-failed' })).length).toBe(2);
	});

	it('is off without an issuer and client id, and refuses an unknown new-user role', () => {
		expect(oidcSettings({})).toBeNull();
		expect(() => oidcSettings({ DESKPULSE_OIDC_ISSUER: 'https://id.example.com', DESKPULSE_OIDC_CLIENT_ID: 'x', DESKPULSE_OIDC_NEW_USER_ROLE: 'owner' })).toThrow(/viewer, analyst or admin/);
	});
});
