import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { UserError } from '../auth/users';
import { recordAudit } from '../auth/audit';
import type { Actor } from '../auth/manage';
import { FilterError, isTimeZone, parseKpiQuery } from '../../filters';
import { formatFilters } from '../../format';
import { ATTACHMENTS, DIGEST_PAGES, digestContentOf, type Attachment, type Digest, type DigestSummary } from '../../delivery';
import { maskedTarget, parseTarget, parseTargets, targetText } from './channels';
import { describeSchedule, nextOccurrence, parseSchedule } from './schedule';
import { pdfProblem } from '../export/pdf';

/** What a new digest needs, checked: every field as it will be stored. */
export type DigestInput = Pick<Digest, 'name' | 'recipients' | 'content' | 'schedule' | 'tz' | 'attach'>;

/**
 * Reads a digest's content: `review`, or a page's path with its filters as a user copies it
 * from the address bar (`/sla?plan=premium`, or the whole URL). Only the pages every role may
 * read: a digest goes to addresses outside deskpulse's sign-in. Returns the stored form
 * (`review`, `/sla?plan=premium`); throws UserError.
 */
export function parseDigestContent(text: string): string {
	const trimmed = text.trim();
	if (trimmed === '' || trimmed.toLowerCase() === 'review') return 'review';
	let url: URL;
	try {
		url = new URL(trimmed, 'http://deskpulse.invalid');
	} catch {
		throw new UserError(`content must be "review" or a page's path such as /sla?plan=premium, got "${trimmed.slice(0, 80)}"`);
	}
	const path = url.pathname.replace(/\/+$/, '') || '/';
	if (!(path in DIGEST_PAGES)) {
		throw new UserError(`content must be "review" or one of the pages ${Object.keys(DIGEST_PAGES).join(', ')} (with its filters), got "${path.slice(0, 80)}"`);
	}
	const content = digestContentOf(path, url.searchParams);
	try {
		parseKpiQuery(contentParts(content).search);
	} catch (e) {
		if (e instanceof FilterError) throw new UserError(`content ${path}: ${e.message}`);
		throw e;
	}
	return content === '/review' ? 'review' : content;
}

/** The page path and the filters of a stored content. */
export function contentParts(content: string): { path: string; search: URLSearchParams } {
	if (content === 'review') return { path: '/review', search: new URLSearchParams() };
	const url = new URL(content, 'http://deskpulse.invalid');
	return { path: url.pathname, search: url.searchParams };
}

/** What a digest's content is in words: "Weekly review", "SLA (plan = premium)". */
export function contentTitle(content: string): string {
	const { path, search } = contentParts(content);
	const where = parseKpiQuery(search).where;
	const filters = formatFilters(where);
	return `${DIGEST_PAGES[path] ?? path}${filters === 'none' ? '' : ` (${filters})`}`;
}

function stringList(value: unknown, what: string): string[] {
	if (value === undefined || value === null) return [];
	if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter(Boolean);
	if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map((v) => v.trim()).filter(Boolean);
	throw new UserError(`${what} must be a comma-separated string or a list of strings`);
}

function optionalText(value: unknown, what: string, max: number): string | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value !== 'string') throw new UserError(`${what} must be text`);
	const trimmed = value.trim();
	if (trimmed.length > max) throw new UserError(`${what} is at most ${max} characters`);
	return trimmed || null;
}

/**
 * A digest's or rule's name as given, or null for none: one line of at most 120 characters
 * (it becomes an email subject: a line break there would start a header).
 */
export function plainName(value: unknown): string | null {
	const name = optionalText(value, 'name', 120);
	if (name && /[\u0000-\u001f\u007f]/.test(name)) throw new UserError('name must be one line of text');
	return name;
}

