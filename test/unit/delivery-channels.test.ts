import type { ServerResponse } from 'node:http';
import { closedPort, closeMailServers, decodedBody, header, leafParts, ok, partOfType, smtpSink, webhookStub } from '../helpers/mail';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/lib/server/auth/users';
import {
	deliver,
	DeliveryError,
	maskedTarget,
	parseTarget,
	parseTargets,
	retryDelayMs,
	smtpConfigured,
	targetText,
	type OutgoingMessage,
	type Target
} from '../../src/lib/server/delivery/channels';

const SLACK_URL = 'https://hooks.slack.com/services/T000/B000/abcdefghijklwxyz';
const TEAMS_URL = 'https://contoso.webhook.office.com/webhookb2/0000/IncomingWebhook/abcd/efgh';

/** What a user may type, and the Target it means. */
const readable: Array<[string, Target]> = [
	['ops@example.com', { channel: 'email', address: 'ops@example.com' }],
	['  mailto:Ops.Team+digest@example.co.uk ', { channel: 'email', address: 'Ops.Team+digest@example.co.uk' }],
	[SLACK_URL, { channel: 'slack', address: SLACK_URL }],
	[`slack:${SLACK_URL}`, { channel: 'slack', address: SLACK_URL }],
	[TEAMS_URL, { channel: 'teams', address: TEAMS_URL }],
	['https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=s3cr3t', { channel: 'teams', address: 'https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=s3cr3t' }],
	['https://default0.environment.api.powerplatform.com/powerautomate/x', { channel: 'teams', address: 'https://default0.environment.api.powerplatform.com/powerautomate/x' }],
	['TEAMS:https://relay.internal/teams/abc', { channel: 'teams', address: 'https://relay.internal/teams/abc' }],
	['slack:http://127.0.0.1:8080/hook', { channel: 'slack', address: 'http://127.0.0.1:8080/hook' }]
];

/** What must be refused, and a word the reason must contain. */
const refused: Array<[string, RegExp]> = [
	['', /empty/],
	['ops', /not a plain email/],
	['ops@', /not a plain email/],
	['@example.com', /not a plain email/],
	['ops @example.com', /not a plain email/],
	['a@b.com\nBcc: x@y.z', /not a plain email/],
	['a@b.com\r\nBcc: x@y.z', /not a plain email/],
	['<ops@example.com>', /not a plain email/],
	['Ops <ops@example.com>', /not a plain email/],
	['ops@example.com,x@y.z', /not a plain email/],
	['mailto:ops@example.com?cc=x@y.z', /not a plain email/],
	[`${'a'.repeat(250)}@b.com`, /at most 254/],
	['javascript:alert(1)', /neither an email address nor/],
	['javascript:a@b.com', /not a plain email/],
	['file:///etc/passwd', /neither an email address nor/],
	['slack:file:///etc/passwd', /https/],
	['slack:javascript:alert(1)', /https/],
	['slack:', /whole URL/],
	['teams:not a url', /whole URL/],
	['slack:https://user:pw@hooks.slack.com/services/x', /user name or password/],
	['http://hooks.slack.com/services/x', /https/],
	['ftp://hooks.slack.com/x', /neither an email address nor/]
];

