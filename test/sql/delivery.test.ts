import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/lib/server/db/database';
import { importPath } from '../../src/lib/server/ingest/import-path';
import { createDigest, parseDigestInput } from '../../src/lib/server/delivery/digests';
import { createAlertRule, parseAlertRuleInput } from '../../src/lib/server/delivery/alert-rules';
import { queueDueDigests, runDeliveries, sendDigestsNow } from '../../src/lib/server/delivery/scheduler';
import { evaluateAlerts } from '../../src/lib/server/delivery/alerts';
import { listDeliveries, NotRetryable, retryDelivery } from '../../src/lib/server/delivery/messages';
import { createApi } from '../../src/lib/server/api';
import { LOCAL_ADMIN } from '../../src/lib/server/auth/principal';
import { closeMailServers, decodedBody, header, ok, partOfType, smtpSink, webhookStub, type Sink } from '../helpers/mail';
import { tempFolder } from '../helpers/db';

import { IMPORT_A, IMPORT_B, IMPORT_C, ORGS } from '../helpers/delivery-fixture';

async function load(db: Database, csv: string, orgs = false) {
	await importPath(db, tempFolder({ 'tickets.csv': csv, ...(orgs ? { 'orgs.csv': ORGS } : {}) }), { adapter: 'generic' });
}

const PUBLIC = 'https://deskpulse.example.com';
const saved = process.env.DESKPULSE_PUBLIC_URL;
beforeAll(() => {
	process.env.DESKPULSE_PUBLIC_URL = PUBLIC;
});
afterAll(() => {
	if (saved === undefined) delete process.env.DESKPULSE_PUBLIC_URL;
	else process.env.DESKPULSE_PUBLIC_URL = saved;
});
afterEach(closeMailServers);

/** A message's HTML body, decoded. */
const htmlOf = (raw: string) => decodedBody(partOfType(raw, 'text/html'));

