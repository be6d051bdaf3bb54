import { Cron } from 'croner';
import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import type { Digest, SendOutcome } from '../../delivery';
import { escapeHtml } from '../../html';
import { digestOf, findDigest } from './digests';
import type { Actor } from '../auth/manage';
import { recordAudit } from '../auth/audit';
import { composeDigest } from './compose-digest';
import { dueOccurrence } from './schedule';
import { queueMessage, sendDueDeliveries, serialized, type StoredMessage } from './messages';
import type { DeliveryOptions } from './channels';
import { evaluateAlerts } from './alerts';
import { absoluteUrl } from './links';

/**
 * The server's delivery scheduler: every minute it claims each digest's due period (the
 * latest scheduled instant since the one last sent) and sends what is pending, retries
 * included; every hour, and after every import, it evaluates the alert rules. At start it runs
 * at once, so a period that fell while the server was down is sent on the way up.
 */

/** A scheduled instant as the key of its period: the ISO instant to the minute. */
function periodKey(instant: Date): string {
	return instant.toISOString().slice(0, 16) + 'Z';
}

/** The stored digests, as read (listDigests adds what pages show; the scheduler needs none of it). */
async function digestsOf(db: Database): Promise<Digest[]> {
	return (await db.query(sqlText('delivery/list_digest_rows'), {})).map(digestOf);
}

export interface QueuedPeriod {
	digest_id: number;
	/** The scheduled instant sent ("2026-12-07T07:00Z"), or a send at once's instant. */
	period: string;
	/** False for a send at once outside the schedule (no period was due). */
	scheduled: boolean;
	/** Earlier periods the catch-up stands for (the server was down over them). */
	skipped: number;
}

/**
 * Claims a digest's due period and queues its message. The message is composed first (the
 * review takes seconds on a large database), then the claim and the deliveries land in one
 * transaction: a crash before it leaves the period due, a crash after it leaves deliveries
 * pending, and neither repeats a period. Null when no period is due (or another claimed it).
 */
async function queueDuePeriod(db: Database, digest: Digest, now: Date): Promise<QueuedPeriod | null> {
	const after = new Date(digest.last_period ?? digest.created_at);
	const due = dueOccurrence(digest.schedule, digest.tz, after, now);
	if (!due) return null;
	const key = periodKey(due.period);
	const { stored } = await composeDigest(db, digest, due.period, `digest-${digest.digest_id}-${key}`);
	const claimed = await db.transaction(async (conn) => {
		const rows = await conn.query(sqlText('delivery/claim_digest_period'), { digest_id: digest.digest_id, period: due.period.toISOString(), previous: digest.last_period });
		if (rows.length === 0) return false;
		return (await queueMessage(conn, { kind: 'digest', sourceId: digest.digest_id, period: key, stored, recipients: digest.recipients }, now)) !== null;
	});
	return claimed ? { digest_id: digest.digest_id, period: key, scheduled: true, skipped: due.skipped } : null;
}

/** Every digest's due period, claimed and queued. */
export async function queueDueDigests(db: Database, now: Date): Promise<QueuedPeriod[]> {
	const queued: QueuedPeriod[] = [];
	for (const digest of await digestsOf(db)) {
		try {
			const period = await queueDuePeriod(db, digest, now);
			if (period) queued.push(period);
		} catch (e) {
			// One digest that cannot be composed (its data gone wrong) must not hold back the others.
			console.error(`[delivery] digest ${digest.digest_id}:`, e);
		}
	}
	return queued;
}

export interface DeliveryRun {
	queued: QueuedPeriod[];
	outcomes: SendOutcome[];
}

/** One scheduler pass: due digests claimed, then everything pending sent. */
export function runDeliveries(db: Database, now = new Date(), options: { delivery?: DeliveryOptions } = {}): Promise<DeliveryRun> {
	return serialized(async () => {
		const queued = await queueDueDigests(db, now);
		const outcomes = await sendDueDeliveries(db, now, { delivery: options.delivery });
		return { queued, outcomes };
	});
}

/**
 * `digest send --now [ID]`: the digest (or every digest) sent at once. One whose scheduled
 * period is due (the server was down over it) sends that period, which is then not sent
 * again; the others send their content as of now, outside the schedule (their next period
 * still comes). Then everything pending is sent.
 */
