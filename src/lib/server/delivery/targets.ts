import { UserError } from '../auth/users';

/** `webhook`: any other chat or automation that takes a JSON POST (Mattermost, Rocket.Chat, a script). */
export type Channel = 'email' | 'slack' | 'teams' | 'webhook';

/** One recipient: an email address, or a Slack, Teams or other incoming-webhook URL. */
export interface Target {
	channel: Channel;
	address: string;
}

/** Enough for a team's distribution lists and channels; more is a pasted mistake, not a recipient list. */
const MAX_TARGETS = 50;

/** The longest address SMTP can carry in a forward path (RFC 5321 with its errata). */
const MAX_EMAIL_LENGTH = 254;

/**
 * A local part without the characters that would let an address turn into a second address
 * or a header (spaces, newlines, angle brackets, commas, quotes): a plain check, the mail server is the real one.
 */
const LOCAL_PART = /^[^\s\p{Cc}@<>,;:"()[\]\\]+$/u;

/** Dot-separated labels of letters, digits and hyphens: no `?query` or `/path` sneaking in after a mailto:. */
const DOMAIN = /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*$/u;

/** Hosts whose incoming webhooks we recognise without a `slack:` or `teams:` prefix. */
function channelOfHost(host: string): Channel | null {
	const h = host.toLowerCase();
	if (h === 'hooks.slack.com') return 'slack';
	if (['.webhook.office.com', '.logic.azure.com', '.powerplatform.com'].some((suffix) => h.endsWith(suffix))) return 'teams';
	return null;
}

function emailTarget(text: string): Target {
	const at = text.lastIndexOf('@');
	const local = text.slice(0, at);
	const domain = text.slice(at + 1);
	const plain = at > 0 && LOCAL_PART.test(local) && DOMAIN.test(domain);
	if (!plain) throw new UserError(`"${shown(text)}" is not a plain email address (local@domain)`);
	if (text.length > MAX_EMAIL_LENGTH) throw new UserError(`an email address is at most ${MAX_EMAIL_LENGTH} characters`);
	return { channel: 'email', address: text };
}

/**
 * A webhook URL, checked: it is a credential that we will POST to, so it must be a real http(s) URL
 * and must not smuggle a user:password (which would also show up in logs and masked lists).
 * `kind` names it in messages: 'a slack webhook', 'a webhook'.
 */
function webhookUrl(text: string, kind: string): URL {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new UserError(`${kind} needs a whole URL, like https://host/path`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UserError(`${kind} must be an https:// URL`);
	if (url.username || url.password) throw new UserError(`${kind} URL must not contain a user name or password`);
	if (!url.hostname) throw new UserError(`${kind} URL has no host`);
	return url;
}

/**
 * A prefixed webhook: the prefix says which chat it is, so any host goes, and plain http is allowed
 * (a local stub in tests, or a relay inside the network).
 */
function prefixedWebhook(channel: 'slack' | 'teams' | 'webhook', rest: string): Target {
	return { channel, address: webhookUrl(rest.trim(), `a ${channel} webhook`).href };
}

/**
 * A bare URL: Slack or Teams when its host says so (and then https, as those services are);
 * any other host is a generic webhook, which gets a Slack-compatible `text` with the message's
 * parts beside it (most chat tools and automation servers read that).
 */
function bareWebhook(text: string): Target {
	const url = webhookUrl(text, 'a webhook');
	const channel = channelOfHost(url.hostname);
	if (!channel) return { channel: 'webhook', address: url.href };
	if (url.protocol !== 'https:') throw new UserError(`a ${channel} webhook must be an https:// URL`);
	return { channel, address: url.href };
}

/** Text echoed in an error, cut short and on one line so a pasted secret or a newline does not travel far. */
function shown(text: string): string {
	const line = text.replace(/[\r\n]+/g, '⏎');
	return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/**
 * Reads one recipient as a user writes it: `ops@example.com` (or `mailto:ops@example.com`),
 * `slack:https://...`, `teams:https://...`, or a bare URL whose host says which
 * (hooks.slack.com -> slack; *.webhook.office.com, *.logic.azure.com, *.powerplatform.com -> teams),
 * any other a generic webhook (`webhook:URL` says so outright).
 * Throws UserError with a short reason for anything else.
 */
export function parseTarget(text: string): Target {
	const t = text.trim();
	if (!t) throw new UserError('a recipient is empty');
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(t)?.[1].toLowerCase();
	if (scheme === 'slack' || scheme === 'teams' || scheme === 'webhook') return prefixedWebhook(scheme, t.slice(scheme.length + 1));
	if (scheme === 'mailto') return emailTarget(t.slice('mailto:'.length));
	if (scheme === 'http' || scheme === 'https') return bareWebhook(t);
	if (scheme && !t.includes('@')) throw new UserError(`"${shown(t)}" is neither an email address nor a webhook URL (https://..., slack:URL, teams:URL)`);
	return emailTarget(t);
}

/** What makes two recipients the same: mail systems treat addresses case-insensitively in practice. */
function sameKey(t: Target): string {
	return t.channel === 'email' ? `email:${t.address.toLowerCase()}` : `${t.channel}:${t.address}`;
}

/**
 * The words of a recipient list. A lone `slack:` or `teams:` joins the word after it, so
 * `slack: https://...` (a space after the colon, as people type it) is still one recipient.
 */
function recipientWords(list: string | string[]): string[] {
	const words = (Array.isArray(list) ? list : [list]).flatMap((item) => item.split(/[\s,]+/)).filter((w) => w !== '');
	const joined: string[] = [];
	for (let i = 0; i < words.length; i++) {
		const lonePrefix = /^(slack|teams|webhook):$/i.test(words[i]) && i + 1 < words.length;
		joined.push(lonePrefix ? words[i] + words[++i] : words[i]);
	}
	return joined;
}

/**
 * A comma- (or whitespace/newline-) separated list: trimmed, empties dropped, duplicates removed
 * (case-insensitive for emails, the first spelling kept), at least 1 and at most 50, else UserError.
 */
export function parseTargets(list: string | string[]): Target[] {
	const byKey = new Map<string, Target>();
	for (const word of recipientWords(list)) {
		const target = parseTarget(word);
		if (!byKey.has(sameKey(target))) byKey.set(sameKey(target), target);
	}
	if (byKey.size === 0) throw new UserError('give at least one recipient');
	if (byKey.size > MAX_TARGETS) throw new UserError(`at most ${MAX_TARGETS} recipients, got ${byKey.size}`);
	return [...byKey.values()];
}

/** The stored form, which parseTarget reads back to the same Target: `ops@example.com`, `slack:https://hooks.slack.com/...`, `teams:https://...`. */
export function targetText(t: Target): string {
	return t.channel === 'email' ? t.address : `${t.channel}:${t.address}`;
}

/** What a page or list shows: an email as is; a webhook as `slack: hooks.slack.com/…wxyz` (host and the last 4 characters only: the URL is a secret). */
export function maskedTarget(t: Target): string {
	if (t.channel === 'email') return t.address;
	return `${t.channel}: ${webhookHost(t.address)}/…${t.address.slice(-4)}`;
}

/** The host (and port) of a webhook URL: the one part of it that is safe to show and log. */
export function webhookHost(address: string): string {
	try {
		return new URL(address).host;
	} catch {
		return 'an unreadable URL';
	}
}
