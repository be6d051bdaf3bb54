import nodemailer from 'nodemailer';
import { webhookHost, type Target } from './targets';

export type { Channel, Target } from './targets';
export { maskedTarget, parseTarget, parseTargets, targetText } from './targets';

/** A message composed once and sent to every target of its digest or alert (the same bytes on a retry). */
export interface OutgoingMessage {
	subject: string;
	/** The email body: a whole HTML document. */
	html: string;
	/** The email's plain-text alternative (Markdown). */
	text: string;
	/** What Slack and Teams get: a short title, a few lines (headline numbers, flags), and a link. */
	chat: { title: string; lines: string[]; link: string | null };
	/** Email attachments (Markdown, PDF; with `cid`, an image the HTML shows inline); chat channels ignore them. */
	attachments: Array<{ filename: string; contentType: string; content: Buffer | string; cid?: string }>;
	/** A stable id for this message (e.g. `digest-3-2026-11-30T0700Z`): the email's Message-ID is `<${messageId}@deskpulse>`, so a resend after a crash is the same message to a mail client. */
	messageId: string;
}

export interface DeliveryOptions {
	/**
	 * SMTP server URL, e.g. smtp://user:pass@mail.example.com:587 or smtps://...; when left out,
	 * process.env.DESKPULSE_SMTP_URL. An explicit null or '' means "no SMTP server" (the environment is not read).
	 */
	smtpUrl?: string | null;
	/** The From address; default process.env.DESKPULSE_SMTP_FROM, else `deskpulse <deskpulse@localhost>`. */
	from?: string;
	/** Give up on one attempt after this long (connect + send), default 20 000 ms. */
	timeoutMs?: number;
}

/** Why one attempt failed, in a line fit for the admin page (never the SMTP password or the whole webhook URL). */
export class DeliveryError extends Error {
	override name = 'DeliveryError';
}

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_FROM = 'deskpulse <deskpulse@localhost>';
/** A response body quoted in an error: enough for Slack's `no_service` or a proxy's one-line excuse. */
const MAX_QUOTED_BODY = 200;
/** Bytes read from an error response at most: a misconfigured endpoint may answer with a whole web page. */
const MAX_READ_BODY = 4096;
const OPEN_LABEL = 'Open in deskpulse';

/** 1 min, 5 min, 15 min, 1 h, 4 h: quick enough for a blip, slow enough not to hammer a server that is down. */
const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 4 * 60 * 60_000];

/** The wait before retry number `attempt` (1 = the first retry after the first failure); null after 5 retries (give up: the delivery stays failed). */
export function retryDelayMs(attempt: number): number | null {
	if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`retry attempts count from 1, got ${attempt}`);
	return RETRY_DELAYS_MS[attempt - 1] ?? null;
}

/** The SMTP URL in force: an explicit option wins, even an empty one, so a caller can say "none" whatever the environment holds. */
function smtpUrlOf(options: DeliveryOptions): string | null {
	const url = options.smtpUrl !== undefined ? options.smtpUrl : process.env.DESKPULSE_SMTP_URL;
	return url?.trim() || null;
}

/** Whether email can be sent: an SMTP URL is configured. */
export function smtpConfigured(options: DeliveryOptions = {}): boolean {
	return smtpUrlOf(options) !== null;
}

/**
 * Sends `message` to one target: email over SMTP, or a POST to a Slack or Teams incoming webhook.
 * Throws DeliveryError with a reason fit for the admin page; the caller decides on retries.
 */
export async function deliver(target: Target, message: OutgoingMessage, options: DeliveryOptions = {}): Promise<void> {
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	if (target.channel === 'email') return sendEmail(target.address, message, options, timeoutMs);
	if (target.channel === 'slack') return postWebhook(target, slackPayload(message.chat), timeoutMs);
	if (target.channel === 'teams') return postWebhook(target, teamsPayload(message.chat), timeoutMs);
	// Slack's `text` for tools that read that, and the parts for those that build their own.
	if (target.channel === 'webhook') return postWebhook(target, { ...slackPayload(message.chat), subject: message.subject, title: message.chat.title, lines: message.chat.lines, link: message.chat.link }, timeoutMs);
	throw new DeliveryError(`unknown channel ${String((target as { channel: unknown }).channel)}`);
}

