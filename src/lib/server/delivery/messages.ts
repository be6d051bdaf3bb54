import { Connection, type Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import type { Attachment, DeliveryRow, SendOutcome } from '../../delivery';
import { deliver, DeliveryError, maskedTarget, parseTarget, retryDelayMs, type DeliveryOptions, type OutgoingMessage } from './channels';
import { htmlToPdf } from '../export/pdf';
import { UserError } from '../auth/users';

/**
 * Messages and their deliveries. A message is composed once, stored with its kind, source
 * (a digest or an alert rule) and period, and the unique key on those three makes a period
 * sent at most once however often it is evaluated. Each recipient is a delivery: pending
 * until an attempt succeeds, retried with backoff when one fails, failed after the last.
 * A restart finds pending deliveries and sends them: a crash mid-send repeats at most the one
 * recipient whose attempt was under way, under the same Message-ID.
 */

/** A composed message as stored: the words, and which attachments to build when it is sent. */
export interface StoredMessage {
	subject: string;
	html: string;
	text: string;
	chat: OutgoingMessage['chat'];
	attach: Attachment[];
	/** The attachments' file name without extension: "deskpulse-review-2026-W48". */
	file_stem: string;
	/** The stable id the email's Message-ID is made of. */
	message_key: string;
	/** The document a PDF is printed from, where the email's HTML differs from it (images by cid). */
	document_html?: string;
	/** Images the email's HTML shows inline (`cid:`), as base64 PNG. */
	inline?: Array<{ cid: string; filename: string; png_base64: string }>;
}

export interface QueuedMessage {
	kind: string;
	sourceId: number | null;
	period: string;
	stored: StoredMessage;
	recipients: string[];
}

/**
 * Stores a message and a pending delivery per recipient, inside the caller's transaction when
 * it passes one. Returns the message id, or null when this kind, source and period already has
 * a message (the period was sent, or is being sent).
 */
export async function queueMessage(conn: Connection | Database, m: QueuedMessage, now: Date): Promise<number | null> {
	// A message without its deliveries would hold its period and reach nobody: both land together.
	if (!(conn instanceof Connection)) return conn.transaction((tx) => queueMessage(tx, m, now));
	const [row] = await conn.query(sqlText('delivery/insert_message'), {
		kind: m.kind,
		source_id: m.sourceId,
		period: m.period,
		subject: m.stored.subject,
		body: JSON.stringify(m.stored),
		created_at: now.toISOString()
	});
	if (!row) return null;
	const id = Number(row.message_id);
	for (const target of m.recipients) await conn.query(sqlText('delivery/insert_delivery'), { message_id: id, target, now: now.toISOString() });
	return id;
}

/** The last PDF printed, by message: a digest to five addresses is printed once. */
let lastPdf: { key: string; pdf: Buffer } | null = null;

/**
 * A stored message as it is sent: for email its attachments built (the inline images, the
 * Markdown from the text, the PDF from the document); chat channels take none.
 */
async function outgoing(stored: StoredMessage, email: boolean): Promise<OutgoingMessage> {
	const message = { subject: stored.subject, html: stored.html, text: stored.text, chat: stored.chat, messageId: stored.message_key };
	if (!email) return { ...message, attachments: [] };
	const attachments: OutgoingMessage['attachments'] = (stored.inline ?? []).map((image) => ({
		filename: image.filename,
		contentType: 'image/png',
		content: Buffer.from(image.png_base64, 'base64'),
		cid: image.cid
	}));
	if (stored.attach.includes('md')) attachments.push({ filename: `${stored.file_stem}.md`, contentType: 'text/markdown; charset=utf-8', content: stored.text });
	if (stored.attach.includes('pdf')) {
		if (lastPdf?.key !== stored.message_key) lastPdf = { key: stored.message_key, pdf: await htmlToPdf(stored.document_html ?? stored.html) };
		attachments.push({ filename: `${stored.file_stem}.pdf`, contentType: 'application/pdf', content: lastPdf.pdf });
	}
	return { ...message, attachments };
}

interface DueRow {
	delivery_id: number;
	message_id: number;
	target: string;
	attempts: number;
	body: string;
	[key: string]: unknown;
}

/**
 * Attempts every delivery due at `now` (or only those of one message): each success is
 * marked sent, each failure retried later (channels.ts retryDelayMs) or failed for good.
 */
export async function sendDueDeliveries(db: Database, now: Date, options: { messageId?: number; delivery?: DeliveryOptions } = {}): Promise<SendOutcome[]> {
	const due = await db.query<DueRow>(sqlText('delivery/due_deliveries'), { now: now.toISOString(), message_id: options.messageId ?? null });
	const outcomes: SendOutcome[] = [];
	for (const row of due) {
		const stored = JSON.parse(row.body) as StoredMessage;
		let shown = row.target;
		try {
			const target = parseTarget(row.target);
			shown = maskedTarget(target);
			await deliver(target, await outgoing(stored, target.channel === 'email'), options.delivery);
			await db.query(sqlText('delivery/mark_sent'), { delivery_id: row.delivery_id, now: new Date().toISOString() });
			outcomes.push({ delivery_id: row.delivery_id, subject: stored.subject, target_shown: shown, status: 'sent', error: null, next_attempt_at: null });
		} catch (e) {
			// A delivery's own failure (the SMTP server, the webhook, the PDF printer): recorded and
			// retried; anything else is the server's and still must not stop the other recipients.
			const error = e instanceof DeliveryError ? e.message : `could not send: ${(e as Error).message}`.slice(0, 300);
			if (!(e instanceof DeliveryError)) console.error('[delivery]', e);
			const delay = retryDelayMs(Number(row.attempts) + 1);
			const next = delay === null ? null : new Date(now.getTime() + delay).toISOString();
			await db.query(sqlText('delivery/mark_attempt_failed'), { delivery_id: row.delivery_id, error, next_attempt_at: next });
			outcomes.push({ delivery_id: row.delivery_id, subject: stored.subject, target_shown: shown, status: next ? 'pending' : 'failed', error, next_attempt_at: next });
		}
	}
	return outcomes;
}

/** A delivery that retryDelivery cannot retry: none has that id, or it has not failed for good. */
export class NotRetryable extends UserError {}

/** An admin's "retry now" for a delivery that failed for good: sent again at once, with its message's other due deliveries. */
export function retryDelivery(db: Database, deliveryId: number, now = new Date(), options: { delivery?: DeliveryOptions } = {}): Promise<SendOutcome[]> {
	return serialized(async () => {
		const [row] = await db.query(sqlText('delivery/retry_delivery'), { delivery_id: deliveryId, now: now.toISOString() });
		if (!row) throw new NotRetryable(`no failed delivery ${deliveryId}`);
		return sendDueDeliveries(db, now, { messageId: Number(row.message_id), delivery: options.delivery });
	});
}

let chain: Promise<unknown> = Promise.resolve();

/**
 * Runs delivery work one piece at a time in this process: the scheduler's tick, an import's
 * alert check and an admin's "send now" never claim or send the same thing side by side.
 */
export function serialized<T>(work: () => Promise<T>): Promise<T> {
	const next = chain.then(work, work);
	chain = next.catch(() => undefined);
	return next;
}

/** The latest deliveries, newest first, recipients shown as pages show them (webhook URLs masked). */
export async function listDeliveries(db: Database, options: { limit?: number; kind?: string | null; sourceId?: number | null } = {}): Promise<DeliveryRow[]> {
	const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)).toISOString());
	const rows = await db.query(sqlText('delivery/list_deliveries'), { limit: options.limit ?? 100, kind: options.kind ?? null, source_id: options.sourceId ?? null });
	return rows.map((r) => {
		let shown = String(r.target);
		try {
			shown = maskedTarget(parseTarget(shown));
		} catch {
			shown = '(unreadable recipient)';
		}
		return {
			delivery_id: Number(r.delivery_id),
			message_id: Number(r.message_id),
			kind: String(r.kind),
			source_id: r.source_id === null ? null : Number(r.source_id),
			period: String(r.period),
			subject: String(r.subject),
			target_shown: shown,
			status: String(r.status) as DeliveryRow['status'],
			attempts: Number(r.attempts),
			next_attempt_at: iso(r.next_attempt_at),
			last_error: r.last_error === null ? null : String(r.last_error),
			sent_at: iso(r.sent_at),
			created_at: iso(r.created_at)!
		};
	});
}