describe('reading recipients', () => {
	it.each(readable)('reads %j', (text, target) => {
		expect(parseTarget(text)).toEqual(target);
	});

	it.each(refused)('refuses %j', (text, reason) => {
		expect(() => parseTarget(text)).toThrow(UserError);
		expect(() => parseTarget(text)).toThrow(reason);
	});

	it('reads back its stored form to the same target', () => {
		for (const [, target] of readable) {
			const stored = targetText(target);
			expect(parseTarget(stored)).toEqual(target);
		}
		expect(targetText({ channel: 'slack', address: SLACK_URL })).toBe(`slack:${SLACK_URL}`);
		expect(targetText({ channel: 'email', address: 'ops@example.com' })).toBe('ops@example.com');
	});

	it('shows a webhook by its host and last 4 characters only', () => {
		expect(maskedTarget({ channel: 'slack', address: SLACK_URL })).toBe('slack: hooks.slack.com/…wxyz');
		expect(maskedTarget({ channel: 'teams', address: TEAMS_URL })).toBe('teams: contoso.webhook.office.com/…efgh');
		expect(maskedTarget({ channel: 'email', address: 'ops@example.com' })).toBe('ops@example.com');
		expect(maskedTarget({ channel: 'slack', address: SLACK_URL })).not.toContain('T000');
	});

	it('splits a list on commas, spaces and newlines, dropping empties and duplicates', () => {
		const list = ` ops@example.com, ,OPS@Example.com\n${SLACK_URL}  slack:${SLACK_URL},lead@example.com,\n`;
		expect(parseTargets(list)).toEqual([
			{ channel: 'email', address: 'ops@example.com' },
			{ channel: 'slack', address: SLACK_URL },
			{ channel: 'email', address: 'lead@example.com' }
		]);
		expect(parseTargets(['ops@example.com', 'a@b.com, c@d.com'])).toHaveLength(3);
		expect(parseTargets(`slack: ${SLACK_URL}`)).toEqual([{ channel: 'slack', address: SLACK_URL }]);
	});

	it('keeps webhook URLs that differ only in case apart: their paths are case-sensitive', () => {
		expect(parseTargets(`slack:http://stub/Hook slack:http://stub/hook`)).toHaveLength(2);
	});

	it('refuses an empty list, more than 50 recipients, and a list with one bad entry', () => {
		expect(() => parseTargets(' , \n')).toThrow(/at least one/);
		expect(() => parseTargets([])).toThrow(UserError);
		const fifty = Array.from({ length: 50 }, (_, i) => `user${i}@example.com`);
		expect(parseTargets(fifty)).toHaveLength(50);
		expect(() => parseTargets([...fifty, 'one.more@example.com'])).toThrow(/at most 50/);
		// Duplicates do not count towards the limit.
		expect(parseTargets([...fifty, 'USER0@example.com'])).toHaveLength(50);
		expect(() => parseTargets('ops@example.com, javascript:alert(1)')).toThrow(UserError);
		expect(() => parseTargets('a@b.com\nBcc: x@y.z')).toThrow(UserError);
	});
});

describe('retries', () => {
	it('waits 1 min, 5 min, 15 min, 1 h, 4 h, then gives up', () => {
		expect([1, 2, 3, 4, 5, 6, 7].map(retryDelayMs)).toEqual([60_000, 300_000, 900_000, 3_600_000, 14_400_000, null, null]);
		expect(() => retryDelayMs(0)).toThrow(RangeError);
	});
});

/** A message with something to escape in every chat field. */
function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
	return {
		subject: 'Weekly digest: FRT up 12%',
		html: '<!doctype html><html><body><h1>Weekly digest</h1><p>First response time: 4.2 h</p></body></html>',
		text: '# Weekly digest\n\nFirst response time: **4.2 h**\n',
		chat: {
			title: 'Weekly digest <Support & Success>',
			lines: ['FRT 4.2 h (+12%)', 'CSAT 91% > target'],
			link: 'https://deskpulse.example.com/review?week=2026-W48&team=a'
		},
		attachments: [{ filename: 'digest-2026-W48.md', contentType: 'text/markdown', content: '# Digest\n\nAll the numbers.\n' }],
		messageId: 'digest-3-2026-11-30T0700Z',
		...overrides
	};
}

// ---- email ----

afterEach(closeMailServers);