// ---- email ----

/** The secrets of an SMTP URL as they may show up in an error: the password, raw and percent-decoded. */
function smtpSecrets(smtpUrl: string): string[] {
	let password = '';
	try {
		password = new URL(smtpUrl).password;
	} catch {
		return [];
	}
	if (!password) return [];
	let decoded = password;
	try {
		decoded = decodeURIComponent(password);
	} catch {
		// a malformed escape: nodemailer will see the raw text, which is covered already
	}
	return [password, decoded];
}

/** The SMTP server's name for messages: the host and port, never the user or password. */
function smtpHost(smtpUrl: string): string {
	try {
		return new URL(smtpUrl).host || 'the SMTP server';
	} catch {
		return 'the SMTP server';
	}
}

/** A Message-ID is a header: an id with spaces, brackets or newlines would break it (or add headers). */
function checkedMessageId(messageId: string): string {
	if (!/^[A-Za-z0-9._:+=-]{1,200}$/.test(messageId)) throw new DeliveryError('the message id must be letters, digits and . _ : + = - only');
	return messageId;
}

/** Whether the SMTP URL names this machine (127.0.0.0/8, ::1, localhost). */
function loopbackSmtp(smtpUrl: string): boolean {
	try {
		const host = new URL(smtpUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
		return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
	} catch {
		return false;
	}
}

async function sendEmail(to: string, message: OutgoingMessage, options: DeliveryOptions, timeoutMs: number): Promise<void> {
	const smtpUrl = smtpUrlOf(options);
	if (!smtpUrl) throw new DeliveryError('email needs DESKPULSE_SMTP_URL');
	if (!/^smtps?:\/\//i.test(smtpUrl)) throw new DeliveryError('DESKPULSE_SMTP_URL must start with smtp:// or smtps://');
	const messageId = checkedMessageId(message.messageId);
	const transport = nodemailer.createTransport({
		url: smtpUrl,
		// A relay on this machine (a local Postfix, a test sink) often offers STARTTLS with a
		// self-signed certificate; over loopback a certificate protects nothing, so it is not
		// checked there. Elsewhere it is, unless the URL says ?tls.rejectUnauthorized=false.
		...(loopbackSmtp(smtpUrl) ? { tls: { rejectUnauthorized: false } } : {}),
		connectionTimeout: timeoutMs,
		greetingTimeout: timeoutMs,
		socketTimeout: timeoutMs,
		// Attachments are our own bytes: never let a content value be read as a file path or fetched as a URL.
		disableFileAccess: true,
		disableUrlAccess: true
	});
	try {
		await transport.sendMail({
			from: options.from || process.env.DESKPULSE_SMTP_FROM || DEFAULT_FROM,
			to,
			subject: message.subject,
			html: message.html,
			text: message.text,
			attachments: message.attachments.map(({ filename, contentType, content, cid }) => ({ filename, contentType, content, ...(cid ? { cid, contentDisposition: 'inline' as const } : {}) })),
			messageId: `<${messageId}@deskpulse>`,
			headers: { 'Auto-Submitted': 'auto-generated', 'X-Deskpulse-Message': messageId },
			signal: AbortSignal.timeout(timeoutMs)
		});
	} catch (error) {
		const reason = isTimeout(error) ? `no answer from ${smtpHost(smtpUrl)} within ${timeoutMs} ms` : oneLine(errorText(error));
		throw new DeliveryError(`email to ${to} via ${smtpHost(smtpUrl)} failed: ${withoutSecrets(reason, smtpSecrets(smtpUrl))}`);
	} finally {
		transport.close();
	}
}

// ---- Slack and Teams ----

/** Slack reads &, < and > as markup (links, mentions); the text we send must show them literally. */
function slackEscape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link in Slack's `<url|label>` form: a `|` in the URL would end it early, so it is percent-encoded. */
function slackLink(url: string): string {
	return `<${slackEscape(url.replace(/\|/g, '%7C'))}|${OPEN_LABEL}>`;
}

function slackPayload(chat: OutgoingMessage['chat']): { text: string } {
	const lines = [`*${slackEscape(chat.title)}*`, ...chat.lines.map(slackEscape)];
	if (chat.link) lines.push(slackLink(chat.link));
	return { text: lines.join('\n') };
}

/** Teams incoming webhooks (and Workflows) take a message with one Adaptive Card attachment. */
function teamsPayload(chat: OutgoingMessage['chat']) {
	const title = { type: 'TextBlock', text: chat.title, weight: 'Bolder', size: 'Medium', wrap: true };
	const lines = chat.lines.map((line) => ({ type: 'TextBlock', text: line, wrap: true }));
	const actions = chat.link ? [{ type: 'Action.OpenUrl', title: OPEN_LABEL, url: chat.link }] : [];
	return {
		type: 'message',
		attachments: [
			{
				contentType: 'application/vnd.microsoft.card.adaptive',
				content: {
					type: 'AdaptiveCard',
					version: '1.4',
					$schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
					body: [title, ...lines],
					actions
				}
			}
		]
	};
}

/**
 * POSTs JSON to a webhook. Redirects are not followed (`manual`): a webhook that moved is
 * misconfigured, and following it would send the message somewhere nobody chose.
 */
async function postWebhook(target: Target, payload: unknown, timeoutMs: number): Promise<void> {
	const where = `${target.channel} webhook ${webhookHost(target.address)}`;
	const secrets = webhookSecrets(target.address);
	let response: Response;
	try {
		response = await fetch(target.address, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(payload),
			redirect: 'manual',
			signal: AbortSignal.timeout(timeoutMs)
		});
	} catch (error) {
		const reason = isTimeout(error) ? `gave no answer within ${timeoutMs} ms` : `could not be reached: ${networkReason(error)}`;
		throw new DeliveryError(withoutSecrets(`${where} ${reason}`, secrets));
	}
	if (response.ok) {
		await response.body?.cancel().catch(() => undefined);
		return;
	}
	if (response.status >= 300 && response.status < 400) {
		await response.body?.cancel().catch(() => undefined);
		throw new DeliveryError(`${where} answered ${response.status}, a redirect (not followed: check the webhook URL)`);
	}
	const body = withoutSecrets(oneLine(await bodyStart(response)), secrets).slice(0, MAX_QUOTED_BODY);
	throw new DeliveryError(`${where} answered ${response.status}${body ? `: ${body}` : ''}`);
}

/** The parts of a webhook URL that are its secret: the whole URL, its path and its query. */
function webhookSecrets(address: string): string[] {
	try {
		const url = new URL(address);
		return [address, url.href, url.pathname + url.search, url.pathname, url.search].filter((s) => s.length > 1);
	} catch {
		return [address];
	}
}

/** The first few KB of a response body as text; a body that fails to arrive is just not quoted. */
async function bodyStart(response: Response): Promise<string> {
	if (!response.body) return '';
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		while (size < MAX_READ_BODY) {
			const { done, value } = await reader.read();
			if (done) break;
			chunks.push(value);
			size += value.length;
		}
	} catch {
		// timed out or cut off mid-body: quote what arrived
	} finally {
		await reader.cancel().catch(() => undefined);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** Node's fetch says only "fetch failed"; the cause has the useful part (ECONNREFUSED, ENOTFOUND, a TLS error). */
function networkReason(error: unknown): string {
	const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
	return oneLine(cause?.code ?? cause?.message ?? errorText(error));
}

// ---- error text ----

/** A timeout from AbortSignal.timeout, as fetch reports it or as nodemailer wraps it. */
function isTimeout(error: unknown): boolean {
	if (!(error instanceof Error)) return false;
	return error.name === 'TimeoutError' || (error.cause instanceof Error && error.cause.name === 'TimeoutError');
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Server answers may span lines; the admin page shows one. */
function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** Cuts every secret out of a text, longest first so a path does not leave its query behind. */
function withoutSecrets(text: string, secrets: string[]): string {
	return [...secrets].sort((a, b) => b.length - a.length).reduce((t, secret) => (secret ? t.split(secret).join('…') : t), text);
}
