import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/lib/server/db/database';
import { createApi } from '../../src/lib/server/api';
import type { Principal } from '../../src/lib/roles';
import { ADMIN_ENV, CLI_ENV } from '../helpers/api';
import { tempFolder } from '../helpers/db';
import { closeMailServers, header, ok, smtpSink, webhookStub } from '../helpers/mail';
import { IMPORT_A, IMPORT_B, IMPORT_C, ORGS } from '../helpers/delivery-fixture';

const as = (role: Principal['role']): { principal: Principal } => ({ principal: { kind: 'user', id: `u-${role}`, name: `${role}@example.com`, role } });
const SECRET = '/services/T0/B0/s3cr3tXYZ';

describe('digests and alert rules over the API', () => {
	let db: Database;
	let api: ReturnType<typeof createApi>;
	const savedSmtp = process.env.DESKPULSE_SMTP_URL;
	const post = (path: string, body: unknown, env: { principal: Principal } = ADMIN_ENV) =>
		api.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, env);
	const get = (path: string, env: { principal: Principal } = ADMIN_ENV) => api.request(path, {}, env);

	beforeAll(async () => {
		db = await Database.open(':memory:');
		api = createApi({ db: async () => db });
	});
	afterEach(async () => {
		await closeMailServers();
		if (savedSmtp === undefined) delete process.env.DESKPULSE_SMTP_URL;
		else process.env.DESKPULSE_SMTP_URL = savedSmtp;
	});
	afterAll(() => db.close());

	it('is an admin\'s: viewers and analysts are refused every endpoint', async () => {
		for (const role of ['viewer', 'analyst'] as const) {
			expect((await get('/api/v1/digests', as(role))).status).toBe(403);
			expect((await get('/api/v1/alerts', as(role))).status).toBe(403);
			expect((await get('/api/v1/deliveries', as(role))).status).toBe(403);
			expect((await post('/api/v1/digests', { to: 'a@example.com', schedule: '@weekly' }, as(role))).status).toBe(403);
			expect((await post('/api/v1/digests/send', {}, as(role))).status).toBe(403);
			expect((await post('/api/v1/alerts/1/mute', {}, as(role))).status).toBe(403);
		}
		expect((await api.request('/api/v1/digests', {}, { principal: null })).status).toBe(401);
	});

	it('refuses what cannot be sent, saying why', async () => {
		const refused = async (body: Record<string, unknown>, pattern: RegExp) => {
			const res = await post('/api/v1/digests', { to: 'a@example.com', schedule: '0 8 * * 1', ...body });
			expect(res.status).toBe(400);
			expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(pattern);
		};
		await refused({ schedule: '0 8 * *' }, /five cron fields/);
		await refused({ schedule: '0 25 * * 1' }, /hour/i);
		await refused({ tz: 'Berlin' }, /time zone/);
		await refused({ content: '/tickets?plan=premium' }, /one of the pages/);
		await refused({ content: '/sla?plan=' + 'x'.repeat(600) }, /at most 500/);
		await refused({ to: 'javascript:alert(1)' }, /./);
		await refused({ to: 'a@example.com\nBcc: b@example.com' }, /./);
		await refused({ attach: 'exe' }, /attach takes/);
		await refused({ name: 'Weekly\r\nBcc: x@example.com' }, /one line/);
		expect((await post('/api/v1/digests', { to: 'a@example.com', schedule: '@weekly', name: 'x'.repeat(70_000) })).status).toBe(413);
		const rule = await post('/api/v1/alerts', { to: 'a@example.com', metric: 'csat_rate', condition: 'change_points' });
		expect(rule.status).toBe(400);
		expect((await post('/api/v1/alerts', { to: 'a@example.com', metric: 'tickets_created', condition: 'change_points', threshold: 5 })).status).toBe(400);
		expect((await post('/api/v1/alerts', { to: 'a@example.com', metric: 'nope', condition: 'above', threshold: 1 })).status).toBe(400);
		expect((await post('/api/v1/alerts', { to: 'a@example.com', condition: 'flag', filters: 'assignee_email=x' })).status).toBe(400);
		// The CLI's shorthand works in JSON too: {"below": "85%"}, recipients as `channels`, filters as `where`.
		const short = await post('/api/v1/alerts', { channels: ['a@example.com'], metric: 'csat_rate', below: '85%', where: { segment: 'scaled' } });
		expect(short.status).toBe(201);
		expect(((await short.json()) as { rule: { condition: string; threshold: number; filters: string } }).rule).toMatchObject({ condition: 'below', threshold: 0.85, filters: 'segment=scaled' });
		await post('/api/v1/alerts/1/remove', {});
		expect((await post('/api/v1/digests/77/remove', {})).status).toBe(404);
		expect((await post('/api/v1/alerts/77/mute', {})).status).toBe(404);
		expect((await post('/api/v1/deliveries/77/retry', {})).status).toBe(404);
	});

	it('adds a digest, lists it with the webhook masked, sends it at once, and removes it', async () => {
		const stub = await webhookStub(ok);
		const added = await post('/api/v1/digests', { to: `slack:${stub.base}${SECRET}`, schedule: '0 8 * * 1', tz: 'Europe/Berlin', content: 'https://deskpulse.example.com/sla?plan=premium&as_of=2026-01-01T00:00:00Z&week=2026-W01' });
		expect(added.status).toBe(201);
		const { digest } = (await added.json()) as { digest: { digest_id: number; content: string; name: string } };
		// The page's filters are kept; a period's as_of and week are each send's own.
		expect(digest.content).toBe('/sla?plan=premium');
		expect(digest.name).toBe('SLA (plan = premium)');
		const listed = await (await get('/api/v1/digests')).text();
		expect(listed).not.toContain('s3cr3t');
		expect(listed).toContain('Mondays at 08:00 (Europe/Berlin)');

		const sent = (await (await post('/api/v1/digests/send', { id: digest.digest_id })).json()) as { outcomes: Array<{ status: string }> };
		expect(sent.outcomes).toMatchObject([{ status: 'sent' }]);
		expect(stub.received).toHaveLength(1);
		expect(stub.received[0].path).toBe(SECRET);
		const text = (stub.received[0].body as { text: string }).text;
		expect(text).toContain('SLA (plan = premium)');
		expect(text).toMatch(/\/sla\?plan=premium&amp;tz=Europe%2FBerlin&amp;hours=\w+&amp;as_of=/);

		const test = (await (await post(`/api/v1/digests/${digest.digest_id}/test`, {})).json()) as { outcomes: Array<{ status: string }> };
		expect(test.outcomes).toMatchObject([{ status: 'sent' }]);
		expect((stub.received[1].body as { text: string }).text).toContain('test delivery');

		const deliveries = (await (await get('/api/v1/deliveries')).json()) as { deliveries: Array<{ kind: string; status: string; target_shown: string }> };
		expect(deliveries.deliveries.map((d) => d.kind)).toEqual(['digest-test', 'digest-now']);
		expect(JSON.stringify(deliveries)).not.toContain('s3cr3t');

		expect((await post(`/api/v1/digests/${digest.digest_id}/remove`, {})).status).toBe(200);
		expect(((await (await get('/api/v1/digests')).json()) as { digests: unknown[] }).digests).toEqual([]);
		const audit = (await (await get('/api/v1/audit')).json()) as { entries?: Array<{ action: string }>; rows?: Array<{ action: string }> };
		const actions = (audit.entries ?? audit.rows ?? []).map((e) => e.action);
		expect(actions).toEqual(expect.arrayContaining(['digest-add', 'digest-send', 'digest-remove']));
	});

	it('an alert rule on CSAT below 85 % for a segment fires once, when the import that makes it true lands', async () => {
		const sink = await smtpSink();
		process.env.DESKPULSE_SMTP_URL = `smtp://127.0.0.1:${sink.port}`;
		const importFolder = (files: Record<string, string>) =>
			api.request('/api/v1/imports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: tempFolder(files), source: 'generic' }) }, CLI_ENV);
		const rule = await post('/api/v1/alerts', { to: 'leads@example.com', metric: 'csat_rate', condition: 'below', threshold: '85%', filters: { segment: 'high_touch' }, tz: 'Europe/Berlin' });
		expect(rule.status).toBe(201);
		const { rule: added } = (await rule.json()) as { rule: { rule_id: number; name: string } };
		expect(added.name).toBe('CSAT below 85.0 % for segment = high_touch');

		expect((await importFolder({ 'tickets.csv': IMPORT_A, 'orgs.csv': ORGS })).status).toBe(200);
		expect(sink.messages).toHaveLength(0);
		expect((await importFolder({ 'tickets.csv': IMPORT_B })).status).toBe(200);
		expect(sink.messages).toHaveLength(1);
		expect(header(sink.messages[0].raw, 'Subject')).toBe('deskpulse alert: CSAT below 85.0 % for segment = high_touch (2026-W24)');
		expect((await importFolder({ 'tickets.csv': IMPORT_C })).status).toBe(200);
		expect((await post('/api/v1/alerts/check', {})).status).toBe(200);
		expect(sink.messages).toHaveLength(1);

		// Muted, it stays listed and is not evaluated.
		expect(((await (await post(`/api/v1/alerts/${added.rule_id}/mute`, {})).json()) as { rule: { muted: boolean } }).rule.muted).toBe(true);
		const rules = (await (await get('/api/v1/alerts')).json()) as { rules: Array<{ muted: boolean; last_fired_week: string }> };
		expect(rules.rules).toMatchObject([{ muted: true, last_fired_week: '2026-W24' }]);
		const check = (await (await post('/api/v1/alerts/check', {})).json()) as { findings: unknown[] };
		expect(check.findings).toEqual([]);
	});
});