export function sendDigestsNow(db: Database, id: number | null, now = new Date(), options: { delivery?: DeliveryOptions } = {}): Promise<DeliveryRun> {
	return serialized(async () => {
		const digests = id === null ? await digestsOf(db) : [await findDigest(db, id)];
		const queued: QueuedPeriod[] = [];
		for (const digest of digests) {
			const period = await queueDuePeriod(db, digest, now);
			if (period) {
				queued.push(period);
				continue;
			}
			const key = now.toISOString();
			const { stored } = await composeDigest(db, digest, new Date(Math.floor(now.getTime() / 60_000) * 60_000), `digest-${digest.digest_id}-now-${key.replace(/[:.]/g, '')}`);
			if ((await queueMessage(db, { kind: 'digest-now', sourceId: digest.digest_id, period: key, stored, recipients: digest.recipients }, now)) !== null) {
				queued.push({ digest_id: digest.digest_id, period: key, scheduled: false, skipped: 0 });
			}
		}
		return { queued, outcomes: await sendDueDeliveries(db, now, { delivery: options.delivery }) };
	});
}

/** sendDigestsNow by an admin, in the audit log: which digests went, to how many recipients. */
export async function sendDigestsNowAudited(db: Database, actor: Actor, id: number | null): Promise<DeliveryRun> {
	if (id !== null) await findDigest(db, id);
	const run = await sendDigestsNow(db, id);
	await recordAudit(db, {
		actor: actor.principal,
		action: 'digest-send',
		subject: id === null ? 'every digest' : `digest ${id}`,
		detail: { digests: run.queued.map((q) => q.digest_id), deliveries: run.outcomes.length },
		ip: actor.ip
	});
	return run;
}

/** A short message that proves a channel works, sent at once to each recipient. */
export function sendTestMessage(
	db: Database,
	source: { kind: 'digest-test' | 'alert-test'; id: number; name: string; recipients: string[] },
	now = new Date(),
	options: { delivery?: DeliveryOptions } = {}
): Promise<SendOutcome[]> {
	return serialized(async () => {
		const what = source.kind === 'digest-test' ? 'digest' : 'alert rule';
		const page = absoluteUrl('/admin/deliveries');
		const sentence = `This is a test delivery from deskpulse for the ${what} "${source.name}". If you read it, this channel works; the real messages come on their schedule.`;
		const stored: StoredMessage = {
			subject: `deskpulse test delivery: ${source.name}`,
			html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>deskpulse test delivery</title></head><body><p>${escapeHtml(sentence)}</p><p><a href="${escapeHtml(page)}">Deliveries in deskpulse</a></p></body></html>`,
			text: `${sentence}\n\nDeliveries in deskpulse: ${page}\n`,
			chat: { title: `deskpulse test delivery: ${source.name}`, lines: [sentence], link: page },
			attach: [],
			file_stem: 'deskpulse-test',
			message_key: `${source.kind}-${source.id}-${now.toISOString().replace(/[:.]/g, '')}`
		};
		const messageId = await queueMessage(db, { kind: source.kind, sourceId: source.id, period: now.toISOString(), stored, recipients: source.recipients }, now);
		return messageId === null ? [] : sendDueDeliveries(db, now, { messageId, delivery: options.delivery });
	});
}

export interface DeliveryScheduler {
	stop(): void;
}

/**
 * Starts the server's scheduler: deliveries every minute (croner keeps a slow pass from
 * overlapping the next), alert rules at minute 7 of every hour, both once right away.
 */
export function startDeliveryScheduler(db: Database): DeliveryScheduler {
	// One scheduler a process: a dev server that reloads this module starts it again, and two
	// would each send the pending deliveries.
	const holder = globalThis as typeof globalThis & { deskpulseDeliveryScheduler?: DeliveryScheduler };
	holder.deskpulseDeliveryScheduler?.stop();
	const deliveries = async (): Promise<void> => {
		await runDeliveries(db).catch((e) => console.error('[delivery] scheduler pass failed:', e));
	};
	const alerts = async (): Promise<void> => {
		await evaluateAlerts(db, new Date(), 'schedule').catch((e) => console.error('[delivery] alert evaluation failed:', e));
	};
	const minutely = new Cron('* * * * *', { protect: true, unref: true }, deliveries);
	const hourly = new Cron('7 * * * *', { protect: true, unref: true }, alerts);
	void deliveries().then(alerts);
	const scheduler = {
		stop() {
			minutely.stop();
			hourly.stop();
		}
	};
	holder.deskpulseDeliveryScheduler = scheduler;
	return scheduler;
}