describe('alert rules: CSAT below 85 % for a segment', () => {
	it('fires exactly once, when the import that makes it true lands, and stays quiet for the rest of the week', async () => {
		const db = await Database.open(':memory:');
		const sink = await smtpSink();
		const delivery = { smtpUrl: `smtp://127.0.0.1:${sink.port}` };
		const now = new Date('2026-06-12T12:00:00Z');
		const rule = await createAlertRule(
			db,
			parseAlertRuleInput({ metric: 'csat_rate', condition: 'below', threshold: '85%', filters: 'segment=high_touch', to: 'leads@example.com', tz: 'Europe/Berlin' }),
			'test',
			new Date('2026-06-01T00:00:00Z')
		);
		expect(rule.threshold).toBeCloseTo(0.85, 10);

		await load(db, IMPORT_A, true);
		const first = await evaluateAlerts(db, now, 'import', { delivery });
		expect(first.findings).toMatchObject([{ rule_id: rule.rule_id, week: '2026-W24', fired: false, queued: false }]);
		expect(first.findings[0].summary).toContain('90.0 %');
		expect(sink.messages).toHaveLength(0);

		await load(db, IMPORT_B);
		const second = await evaluateAlerts(db, now, 'import', { delivery });
		expect(second.findings).toMatchObject([{ week: '2026-W24', fired: true, queued: true }]);
		expect(sink.messages).toHaveLength(1);
		const [message] = sink.messages;
		expect(message.to).toEqual(['leads@example.com']);
		expect(header(message.raw, 'Subject')).toContain('2026-W24');
		const html = htmlOf(message.raw);
		// 9 good of 14 ratings, and the threshold, as the page shows them.
		expect(html).toContain('64.3 %');
		expect(html).toContain('14 items');
		expect(html).toContain('85.0 %');
		// The links: the view and its tickets, with the rule's filters and as_of, on the public address.
		const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
		const view = new URL(links[0]);
		expect(view.origin).toBe(PUBLIC);
		expect(view.searchParams.get('segment')).toBe('high_touch');
		expect(view.searchParams.get('as_of')).toBe('2026-06-12T12:00:00.000Z');
		const tickets = new URL(links[1]);
		expect(tickets.pathname).toBe('/tickets');
		expect(tickets.searchParams.get('metric')).toBe('csat_rate');
		expect(tickets.searchParams.get('period_start')).toBe('2026-06-08');

		// Still true: quiet for the same week, after a re-evaluation and after another import.
		await evaluateAlerts(db, new Date('2026-06-12T13:07:00Z'), 'schedule', { delivery });
		await load(db, IMPORT_C);
		const third = await evaluateAlerts(db, new Date('2026-06-12T14:00:00Z'), 'import', { delivery });
		expect(third.findings).toMatchObject([{ fired: true, queued: false }]);
		expect(third.findings[0].summary).toContain('66.7 %');
		expect(sink.messages).toHaveLength(1);
		await db.close();
	});

	it('a muted rule stays listed and sends nothing; a rule for another segment does not fire', async () => {
		const db = await Database.open(':memory:');
		const sink = await smtpSink();
		const delivery = { smtpUrl: `smtp://127.0.0.1:${sink.port}` };
		await load(db, IMPORT_A, true);
		await load(db, IMPORT_B);
		const muted = await createAlertRule(db, parseAlertRuleInput({ metric: 'csat_rate', condition: 'below', threshold: '85', filters: 'segment=high_touch', to: 'a@example.com' }), 'test');
		await db.query('update alert_rules set muted = true where rule_id = $id', { id: muted.rule_id });
		// The scaled segment's CSAT is 0 %, well below: a rule "above 50 %" for it holds nothing.
		await createAlertRule(db, parseAlertRuleInput({ metric: 'csat_rate', condition: 'above', threshold: '0.5', filters: 'segment=scaled', to: 'b@example.com' }), 'test');
		const run = await evaluateAlerts(db, new Date('2026-06-12T12:00:00Z'), 'schedule', { delivery });
		expect(run.findings).toHaveLength(1);
		expect(run.findings[0]).toMatchObject({ fired: false });
		expect(sink.messages).toHaveLength(0);
		await db.close();
	});
});

describe('alert rules: week-over-week changes compare whole weeks', () => {
	it('judges the last complete week against the one before, once the week is over', async () => {
		const db = await Database.open(':memory:');
		const slack = await webhookStub(ok);
		// 2026-W23: 2 tickets; 2026-W24: 16 (import A).
		const w23 = ['ticket_id,created_at,status,channel,category,org_id', 'p1,2026-06-02T09:00:00Z,open,email,billing,o1', 'p2,2026-06-03T09:00:00Z,open,email,billing,o1'].join('\n') + '\n';
		await load(db, w23 + '', true);
		await load(db, IMPORT_A);
		await createAlertRule(db, parseAlertRuleInput({ metric: 'tickets_created', condition: 'change_pct', threshold: '50', direction: 'up', to: `slack:${slack.base}/hook` }), 'test');
		// Mid-W24 the week under way is not judged: W23 against W22 (no tickets: no change to speak of).
		const midWeek = await evaluateAlerts(db, new Date('2026-06-12T12:00:00Z'), 'schedule');
		expect(midWeek.findings).toMatchObject([{ week: '2026-W23', fired: false }]);
		// Once W24 is over: 16 against 2, +700 %.
		const after = await evaluateAlerts(db, new Date('2026-06-15T12:00:00Z'), 'schedule');
		expect(after.findings).toMatchObject([{ week: '2026-W24', fired: true, queued: true }]);
		expect(after.findings[0].summary).toContain('Tickets created in 2026-W24: 16; 2026-W23: 2.');
		expect(after.findings[0].summary).toContain('+700 %');
		expect(slack.received).toHaveLength(1);
		await db.close();
	});
});