describe('email', () => {
	it('sends one message with the subject, both bodies, the attachment and a stable Message-ID', async () => {
		const sink = await smtpSink();
		await deliver({ channel: 'email', address: 'ops@example.com' }, message(), { smtpUrl: `smtp://127.0.0.1:${sink.port}`, from: 'deskpulse <digest@deskpulse.test>' });

		expect(sink.messages).toHaveLength(1);
		const [{ from, to, raw }] = sink.messages;
		expect(from).toBe('digest@deskpulse.test');
		expect(to).toEqual(['ops@example.com']);
		expect(header(raw, 'To')).toBe('ops@example.com');
		expect(header(raw, 'Subject')).toBe('Weekly digest: FRT up 12%');
		expect(header(raw, 'Message-ID')).toBe('<digest-3-2026-11-30T0700Z@deskpulse>');
		expect(header(raw, 'Auto-Submitted')).toBe('auto-generated');
		expect(header(raw, 'X-Deskpulse-Message')).toBe('digest-3-2026-11-30T0700Z');
		expect(decodedBody(partOfType(raw, 'text/html'))).toContain('<h1>Weekly digest</h1><p>First response time: 4.2 h</p>');
		expect(decodedBody(partOfType(raw, 'text/plain'))).toContain('First response time: **4.2 h**');
		const attachment = partOfType(raw, 'text/markdown');
		expect(header(attachment, 'Content-Disposition')).toMatch(/attachment; filename="?digest-2026-W48\.md"?/);
		expect(decodedBody(attachment)).toContain('All the numbers.');
	});

	it('uses DESKPULSE_SMTP_URL and DESKPULSE_SMTP_FROM when no options say otherwise', async () => {
		const sink = await smtpSink();
		const saved = { url: process.env.DESKPULSE_SMTP_URL, from: process.env.DESKPULSE_SMTP_FROM };
		process.env.DESKPULSE_SMTP_URL = `smtp://127.0.0.1:${sink.port}`;
		process.env.DESKPULSE_SMTP_FROM = 'reports@deskpulse.test';
		try {
			expect(smtpConfigured()).toBe(true);
			expect(smtpConfigured({ smtpUrl: null })).toBe(false);
			await deliver({ channel: 'email', address: 'lead@example.com' }, message());
		} finally {
			restoreEnv('DESKPULSE_SMTP_URL', saved.url);
			restoreEnv('DESKPULSE_SMTP_FROM', saved.from);
		}
		expect(sink.messages.map((m) => [m.from, m.to])).toEqual([['reports@deskpulse.test', ['lead@example.com']]]);
	});

	it('takes a local sink that offers STARTTLS with a self-signed certificate (loopback is not checked)', async () => {
		const sink = await smtpSink(false, true);
		await deliver({ channel: 'email', address: 'ops@example.com' }, message(), { smtpUrl: `smtp://127.0.0.1:${sink.port}` });
		expect(sink.messages).toHaveLength(1);
		// The URL has the last word: asked to check, the self-signed certificate is refused.
		const strict = deliver({ channel: 'email', address: 'ops@example.com' }, message(), { smtpUrl: `smtp://127.0.0.1:${sink.port}/?tls.rejectUnauthorized=true`, timeoutMs: 5000 });
		await expect(strict).rejects.toThrow(/certificate/i);
		expect(sink.messages).toHaveLength(1);
	});

	it('fails with a DeliveryError when the server refuses the recipient', async () => {
		const sink = await smtpSink(true);
		const attempt = deliver({ channel: 'email', address: 'gone@example.com' }, message(), { smtpUrl: `smtp://127.0.0.1:${sink.port}` });
		await expect(attempt).rejects.toThrow(DeliveryError);
		await expect(attempt).rejects.toThrow(/email to gone@example\.com via 127\.0\.0\.1:\d+ failed: .*550/);
		expect(sink.messages).toHaveLength(0);
	});

	it('fails with a DeliveryError when no SMTP server is configured', async () => {
		expect(smtpConfigured({ smtpUrl: null })).toBe(false);
		expect(smtpConfigured({ smtpUrl: 'smtp://mail.example.com' })).toBe(true);
		await expect(deliver({ channel: 'email', address: 'ops@example.com' }, message(), { smtpUrl: null })).rejects.toThrow(new DeliveryError('email needs DESKPULSE_SMTP_URL'));
		await expect(deliver({ channel: 'email', address: 'ops@example.com' }, message(), { smtpUrl: '' })).rejects.toThrow(DeliveryError);
	});

	it('never shows the SMTP password, even when the connection fails', async () => {
		const port = await closedPort();
		const error = await deliver({ channel: 'email', address: 'ops@example.com' }, message(), { smtpUrl: `smtp://user:secret@127.0.0.1:${port}`, timeoutMs: 5_000 }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DeliveryError);
		expect((error as Error).message).toMatch(new RegExp(`^email to ops@example\\.com via 127\\.0\\.0\\.1:${port} failed: connect ECONNREFUSED`));
		expect((error as Error).message).not.toContain('secret');
		const wrongScheme = await deliver({ channel: 'email', address: 'ops@example.com' }, message(), { smtpUrl: `http://user:secret@127.0.0.1:${port}` }).catch((e: unknown) => e);
		expect(wrongScheme).toBeInstanceOf(DeliveryError);
		expect((wrongScheme as Error).message).not.toContain('secret');
	});

	it('refuses a message id that would break the Message-ID header', async () => {
		const sink = await smtpSink();
		const attempt = deliver({ channel: 'email', address: 'ops@example.com' }, message({ messageId: 'x>\r\nBcc: evil@example.com' }), { smtpUrl: `smtp://127.0.0.1:${sink.port}` });
		await expect(attempt).rejects.toThrow(DeliveryError);
		expect(sink.messages).toHaveLength(0);
	});
});

