import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import type { ApiDeps } from './index';
import type { ApiEnv } from './access';
import { parseKpiQuery } from '../../filters';
import { addDigestAudited, findDigest, listDigests, parseDigestInput, removeDigestAudited } from '../delivery/digests';
import { actorOf, jsonBody } from './request';
import { addAlertRuleAudited, findAlertRule, listAlertRules, parseAlertRuleInput, removeAlertRuleAudited, setAlertRuleMutedAudited } from '../delivery/alert-rules';
import { sendDigestsNowAudited, sendTestMessage } from '../delivery/scheduler';
import { evaluateAlerts } from '../delivery/alerts';
import { listDeliveries, NotRetryable, retryDelivery } from '../delivery/messages';
import { smtpConfigured } from '../delivery/channels';

/** The largest request body the endpoints take. */
const MAX_BODY = 64 * 1024;

function idOf(c: Context<ApiEnv>): number {
	const id = c.req.param('id') ?? '';
	if (!/^[0-9]{1,9}$/.test(id)) throw new HTTPException(404, { message: `no such id ${id.slice(0, 40)}` });
	return Number(id);
}

/** The zone a request's dates default to: ?tz=, else UTC. */
const tzOf = (c: Context<ApiEnv>) => parseKpiQuery(new URL(c.req.url).searchParams).tz;

/**
 * Digests, alert rules and their deliveries (admin: they send the team's numbers to addresses
 * outside deskpulse). GET/POST /v1/digests, POST /v1/digests/send (`{"id": N}` or every
 * digest, at once), POST /v1/digests/:id/test|remove; GET/POST /v1/alerts, POST /v1/alerts/check,
 * POST /v1/alerts/:id/mute|unmute|test|remove; GET /v1/deliveries, POST
 * /v1/deliveries/:id/retry. Access per endpoint: auth/access.ts.
 */
export function deliveriesApi(deps: ApiDeps) {
	// A digest or a rule is a few hundred bytes of JSON; this API is mounted beside others at
	// /v1, so the limit names its own paths only.
	const small = bodyLimit({ maxSize: MAX_BODY, onError: (c) => c.json({ error: { message: `a digest or alert request is at most ${MAX_BODY / 1024} KB of JSON` } }, 413) });
	return new Hono<ApiEnv>()
		.use('/digests', small)
		.use('/digests/*', small)
		.use('/alerts', small)
		.use('/alerts/*', small)
		.use('/deliveries/*', small)
		.get('/digests', async (c) => c.json({ digests: await listDigests(await deps.db()), smtp_configured: smtpConfigured() }))
		.post('/digests', async (c) => {
			const digest = await addDigestAudited(await deps.db(), actorOf(c), parseDigestInput(await jsonBody(c), tzOf(c)));
			return c.json({ digest }, 201);
		})
		.post('/digests/send', async (c) => {
			const body = await jsonBody(c, { optional: true });
			const id = body.id === undefined || body.id === null ? null : Number(body.id);
			if (id !== null && (!Number.isInteger(id) || id < 1)) throw new HTTPException(400, { message: 'id must be a digest id' });
			return c.json(await sendDigestsNowAudited(await deps.db(), actorOf(c), id));
		})
		.post('/digests/:id/test', async (c) => {
			const db = await deps.db();
			const digest = await findDigest(db, idOf(c));
			return c.json({ outcomes: await sendTestMessage(db, { kind: 'digest-test', id: digest.digest_id, name: digest.name, recipients: digest.recipients }) });
		})
		.post('/digests/:id/remove', async (c) => {
			const id = idOf(c);
			await removeDigestAudited(await deps.db(), actorOf(c), id);
			return c.json({ removed: id });
		})
		.get('/alerts', async (c) => c.json({ rules: await listAlertRules(await deps.db()), smtp_configured: smtpConfigured() }))
		.post('/alerts', async (c) => {
			const rule = await addAlertRuleAudited(await deps.db(), actorOf(c), parseAlertRuleInput(await jsonBody(c), tzOf(c)));
			return c.json({ rule }, 201);
		})
		.post('/alerts/check', async (c) => c.json(await evaluateAlerts(await deps.db(), new Date(), 'admin')))
		.post('/alerts/:id/mute', async (c) => c.json({ rule: await setAlertRuleMutedAudited(await deps.db(), actorOf(c), idOf(c), true) }))
		.post('/alerts/:id/unmute', async (c) => c.json({ rule: await setAlertRuleMutedAudited(await deps.db(), actorOf(c), idOf(c), false) }))
		.post('/alerts/:id/test', async (c) => {
			const db = await deps.db();
			const rule = await findAlertRule(db, idOf(c));
			return c.json({ outcomes: await sendTestMessage(db, { kind: 'alert-test', id: rule.rule_id, name: rule.name, recipients: rule.recipients }) });
		})
		.post('/alerts/:id/remove', async (c) => {
			const id = idOf(c);
			await removeAlertRuleAudited(await deps.db(), actorOf(c), id);
			return c.json({ removed: id });
		})
		.get('/deliveries', async (c) => {
			const limitText = c.req.query('limit') ?? '100';
			const limit = Number(limitText);
			if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new HTTPException(400, { message: `limit must be a whole number from 1 to 1000, got "${limitText}"` });
			return c.json({ deliveries: await listDeliveries(await deps.db(), { limit }) });
		})
		.post('/deliveries/:id/retry', async (c) => {
			const outcomes = await retryDelivery(await deps.db(), idOf(c)).catch((e) => {
				if (e instanceof NotRetryable) throw new HTTPException(404, { message: e.message });
				throw e;
			});
			return c.json({ outcomes });
		});
}
