import * as client from 'openid-client';
import { isIP } from 'node:net';
import type { Database } from '../db/database';
import { isRole, type Role } from '../../roles';
import { recordAudit } from './audit';
import { startSession } from './sessions';
import { addUser, findUser } from './users';

/**
 * Single sign-on with OpenID Connect (Google Workspace, Okta, Microsoft Entra ID, any
 * conforming provider), by the authorization code flow with PKCE, state and nonce, through
 * `openid-client`. Configured by environment variables; absent, the sign-in page offers
 * passwords only.
 */
export interface OidcSettings {
	issuer: URL;
	clientId: string;
	clientSecret: string | null;
	/** What the sign-in button names ("Sign in with Okta"). */
	label: string;
	/**
	 * The role given to someone the provider vouches for who has no deskpulse user yet; null:
	 * only existing users may sign in this way (an admin adds them first).
	 */
	newUserRole: Role | null;
	/** Email domains whose people may get a new user that way; empty: any the provider vouches for. */
	domains: string[];
}

export function oidcSettings(env: NodeJS.ProcessEnv = process.env): OidcSettings | null {
	const issuer = env.DESKPULSE_OIDC_ISSUER?.trim();
	const clientId = env.DESKPULSE_OIDC_CLIENT_ID?.trim();
	if (!issuer || !clientId) return null;
	const role = env.DESKPULSE_OIDC_NEW_USER_ROLE?.trim() || null;
	if (role !== null && !isRole(role)) throw new Error(`DESKPULSE_OIDC_NEW_USER_ROLE must be viewer, analyst or admin, got "${role}"`);
	return {
		issuer: new URL(issuer),
		clientId,
		clientSecret: env.DESKPULSE_OIDC_CLIENT_SECRET?.trim() || null,
		label: env.DESKPULSE_OIDC_LABEL?.trim() || 'single sign-on',
		newUserRole: role,
		domains: (env.DESKPULSE_OIDC_EMAIL_DOMAINS ?? '').split(',').map((d) => d.trim().toLowerCase()).filter(Boolean)
	};
}

function loopbackHost(hostname: string): boolean {
	const h = hostname.replace(/^\[|\]$/g, '');
	return h === 'localhost' || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
}

const discovered = new Map<string, Promise<client.Configuration>>();

/** The provider's configuration, discovered once per process (a failed discovery is retried next time). */
function providerConfig(settings: OidcSettings): Promise<client.Configuration> {
	const key = `${settings.issuer.href} ${settings.clientId}`;
	let found = discovered.get(key);
	if (!found) {
		const auth = settings.clientSecret ? client.ClientSecretPost(settings.clientSecret) : client.None();
		// Plain http only for a provider on this machine (a stand-in for tests); a real one is https.
		const execute = settings.issuer.protocol === 'http:' && loopbackHost(settings.issuer.hostname) ? [client.allowInsecureRequests] : [];
		found = client.discovery(settings.issuer, settings.clientId, undefined, auth, { execute });
		found.catch(() => discovered.delete(key));
		discovered.set(key, found);
	}
	return found;
}

/** What the browser keeps between leaving for the provider and coming back (an httpOnly cookie). */
export interface OidcPending {
	verifier: string;
	state: string;
	nonce: string;
	next: string;
}

export const OIDC_COOKIE = 'deskpulse_oidc';

/** The provider's sign-in address to send the browser to, and what to remember until it returns. */
export async function beginSignIn(settings: OidcSettings, redirectUri: string, next: string): Promise<{ url: URL; pending: OidcPending }> {
	const config = await providerConfig(settings);
	const verifier = client.randomPKCECodeVerifier();
	const pending: OidcPending = { verifier, state: client.randomState(), nonce: client.randomNonce(), next };
	const url = client.buildAuthorizationUrl(config, {
		redirect_uri: redirectUri,
		scope: 'openid email profile',
		code_challenge: await client.calculatePKCECodeChallenge(verifier),
		code_challenge_method: 'S256',
		state: pending.state,
		nonce: pending.nonce
	});
	return { url, pending };
}

/** Why a sign-in through the provider ended without a session (the sign-in page words each reason). */
export class OidcError extends Error {
	constructor(
		readonly reason: 'failed' | 'unverified' | 'no-account',
		message: string
	) {
		super(message);
	}
}

/**
 * The provider sent the browser back: the code is exchanged (state, nonce and PKCE checked by
 * openid-client), the email it vouches for must be verified, and it must belong to a user, or
 * may become one under the new-user rules. Returns a session cookie's value.
 */
export async function finishSignIn(
	db: Database,
	settings: OidcSettings,
	callback: URL,
	pending: OidcPending,
	meta: { ip: string; userAgent?: string | null; previous?: string | null }
): Promise<{ cookie: string; email: string }> {
	const config = await providerConfig(settings);
	let claims: client.IDToken | undefined;
	try {
		const tokens = await client.authorizationCodeGrant(config, callback, {
			pkceCodeVerifier: pending.verifier,
			expectedState: pending.state,
			expectedNonce: pending.nonce,
			idTokenExpected: true
		});
		claims = tokens.claims();
	} catch (e) {
		await recordAudit(db, { actor: null, action: 'sign-in-failed', detail: { via: 'oidc', reason: (e as Error).message.slice(0, 200) }, ip: meta.ip });
		throw new OidcError('failed', 'The sign-in with your provider did not complete: try again.');
	}
	const email = typeof claims?.email === 'string' ? claims.email.trim().toLowerCase() : '';
	// A provider that does not say the email is verified could be vouching for anyone's address.
	if (!email || claims?.email_verified !== true) {
		await recordAudit(db, { actor: null, action: 'sign-in-failed', subject: email || null, detail: { via: 'oidc', reason: 'email missing or not verified' }, ip: meta.ip });
		throw new OidcError('unverified', 'Your provider did not vouch for a verified email address, which deskpulse needs to know who you are.');
	}
	let user = await findUser(db, { email });
	if (!user) {
		const domain = email.slice(email.lastIndexOf('@') + 1);
		if (!settings.newUserRole || (settings.domains.length > 0 && !settings.domains.includes(domain))) {
			await recordAudit(db, { actor: null, action: 'sign-in-failed', subject: email, detail: { via: 'oidc', reason: 'no such user' }, ip: meta.ip });
			throw new OidcError('no-account', `${email} has no deskpulse account: ask an admin to add you.`);
		}
		const added = await addUser(db, { email, role: settings.newUserRole });
		await recordAudit(db, { actor: null, action: 'user-add', subject: email, detail: { role: added.role, via: 'oidc first sign-in' }, ip: meta.ip });
		user = { ...added, password_hash: null };
	}
	const cookie = await startSession(db, user.user_id, { ip: meta.ip, userAgent: meta.userAgent, replaces: meta.previous });
	await recordAudit(db, { actor: { kind: 'user', id: String(user.user_id), name: user.email, role: user.role }, action: 'sign-in', subject: user.email, detail: { via: 'oidc' }, ip: meta.ip });
	return { cookie, email: user.email };
}