/** Reads and checks a new digest (API JSON, a page's form, the CLI's flags); throws UserError. */
export function parseDigestInput(body: Record<string, unknown>, defaultTz = 'UTC'): DigestInput {
	const tz = optionalText(body.tz, 'tz', 64) ?? defaultTz;
	if (!isTimeZone(tz)) throw new UserError(`tz must be an IANA time zone such as Europe/Berlin, got "${tz.slice(0, 64)}"`);
	const to = body.to ?? body.recipients;
	if (to === undefined || to === null || to === '') throw new UserError('say who receives it: to (email addresses, slack:URL or teams:URL, comma-separated)');
	const recipients = parseTargets(typeof to === 'string' ? to : stringList(to, 'to')).map(targetText);
	const scheduleText = optionalText(body.schedule, 'schedule', 100);
	if (!scheduleText) throw new UserError('say when: schedule, five cron fields such as "0 8 * * 1" (Mondays 08:00 in tz)');
	const schedule = parseSchedule(scheduleText, tz);
	const content = parseDigestContent(optionalText(body.content, 'content', 500) ?? 'review');
	const attachList = body.attach === undefined || body.attach === null ? ['md'] : stringList(body.attach, 'attach');
	const attach = [...new Set(attachList.map((a) => a.toLowerCase()))];
	for (const a of attach) if (!(ATTACHMENTS as readonly string[]).includes(a)) throw new UserError(`attach takes ${ATTACHMENTS.join(', ')} (comma-separated), got "${a.slice(0, 20)}"`);
	if (attach.includes('pdf')) {
		const problem = pdfProblem();
		if (problem) throw new UserError(problem);
	}
	const name = plainName(body.name) ?? contentTitle(content);
	return { name, recipients, content, schedule, tz, attach: attach as Attachment[] };
}

export function digestOf(row: Record<string, unknown>): Digest {
	return {
		digest_id: Number(row.digest_id),
		name: String(row.name),
		recipients: JSON.parse(String(row.recipients)) as string[],
		content: String(row.content),
		schedule: String(row.schedule),
		tz: String(row.tz),
		attach: JSON.parse(String(row.attach)) as Attachment[],
		created_at: new Date(String(row.created_at)).toISOString(),
		created_by: row.created_by === null ? null : String(row.created_by),
		last_period: row.last_period === null || row.last_period === undefined ? null : new Date(String(row.last_period)).toISOString()
	};
}

/** Recipients as pages and lists show them (webhook URLs are secrets). */
export function shownRecipients(recipients: string[]): string[] {
	return recipients.map((r) => maskedTarget(parseTarget(r)));
}

export class DigestNotFound extends UserError {}

export async function createDigest(db: Database, input: DigestInput, createdBy: string | null, now = new Date()): Promise<Digest> {
	const [row] = await db.query(sqlText('delivery/insert_digest'), {
		name: input.name,
		recipients: JSON.stringify(input.recipients),
		content: input.content,
		schedule: input.schedule,
		tz: input.tz,
		attach: JSON.stringify(input.attach),
		created_at: now.toISOString(),
		created_by: createdBy
	});
	return digestOf(row);
}

export async function findDigest(db: Database, id: number): Promise<Digest> {
	const [row] = Number.isInteger(id) && id > 0 && id < 2 ** 31 ? await db.query(sqlText('delivery/find_digest'), { digest_id: id }) : [];
	if (!row) throw new DigestNotFound(`no digest ${id}`);
	return digestOf(row);
}

export async function listDigests(db: Database, now = new Date()): Promise<DigestSummary[]> {
	return (await db.query(sqlText('delivery/list_digests'), {})).map((row) => {
		const { recipients, ...digest } = digestOf(row);
		const next = nextOccurrence(digest.schedule, digest.tz, now);
		return {
			...digest,
			schedule_text: describeSchedule(digest.schedule, digest.tz),
			next_run: next ? next.toISOString() : null,
			recipients_shown: shownRecipients(recipients),
			last_sent_at: row.last_sent_at === null ? null : new Date(String(row.last_sent_at)).toISOString(),
			failed_deliveries: Number(row.failed_deliveries ?? 0)
		};
	});
}

/** Removes a digest and the deliveries it has not made yet; what it sent stays listed. */
export async function removeDigest(db: Database, id: number): Promise<void> {
	await findDigest(db, id);
	await db.transaction(async (conn) => {
		await conn.run(sqlText('delivery/drop_unsent_digest_deliveries'), { digest_id: id });
		await conn.run(sqlText('delivery/remove_digest'), { digest_id: id });
	});
}

export async function addDigestAudited(db: Database, actor: Actor, input: DigestInput): Promise<Digest> {
	const digest = await createDigest(db, input, actor.principal.name);
	await recordAudit(db, { actor: actor.principal, action: 'digest-add', subject: digest.name, detail: { digest_id: digest.digest_id, recipients: digest.recipients.length, schedule: digest.schedule, tz: digest.tz }, ip: actor.ip });
	return digest;
}

export async function removeDigestAudited(db: Database, actor: Actor, id: number): Promise<void> {
	const digest = await findDigest(db, id);
	await removeDigest(db, id);
	await recordAudit(db, { actor: actor.principal, action: 'digest-remove', subject: digest.name, detail: { digest_id: id }, ip: actor.ip });
}
