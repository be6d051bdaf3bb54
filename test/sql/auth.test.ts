import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { memoryDb } from '../helpers/db';
import { addUser, createLink, findLink, removeUser, setRole, useLink, userCounts, UserError } from '../../src/lib/server/auth/users';
import { endSession, endUserSessions, sessionPrincipal, SESSION_IDLE_MS, SESSION_MAX_MS, startSession } from '../../src/lib/server/auth/sessions';
import { createToken, revokeToken, tokenPrincipal } from '../../src/lib/server/auth/tokens';
import { CLI_ADMIN, resolvePrincipal } from '../../src/lib/server/auth/principal';
import { claimOwnership, ownerFile } from '../../src/lib/server/db/owner';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { SignInLimiter, MAX_FAILURES, WINDOW_MS } from '../../src/lib/server/auth/rate-limit';
import { listAudit } from '../../src/lib/server/auth/audit';
import { authMode } from '../../src/lib/server/auth/mode';

const PASSWORD = 'correct horse battery';
const T0 = new Date('2026-12-01T09:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe('users, sessions, tokens and links', () => {
	let db: Database;
	beforeEach(async () => {
		db = await memoryDb();
	});
	afterEach(() => db.close());

	it('stores an Argon2id hash, never the password, and emails lower-case', async () => {
		await addUser(db, { email: ' Ann@Example.COM ', role: 'admin', password: PASSWORD });
		const [row] = await db.query(`select email, password_hash from users`);
		expect(row.email).toBe('ann@example.com');
		expect(String(row.password_hash)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(String(row.password_hash)).not.toContain(PASSWORD);
	});

	it('refuses short passwords, bad roles, a second account for an email, and removing the last admin', async () => {
		await expect(addUser(db, { email: 'a@x.io', role: 'admin', password: 'short' })).rejects.toThrow(/at least 12/);
		await expect(addUser(db, { email: 'a@x.io', role: 'owner', password: PASSWORD })).rejects.toThrow(/viewer, analyst or admin/);
		await addUser(db, { email: 'a@x.io', role: 'admin', password: PASSWORD });
		await expect(addUser(db, { email: 'A@x.io', role: 'viewer' })).rejects.toThrow(/exists already/);
		await expect(removeUser(db, 'a@x.io')).rejects.toThrow(UserError);
		await expect(setRole(db, 'a@x.io', 'viewer')).rejects.toThrow(/only admin/);
		await addUser(db, { email: 'b@x.io', role: 'viewer' });
		await setRole(db, 'b@x.io', 'admin');
		await removeUser(db, 'a@x.io');
		expect(await userCounts(db)).toEqual({ users: 1, admins: 1 });
		// The email is free again for a new account.
		await addUser(db, { email: 'a@x.io', role: 'viewer' });
	});

	it('a session ends after the idle time, after the absolute time, at sign-out and sign-out everywhere', async () => {
		const user = await addUser(db, { email: 'a@x.io', role: 'analyst', password: PASSWORD });
		const cookie = await startSession(db, user.user_id, {}, T0);
		expect(await sessionPrincipal(db, cookie, later(60_000))).toMatchObject({ kind: 'user', name: 'a@x.io', role: 'analyst' });
		// Idle: nothing for longer than the idle time.
		expect(await sessionPrincipal(db, cookie, later(60_000 + SESSION_IDLE_MS + 1))).toBeNull();

		// Used every few hours, it still ends at the absolute expiry.
		const busy = await startSession(db, user.user_id, {}, T0);
		const step = SESSION_IDLE_MS / 2;
		let t = 0;
		while (t + step < SESSION_MAX_MS) {
			t += step;
			expect(await sessionPrincipal(db, busy, later(t)), `at ${t / 3600_000} h`).not.toBeNull();
		}
		expect(await sessionPrincipal(db, busy, later(SESSION_MAX_MS + 1))).toBeNull();

		const one = await startSession(db, user.user_id);
		const two = await startSession(db, user.user_id);
		await endSession(db, one);
		expect(await sessionPrincipal(db, one)).toBeNull();
		expect(await sessionPrincipal(db, two)).not.toBeNull();
		await endUserSessions(db, user.user_id);
		expect(await sessionPrincipal(db, two)).toBeNull();
	});

	it('stores only the hash of a session cookie, and a role change or removal ends the sessions', async () => {
		const user = await addUser(db, { email: 'a@x.io', role: 'analyst', password: PASSWORD });
		await addUser(db, { email: 'root@x.io', role: 'admin', password: PASSWORD });
		const cookie = await startSession(db, user.user_id);
		const [row] = await db.query(`select session_hash from sessions`);
		expect(row.session_hash).not.toBe(cookie);
		expect(String(row.session_hash)).toMatch(/^[0-9a-f]{64}$/);
		await setRole(db, 'a@x.io', 'viewer');
		expect(await sessionPrincipal(db, cookie)).toBeNull();
		const again = await startSession(db, user.user_id);
		expect((await sessionPrincipal(db, again))?.role).toBe('viewer');
		await removeUser(db, 'a@x.io');
		expect(await sessionPrincipal(db, again)).toBeNull();
	});

	it('signing in rotates the session: the cookie the browser brought ends', async () => {
		const user = await addUser(db, { email: 'a@x.io', role: 'viewer', password: PASSWORD });
		const before = await startSession(db, user.user_id);
		const outcome = await signIn(db, { email: 'A@x.io', password: PASSWORD, ip: '10.0.0.1', previous: before }, new SignInLimiter());
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(outcome.cookie).not.toBe(before);
		expect(await sessionPrincipal(db, before)).toBeNull();
		expect((await sessionPrincipal(db, outcome.cookie))?.name).toBe('a@x.io');
	});

	it('limits failed sign-ins per address and per email, and records each attempt', async () => {
		await addUser(db, { email: 'a@x.io', role: 'viewer', password: PASSWORD });
		let now = T0.getTime();
		const limiter = new SignInLimiter(() => now);
		for (let i = 0; i < MAX_FAILURES; i++) {
			const r = await signIn(db, { email: 'a@x.io', password: 'wrong password!', ip: '10.0.0.1' }, limiter);
			expect(r).toMatchObject({ ok: false, status: 400 });
		}
		// Now refused even with the right password, from any address, for this email.
		expect(await signIn(db, { email: 'a@x.io', password: PASSWORD, ip: '10.0.0.2' }, limiter)).toMatchObject({ ok: false, status: 429 });
		// And the address is refused for other emails too.
		expect(await signIn(db, { email: 'b@x.io', password: PASSWORD, ip: '10.0.0.1' }, limiter)).toMatchObject({ ok: false, status: 429 });
		now += WINDOW_MS + 1;
		expect((await signIn(db, { email: 'a@x.io', password: PASSWORD, ip: '10.0.0.1' }, limiter)).ok).toBe(true);
		const actions = (await listAudit(db)).map((e) => e.action);
		expect(actions.filter((a) => a === 'sign-in-failed')).toHaveLength(MAX_FAILURES);
		expect(actions.filter((a) => a === 'sign-in-refused')).toHaveLength(2);
		expect(actions[0]).toBe('sign-in');
	});

	it('an unknown email and a wrong password get the same answer', async () => {
		await addUser(db, { email: 'a@x.io', role: 'viewer', password: PASSWORD });
		const limiter = new SignInLimiter();
		const unknown = await signIn(db, { email: 'nobody@x.io', password: PASSWORD, ip: '1.1.1.1' }, limiter);
		const wrong = await signIn(db, { email: 'a@x.io', password: 'not the password', ip: '1.1.1.2' }, limiter);
		expect(unknown).toEqual(wrong);
	});

	it('a token acts with its role until revoked; only its hash is stored', async () => {
		const created = await createToken(db, { name: 'nightly export', role: 'analyst' });
		expect(created.token).toMatch(/^dpt_[A-Za-z0-9_-]{43}$/);
		expect(await tokenPrincipal(db, created.token, T0)).toMatchObject({ kind: 'token', role: 'analyst', name: 'token nightly export' });
		// Its last use is written once a minute at most, not on every call.
		await tokenPrincipal(db, created.token, later(30_000));
		expect(await db.query(`select last_used_at::varchar as t from api_tokens`)).toEqual([{ t: '2026-12-01 09:00:00+00' }]);
		await tokenPrincipal(db, created.token, later(61_000));
		expect(await db.query(`select last_used_at::varchar as t from api_tokens`)).toEqual([{ t: '2026-12-01 09:01:01+00' }]);
		const [row] = await db.query(`select token_hash, prefix from api_tokens`);
		expect(row.token_hash).not.toContain(created.token.slice(4));
		expect(created.token.startsWith(String(row.prefix))).toBe(true);
		await revokeToken(db, created.token_id);
		expect(await tokenPrincipal(db, created.token)).toBeNull();
		await expect(revokeToken(db, created.token_id)).rejects.toThrow(/no active token/);
	});

	it('a one-time link works once and not after 72 hours; the setup link only while there is no user', async () => {
		const setup = await createLink(db, 'setup', null, T0);
		expect(await findLink(db, setup, later(71 * 3600_000))).toMatchObject({ purpose: 'setup' });
		expect(await findLink(db, setup, later(73 * 3600_000))).toBeNull();
		const admin = await useLink(db, setup, { email: 'Boss@x.io', password: PASSWORD }, later(3600_000));
		expect(admin).toMatchObject({ email: 'boss@x.io', role: 'admin' });
		await expect(useLink(db, setup, { email: 'eve@x.io', password: PASSWORD }, later(3600_000))).rejects.toThrow(/used or has expired/);
		const second = await createLink(db, 'setup', null);
		await expect(useLink(db, second, { email: 'eve@x.io', password: PASSWORD })).rejects.toThrow(/has users already/);
		expect(await userCounts(db)).toEqual({ users: 1, admins: 1 });

		const bob = await addUser(db, { email: 'bob@x.io', role: 'viewer' });
		const link = await createLink(db, 'set-password', bob.user_id);
		await useLink(db, link, { password: PASSWORD });
		expect((await signIn(db, { email: 'bob@x.io', password: PASSWORD, ip: '1.1.1.1' }, new SignInLimiter())).ok).toBe(true);
	});

	it('resolves the caller: a wrong credential is nobody, not the local user', async () => {
		const user = await addUser(db, { email: 'a@x.io', role: 'analyst', password: PASSWORD });
		const cookie = await startSession(db, user.user_id);
		const token = (await createToken(db, { name: 't', role: 'viewer' })).token;
		const none = { authorization: null, ownerSecret: null, sessionCookie: null };
		expect(await resolvePrincipal(db, none, true)).toBeNull();
		expect(await resolvePrincipal(db, none, false)).toMatchObject({ kind: 'local', role: 'admin' });
		expect(await resolvePrincipal(db, { ...none, sessionCookie: cookie }, true)).toMatchObject({ kind: 'user', role: 'analyst' });
		expect(await resolvePrincipal(db, { ...none, authorization: `Bearer ${token}` }, true)).toMatchObject({ kind: 'token', role: 'viewer' });
		expect(await resolvePrincipal(db, { ...none, authorization: 'Bearer dpt_wrong' }, false)).toBeNull();
		expect(await resolvePrincipal(db, { ...none, authorization: 'Basic YTpi' }, true)).toBeNull();
		expect(await resolvePrincipal(db, { ...none, ownerSecret: 'not-the-secret' }, false)).toBeNull();
	});

	it('the owner secret the server wrote beside its database makes the caller the CLI, an admin', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'deskpulse-owner-'));
		const dbPath = join(dir, 'deskpulse.duckdb');
		claimOwnership(dbPath, 'http://127.0.0.1:9');
		const { secret } = JSON.parse(readFileSync(ownerFile(dbPath), 'utf8')) as { secret: string };
		const none = { authorization: null, sessionCookie: null };
		expect(await resolvePrincipal(db, { ...none, ownerSecret: secret }, true)).toEqual(CLI_ADMIN);
		expect(await resolvePrincipal(db, { ...none, ownerSecret: secret.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }, true)).toBeNull();
		rmSync(dir, { recursive: true, force: true });
	});
});

describe('when sign-in is required', () => {
	it('on any non-loopback address, whatever DESKPULSE_AUTH says, and on loopback when it is on', () => {
		expect(authMode({ HOST: '127.0.0.1' }).required).toBe(false);
		expect(authMode({ HOST: 'localhost' }).required).toBe(false);
		expect(authMode({ HOST: '::1' }).required).toBe(false);
		expect(authMode({ HOST: '127.0.0.1', DESKPULSE_AUTH: 'on' }).required).toBe(true);
		expect(authMode({ HOST: '0.0.0.0', DESKPULSE_AUTH: 'off' }).required).toBe(true);
		expect(authMode({ HOST: '192.168.1.20' }).required).toBe(true);
		// adapter-node listens everywhere without HOST.
		expect(authMode({}).required).toBe(true);
	});
});
