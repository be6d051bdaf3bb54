import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/lib/server/api';
import { API_ACCESS, PAGE_ACCESS, type Access } from '../../src/lib/server/auth/access';
import { LOCAL_ADMIN } from '../../src/lib/server/auth/principal';
import { ROLES, type Principal, type Role } from '../../src/lib/roles';
import type { Database } from '../../src/lib/server/db/database';
import { genericSmallApi } from '../helpers/api';
import { FIXTURES } from '../helpers/db';
import { listAudit } from '../../src/lib/server/auth/audit';

const as = (role: Role): Principal => ({ kind: 'token', id: '1', name: `token ${role}`, role });

/** What a caller with `role` (null: no credential) must get from an endpoint declaring `access`. */
function expected(access: Access, role: Role | null): 'allowed' | 401 | 403 {
	if (access === 'public') return 'allowed';
	if (role === null) return 401;
	if (access === 'signed-in') return 'allowed';
	return ROLES.indexOf(role) >= ROLES.indexOf(access) ? 'allowed' : 403;
}

/** A concrete URL for a Hono route path. */
function concrete(path: string): string {
	return path
		.replace(/:kind\{[^}]+\}/, 'tickets')
		.replace(':id', '1')
		.replace(':email', encodeURIComponent('nobody@example.com'));
}