function restoreEnv(name: string, value: string | undefined) {
	if (value === undefined) delete process.env[name];
	else process.env[name] = value;
}

// ---- webhooks ----


const SECRET_PATH = '/services/T0SECRET/B0SECRET/tokenxyz';

describe('slack and teams webhooks', () => {
	it('posts Slack a mrkdwn text with the title, the lines and the link, &<> escaped', async () => {
		const stub = await webhookStub(ok);
		await deliver(parseTarget(`slack:${stub.base}${SECRET_PATH}`), message());

		expect(stub.received).toHaveLength(1);
		const [request] = stub.received;
		expect(request.method).toBe('POST');
		expect(request.path).toBe(SECRET_PATH);
		expect(request.contentType).toMatch(/^application\/json/);
		const { text } = request.body as { text: string };
		expect(text.split('\n')).toEqual([
			'*Weekly digest &lt;Support &amp; Success&gt;*',
			'FRT 4.2 h (+12%)',
			'CSAT 91% &gt; target',
			'<https://deskpulse.example.com/review?week=2026-W48&amp;team=a|Open in deskpulse>'
		]);
	});

	it('posts any other webhook URL the Slack text and the parts beside it', async () => {
		const stub = await webhookStub(ok);
		const target = parseTarget(`${stub.base}/hooks/deskpulse`);
		expect(target).toEqual({ channel: 'webhook', address: `${stub.base}/hooks/deskpulse` });
		expect(parseTarget('https://chat.example.com/hooks/abc')).toEqual({ channel: 'webhook', address: 'https://chat.example.com/hooks/abc' });
		expect(maskedTarget(target)).toMatch(/^webhook: 127\.0\.0\.1:\d+\/…ulse$/);
		await deliver(target, message({ chat: { title: 'Alert', lines: ['SLA 80%'], link: 'https://deskpulse.example.com/sla' } }));
		expect(stub.received[0].body).toEqual({
			text: '*Alert*\nSLA 80%\n<https://deskpulse.example.com/sla|Open in deskpulse>',
			subject: message().subject,
			title: 'Alert',
			lines: ['SLA 80%'],
			link: 'https://deskpulse.example.com/sla'
		});
	});

	it('leaves the link out of Slack text when there is none', async () => {
		const stub = await webhookStub(ok);
		await deliver(parseTarget(`slack:${stub.base}/hook`), message({ chat: { title: 'Alert', lines: ['SLA 80%'], link: null } }));
		expect((stub.received[0].body as { text: string }).text).toBe('*Alert*\nSLA 80%');
	});

	it('posts Teams an Adaptive Card with a TextBlock per line and an Open in deskpulse action', async () => {
		const stub = await webhookStub((res) => res.writeHead(202).end());
		await deliver(parseTarget(`teams:${stub.base}/workflows/abc`), message());

		expect(stub.received).toHaveLength(1);
		expect(stub.received[0].method).toBe('POST');
		expect(stub.received[0].contentType).toMatch(/^application\/json/);
		const body = stub.received[0].body as { type: string; attachments: Array<{ contentType: string; content: Record<string, unknown> }> };
		expect(body.type).toBe('message');
		expect(body.attachments).toHaveLength(1);
		expect(body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
		const card = body.attachments[0].content;
		expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4', $schema: expect.stringContaining('adaptivecards.io') });
		expect(card.body).toEqual([
			expect.objectContaining({ type: 'TextBlock', text: 'Weekly digest <Support & Success>', weight: 'Bolder', wrap: true }),
			{ type: 'TextBlock', text: 'FRT 4.2 h (+12%)', wrap: true },
			{ type: 'TextBlock', text: 'CSAT 91% > target', wrap: true }
		]);
		expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open in deskpulse', url: 'https://deskpulse.example.com/review?week=2026-W48&team=a' }]);
	});

	it('gives Teams no action when there is no link', async () => {
		const stub = await webhookStub(ok);
		await deliver(parseTarget(`teams:${stub.base}/hook`), message({ chat: { title: 'Alert', lines: [], link: null } }));
		const body = stub.received[0].body as { attachments: Array<{ content: { actions: unknown[]; body: unknown[] } }> };
		expect(body.attachments[0].content.actions).toEqual([]);
		expect(body.attachments[0].content.body).toHaveLength(1);
	});

	it('turns a 500 into a DeliveryError naming the host, the status and the body, not the path', async () => {
		const stub = await webhookStub((res) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`no_service\nfor ${SECRET_PATH} ${'x'.repeat(1000)}`));
		const host = new URL(stub.base).host;
		const error = await deliver(parseTarget(`slack:${stub.base}${SECRET_PATH}`), message()).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DeliveryError);
		const text = (error as Error).message;
		expect(text).toMatch(new RegExp(`^slack webhook ${host} answered 500: no_service for `));
		expect(text).not.toContain('SECRET');
		expect(text).not.toContain('tokenxyz');
		expect(text.length).toBeLessThan(300);
	});

	it('does not follow a redirect: a 302 is a DeliveryError and the target is never called', async () => {
		const target = await webhookStub(ok);
		const stub = await webhookStub((res) => res.writeHead(302, { location: `${target.base}/elsewhere` }).end());
		const error = await deliver(parseTarget(`teams:${stub.base}${SECRET_PATH}`), message()).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DeliveryError);
		expect((error as Error).message).toMatch(/answered 302/);
		expect((error as Error).message).not.toContain('SECRET');
		expect(target.received).toHaveLength(0);
	});

	it('gives up on a webhook that never answers', async () => {
		const stub = await webhookStub(() => undefined);
		const started = Date.now();
		const error = await deliver(parseTarget(`slack:${stub.base}${SECRET_PATH}`), message(), { timeoutMs: 300 }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DeliveryError);
		expect((error as Error).message).toMatch(/gave no answer within 300 ms/);
		expect((error as Error).message).not.toContain('SECRET');
		expect(Date.now() - started).toBeLessThan(5_000);
	});

	it('reports an unreachable webhook without its path', async () => {
		const port = await closedPort();
		const error = await deliver(parseTarget(`slack:http://127.0.0.1:${port}${SECRET_PATH}`), message(), { timeoutMs: 5_000 }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DeliveryError);
		expect((error as Error).message).toMatch(/could not be reached: ECONNREFUSED/);
		expect((error as Error).message).not.toContain('SECRET');
	});
});
