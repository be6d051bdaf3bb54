import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ApiDeps } from './index';
import type { ApiEnv } from './access';
import { listUsers, findUser } from '../auth/users';
import { listTokens } from '../auth/tokens';
import { listAudit } from '../auth/audit';
import { addUserAudited, createTokenAudited, linkUrl, newLinkAudited, removeUserAudited, revokeTokenAudited, setRoleAudited } from '../auth/manage';
import { actorOf, jsonBody } from './request';
import { toCsv } from '../../csv';

function text(body: Record<string, unknown>, name: string): string {
	const value = body[name];
	if (typeof value !== 'string' || !value) throw new HTTPException(400, { message: `${name} is required` });
	return value;
}

const AUDIT_COLUMNS = ['audit_id', 'happened_at', 'actor_kind', 'actor', 'action', 'subject', 'detail', 'ip'];

/**
 * GET /v1/session (who am I), users and tokens (admin: list, add, change role, remove, a new
 * one-time link; create and revoke tokens) and the audit log. Access per endpoint: auth/access.ts.
 */
export function accountsApi(deps: ApiDeps) {
	return new Hono<ApiEnv>()
		.get('/session', (c) => c.json({ principal: c.get('principal') }))
		.get('/users', async (c) => c.json({ users: await listUsers(await deps.db()) }))
		.post('/users', async (c) => {
			const body = await jsonBody(c);
			const password = typeof body.password === 'string' ? body.password : null;
			const added = await addUserAudited(await deps.db(), actorOf(c), { email: text(body, 'email'), role: text(body, 'role'), password });
			return c.json({ user: added.user, link: added.linkSecret ? linkUrl(added.linkSecret, new URL(c.req.url).origin) : null }, 201);
		})
		.post('/users/:email/role', async (c) => {
			const body = await jsonBody(c);
			const user = await setRoleAudited(await deps.db(), actorOf(c), c.req.param('email'), text(body, 'role'));
			return c.json({ user });
		})
		.post('/users/:email/remove', async (c) => {
			const user = await removeUserAudited(await deps.db(), actorOf(c), c.req.param('email'));
			return c.json({ removed: user.email });
		})
		.post('/users/:email/link', async (c) => {
			const db = await deps.db();
			const user = await findUser(db, { email: c.req.param('email') });
			if (!user) throw new HTTPException(404, { message: `no user ${c.req.param('email')}` });
			const secret = await newLinkAudited(db, actorOf(c), user);
			return c.json({ link: linkUrl(secret, new URL(c.req.url).origin) });
		})
		.get('/tokens', async (c) => c.json({ tokens: await listTokens(await deps.db(), c.req.query('all') === 'true') }))
		.post('/tokens', async (c) => {
			const body = await jsonBody(c);
			const token = await createTokenAudited(await deps.db(), actorOf(c), { name: text(body, 'name'), role: text(body, 'role') });
			return c.json(token, 201);
		})
		.post('/tokens/:id/revoke', async (c) => {
			const id = Number(c.req.param('id'));
			if (!Number.isInteger(id) || id < 1) throw new HTTPException(400, { message: 'id must be a positive whole number' });
			return c.json({ revoked: await revokeTokenAudited(await deps.db(), actorOf(c), id) });
		})
		.get('/audit', async (c) => {
			const limit = Number(c.req.query('limit') ?? '100');
			if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new HTTPException(400, { message: 'limit must be a whole number from 1 to 10000' });
			const beforeText = c.req.query('before');
			const before = beforeText === undefined ? null : Number(beforeText);
			if (before !== null && !Number.isInteger(before)) throw new HTTPException(400, { message: 'before must be an audit id' });
			const entries = await listAudit(await deps.db(), { limit, before, action: c.req.query('action') ?? null });
			if (c.req.query('format') === 'csv') {
				return c.body(toCsv(AUDIT_COLUMNS, entries), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="deskpulse-audit.csv"' });
			}
			return c.json({ entries });
		});
}