describe('every API endpoint declares who may call it', () => {
	let db: Database;
	let api: ReturnType<typeof createApi>;
	beforeAll(async () => {
		({ db, api } = await genericSmallApi());
	});
	afterAll(() => db.close());

	it('lists exactly the routes the API has', () => {
		const routes = api.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
		for (const route of routes) expect(API_ACCESS[route], `${route} has no access declared`).toBeDefined();
		expect(new Set(routes)).toEqual(new Set(Object.keys(API_ACCESS)));
	});

	const cases = Object.entries(API_ACCESS).flatMap(([route, access]) => [null, ...ROLES].map((role) => ({ route, access, role })));
	it.each(cases)('$route as $role', async ({ route, access, role }) => {
		const [method, path] = route.split(' ');
		const init: RequestInit = method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: '{}' } : { method };
		const res = await api.request(concrete(path), init, { principal: role === null ? null : as(role) });
		const want = expected(access, role);
		const body = await res.text();
		// Allowed: the endpoint itself answered (owner-check's own 401 says the secret was wrong).
		if (want === 'allowed') expect(body).not.toMatch(/sign in first|this needs the \w+ role/);
		else {
			expect(res.status).toBe(want);
			expect(body).toMatch(want === 401 ? /sign in first/ : /this needs the \w+ role/);
		}
	});

	it('a viewer gets no figures per agent or for one agent; an analyst does', async () => {
		for (const q of ['by=assignee', 'by=segment,assignee', 'assignee=agent-1', 'where=assignee=agent-1']) {
			const res = await api.request(`/api/v1/kpis?metrics=tickets_created&${q}`, {}, { principal: as('viewer') });
			expect(res.status, q).toBe(403);
			expect((await res.json()).error.message).toContain('figures per assignee name people');
			expect((await api.request(`/api/v1/kpis?metrics=tickets_created&${q}`, {}, { principal: as('analyst') })).status, q).toBe(200);
		}
		expect((await api.request('/api/v1/kpis?metrics=tickets_created&by=segment', {}, { principal: as('viewer') })).status).toBe(200);
	});

	it('records who took a ticket-level CSV, with its filters', async () => {
		const res = await api.request('/api/v1/tickets?format=csv&metric=tickets_created', {}, { principal: as('analyst'), ip: '10.1.2.3' });
		expect(res.status).toBe(200);
		await res.text();
		const [entry] = await listAudit(db, { action: 'export' });
		expect(entry).toMatchObject({ actor: 'token analyst', actor_kind: 'token', subject: 'tickets', ip: '10.1.2.3' });
		expect(JSON.parse(String(entry.detail))).toEqual({ query: '?format=csv&metric=tickets_created' });
	});

	it('records who imported an upload, its files by name and what landed', async () => {
		const form = new FormData();
		form.append('source', 'generic');
		form.append('label', 'audited');
		form.append('file', new Blob([readFileSync(join(FIXTURES, 'generic-small', 'orgs.csv'))]), 'orgs.csv');
		const res = await api.request('/api/v1/imports', { method: 'POST', body: form }, { principal: as('admin'), ip: '10.9.9.9' });
		expect(res.status).toBe(200);
		const accepted = ((await res.json()) as { files: Array<{ rowsAccepted: number }> }).files[0].rowsAccepted;
		const [entry] = await listAudit(db, { action: 'import-upload' });
		expect(entry).toMatchObject({ actor: 'token admin', subject: 'orgs.csv', ip: '10.9.9.9' });
		expect(JSON.parse(String(entry.detail))).toEqual({ files: 1, rows_accepted: accepted, rows_rejected: 0 });
	});

	it('answers a user change the rules refuse with 400 and the reason', async () => {
		const admin = { principal: as('admin') };
		const add = (body: unknown) => api.request('/api/v1/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, admin);
		expect((await add({ email: 'lead@example.com', role: 'admin', password: 'a long passphrase' })).status).toBe(201);
		const again = await add({ email: 'Lead@example.com', role: 'viewer' });
		expect([again.status, (await again.json()).error.message]).toEqual([400, 'a user lead@example.com exists already']);
		const last = await api.request('/api/v1/users/lead%40example.com/remove', { method: 'POST' }, admin);
		expect([last.status, (await last.json()).error.message]).toEqual([400, 'lead@example.com is the only admin: make another user admin first']);
	});

	it('refuses a path no endpoint declares, whoever asks', async () => {
		const res = await api.request('/api/v1/secret-thing', {}, { principal: LOCAL_ADMIN });
		expect(res.status).toBe(404);
	});

	it('a viewer gets aggregates but no ticket-level list or CSV', async () => {
		const viewer = { principal: as('viewer') };
		expect((await api.request('/api/v1/kpis?format=csv', {}, viewer)).status).toBe(200);
		for (const path of ['/api/v1/tickets', '/api/v1/tickets?format=csv', '/api/v1/sessions', '/api/v1/searches', '/api/v1/reconcile', '/api/v1/kb-gaps/query?key=x', '/api/v1/imports/1/rejects.csv']) {
			expect((await api.request(path, {}, viewer)).status, path).toBe(403);
		}
	});
});

/** The SvelteKit route id of every page and endpoint file under src/routes. */
function routeIds(): string[] {
	const root = join(import.meta.dirname, '..', '..', 'src', 'routes');
	const ids: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const full = join(dir, name);
			if (statSync(full).isDirectory()) walk(full);
			else if (/^\+(page|server)\./.test(name)) ids.push('/' + relative(root, dir).split(sep).filter(Boolean).join('/'));
		}
	};
	walk(root);
	return [...new Set(ids.map((id) => (id === '/' ? '/' : id.replace(/\/$/, ''))))];
}

describe('every page declares who may open it', () => {
	it('PAGE_ACCESS holds exactly the routes in src/routes', () => {
		expect(new Set(Object.keys(PAGE_ACCESS))).toEqual(new Set(routeIds()));
	});

	it('ticket-level pages need an analyst, imports and admin pages an admin', () => {
		expect(PAGE_ACCESS['/tickets']).toBe('analyst');
		expect(PAGE_ACCESS['/self-service/query']).toBe('analyst');
		expect(PAGE_ACCESS['/imports']).toBe('admin');
		for (const id of Object.keys(PAGE_ACCESS).filter((k) => k.startsWith('/admin'))) expect(PAGE_ACCESS[id]).toBe('admin');
	});
});