describe('digests: the Monday review, sent once per period', () => {
	let dir: string;
	let sink: Sink;
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'deskpulse-digest-'));
	});

	it('sends the week before Monday 08:00 Berlin to email and Slack, with links that open the same view, once across restarts', async () => {
		sink = await smtpSink();
		const slack = await webhookStub(ok);
		const delivery = { smtpUrl: `smtp://127.0.0.1:${sink.port}` };
		const path = join(dir, 'review.duckdb');
		let db = await Database.open(path);
		await load(db, IMPORT_A, true);
		await load(db, IMPORT_B);
		const digest = await createDigest(
			db,
			parseDigestInput({ to: `team@example.com, slack:${slack.base}/services/T1/B1/secret`, schedule: '0 8 * * 1', tz: 'Europe/Berlin' }),
			'test',
			new Date('2026-06-10T00:00:00Z')
		);
		expect(digest.name).toBe('Weekly review');

		// Sunday evening: nothing due yet.
		expect((await runDeliveries(db, new Date('2026-06-14T20:00:00Z'), { delivery })).queued).toEqual([]);
		// Monday 08:00 in Berlin is 06:00 UTC in summer.
		const monday = await runDeliveries(db, new Date('2026-06-15T06:00:20Z'), { delivery });
		expect(monday.queued).toEqual([{ digest_id: digest.digest_id, period: '2026-06-15T06:00Z', scheduled: true, skipped: 0 }]);
		expect(monday.outcomes.map((o) => o.status)).toEqual(['sent', 'sent']);
		expect(sink.messages).toHaveLength(1);
		expect(slack.received).toHaveLength(1);

		const raw = sink.messages[0].raw;
		expect(header(raw, 'Subject')).toBe('deskpulse: Weekly review, 2026-W24');
		expect(header(raw, 'Message-ID')).toBe('<digest-1-2026-06-15T06:00Z@deskpulse>');
		const html = htmlOf(raw);
		expect(html).toContain('Weekly review 2026-W24');
		// 20 tickets created in the week; CSAT 9 good of 20 ratings = 45.0 %.
		expect(html).toMatch(/Tickets created<\/div><div class="value">20</);
		expect(html).toContain('45.0 %');
		expect(partOfType(raw, 'text/markdown')).toContain('deskpulse-review-2026-W24.md');
		// Each headline's 12-week sparkline is an image shown inline (clients that drop SVG show images).
		expect(html).toContain('<img src="cid:spark-tickets_created@deskpulse" width="120" height="28" alt="Tickets created, last 12 weeks"');
		expect(html).not.toContain('<svg');
		const image = partOfType(raw, 'image/png');
		expect(header(image, 'Content-ID')).toMatch(/^<spark-\w+@deskpulse>$/);
		expect(header(image, 'Content-Disposition')).toMatch(/^inline/);
		expect(Buffer.from(image.slice(image.search(/\r?\n\r?\n/)).replace(/\s+/g, ''), 'base64').subarray(1, 4).toString('ascii')).toBe('PNG');
		const link = new URL(/href="([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&'));
		expect(link.origin + link.pathname).toBe(`${PUBLIC}/review`);
		expect(Object.fromEntries(link.searchParams)).toEqual({ tz: 'Europe/Berlin', hours: 'calendar', as_of: '2026-06-15T06:00:00.000Z', week: '2026-W24' });

		// The link's view is what was sent: the API answers the same query with the same numbers.
		const api = createApi({ db: async () => db, assume: LOCAL_ADMIN });
		const review = (await (await api.request(`/api/v1/review?${link.searchParams}`)).json()) as { headlines: Array<{ id: string; value: number }> };
		expect(review.headlines.find((h) => h.id === 'tickets_created')!.value).toBe(20);
		expect(review.headlines.find((h) => h.id === 'csat_rate')!.value).toBeCloseTo(0.45, 10);

		const chat = slack.received[0].body as { text: string };
		expect(chat.text).toContain('Weekly review, 2026-W24');
		expect(chat.text).toContain('Tickets created: 20');
		expect(chat.text).toContain('CSAT: 45.0 %');
		expect(chat.text).toContain(`${PUBLIC}/review?`);

		// Later the same Monday, and after a restart: the period is not sent again.
		expect((await runDeliveries(db, new Date('2026-06-15T09:00:00Z'), { delivery })).queued).toEqual([]);
		await db.close();
		db = await Database.open(path);
		expect((await runDeliveries(db, new Date('2026-06-15T09:01:00Z'), { delivery })).queued).toEqual([]);
		expect(sink.messages).toHaveLength(1);
		expect(slack.received).toHaveLength(1);
		await db.close();
	});

	it('a crash after the claim and mid-send: the restart sends what was pending, and nothing twice', async () => {
		sink = await smtpSink();
		const delivery = { smtpUrl: `smtp://127.0.0.1:${sink.port}` };
		const path = join(dir, 'crash.duckdb');
		let db = await Database.open(path);
		await load(db, IMPORT_A, true);
		await createDigest(db, parseDigestInput({ to: 'a@example.com,b@example.com,c@example.com', schedule: '0 9 * * *', tz: 'UTC' }), 'test', new Date('2026-06-10T00:00:00Z'));
		// The period is claimed and its deliveries stored; then one recipient is sent and the
		// process dies before the others.
		const queued = await queueDueDigests(db, new Date('2026-06-11T09:00:05Z'));
		expect(queued).toHaveLength(1);
		await db.query("update deliveries set status = 'sent', attempts = 1, sent_at = now() where target = 'a@example.com'");
		await db.close();

		db = await Database.open(path);
		const run = await runDeliveries(db, new Date('2026-06-11T09:01:00Z'), { delivery });
		expect(run.queued).toEqual([]);
		expect(sink.messages.map((m) => m.to[0]).sort()).toEqual(['b@example.com', 'c@example.com']);
		await runDeliveries(db, new Date('2026-06-11T09:02:00Z'), { delivery });
		expect(sink.messages).toHaveLength(2);
		await db.close();
	});

	it('after downtime sends the latest missed period once, and retries a failed delivery with backoff', async () => {
		const refusing = await smtpSink(true);
		sink = await smtpSink();
		const db = await Database.open(':memory:');
		await load(db, IMPORT_A, true);
		await createDigest(db, parseDigestInput({ to: 'ops@example.com', schedule: '30 7 * * *', tz: 'Europe/Berlin' }), 'test', new Date('2026-06-01T00:00:00Z'));
		// Down from 1 June to 15 June 07:40 Berlin: 15 mornings due, the latest (15 June) is sent, 14 skipped.
		const first = await runDeliveries(db, new Date('2026-06-15T05:40:00Z'), { delivery: { smtpUrl: `smtp://127.0.0.1:${refusing.port}` } });
		expect(first.queued).toEqual([{ digest_id: 1, period: '2026-06-15T05:30Z', scheduled: true, skipped: 14 }]);
		expect(first.outcomes).toMatchObject([{ status: 'pending', next_attempt_at: '2026-06-15T05:41:00.000Z' }]);
		expect(first.outcomes[0].error).toContain('550');
		// Not before its time; then sent once the mail server takes it.
		expect((await runDeliveries(db, new Date('2026-06-15T05:40:30Z'), { delivery: { smtpUrl: `smtp://127.0.0.1:${sink.port}` } })).outcomes).toEqual([]);
		const retry = await runDeliveries(db, new Date('2026-06-15T05:41:00Z'), { delivery: { smtpUrl: `smtp://127.0.0.1:${sink.port}` } });
		expect(retry.outcomes).toMatchObject([{ status: 'sent' }]);
		expect(sink.messages).toHaveLength(1);
		const [row] = await listDeliveries(db);
		expect(row).toMatchObject({ status: 'sent', attempts: 2, target_shown: 'ops@example.com', period: '2026-06-15T05:30Z' });
		// An admin's "retry now" takes a delivery that failed for good, and nothing else.
		await expect(retryDelivery(db, row.delivery_id)).rejects.toThrow(NotRetryable);
		await db.query(`update deliveries set status = 'failed', next_attempt_at = null where delivery_id = $id`, { id: row.delivery_id });
		expect(await retryDelivery(db, row.delivery_id, new Date('2026-06-15T09:00:00Z'), { delivery: { smtpUrl: `smtp://127.0.0.1:${sink.port}` } })).toMatchObject([{ status: 'sent' }]);
		expect(sink.messages).toHaveLength(2);
		await db.close();
	});

	it('send --now sends a due period as that period (not again later), and the others as of now', async () => {
		sink = await smtpSink();
		const delivery = { smtpUrl: `smtp://127.0.0.1:${sink.port}` };
		const db = await Database.open(':memory:');
		await load(db, IMPORT_A, true);
		await createDigest(db, parseDigestInput({ to: 'due@example.com', schedule: '0 8 * * 1', tz: 'Europe/Berlin' }), 'test', new Date('2026-06-10T00:00:00Z'));
		await createDigest(db, parseDigestInput({ to: 'later@example.com', schedule: '0 8 1W * *', tz: 'Europe/Berlin' }), 'test', new Date('2026-06-10T00:00:00Z'));
		// Monday 15 June 10:00 Berlin: the first digest's 08:00 period is due (no server ran), the second's is in July.
		const run = await sendDigestsNow(db, null, new Date('2026-06-15T08:00:00Z'), { delivery });
		expect(run.queued).toEqual([
			{ digest_id: 1, period: '2026-06-15T06:00Z', scheduled: true, skipped: 0 },
			{ digest_id: 2, period: '2026-06-15T08:00:00.000Z', scheduled: false, skipped: 0 }
		]);
		expect(sink.messages.map((m) => m.to[0])).toEqual(['due@example.com', 'later@example.com']);
		// The scheduler then finds the period sent.
		expect((await runDeliveries(db, new Date('2026-06-15T08:01:00Z'), { delivery })).queued).toEqual([]);
		expect(sink.messages).toHaveLength(2);
		await db.close();
	});

	it('keeps 08:00 Berlin across the spring and autumn switches with a fake clock: each Monday once, at its local 08:00', async () => {
		const slack = await webhookStub(ok);
		const db = await Database.open(':memory:');
		await createDigest(db, parseDigestInput({ to: `slack:${slack.base}/hook`, schedule: '0 8 * * 1', tz: 'Europe/Berlin' }), 'test', new Date('2026-03-20T00:00:00Z'));
		const periodsAt = async (instants: string[]) => {
			const sent: string[] = [];
			for (const t of instants) sent.push(...(await runDeliveries(db, new Date(t))).queued.map((q) => q.period));
			return sent;
		};
		// Winter (UTC+1): 07:00Z; after 29 March (UTC+2): 06:00Z; after 25 October: 07:00Z again.
		expect(await periodsAt(['2026-03-23T06:59:00Z', '2026-03-23T07:00:30Z', '2026-03-23T08:00:00Z', '2026-03-30T05:59:00Z', '2026-03-30T06:00:30Z', '2026-03-30T07:00:30Z'])).toEqual([
			'2026-03-23T07:00Z',
			'2026-03-30T06:00Z'
		]);
		await db.query("update digests set last_period = '2026-10-19T06:00:00Z'");
		expect(await periodsAt(['2026-10-26T06:00:30Z', '2026-10-26T07:00:30Z', '2026-10-26T08:00:00Z'])).toEqual(['2026-10-26T07:00Z']);
		// Each Monday's message is the week before it, in Berlin: W12, W13, W43.
		expect(slack.received.map((r) => /Weekly review, (\d{4}-W\d{2})/.exec((r.body as { text: string }).text)![1])).toEqual(['2026-W12', '2026-W13', '2026-W43']);
		await db.close();
	});
});
