import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';
import { closeMailServers, decodedBody, header, ok, partOfType, webhookStub, type Stub } from '../helpers/mail';

mkdirSync('test/e2e/screenshots', { recursive: true });

// The server of these tests sends email to DESKPULSE_SMTP_URL, port E2E port + 3
// (playwright.config.ts): this file starts the sink there.
const SMTP_PORT = Number(process.env.DESKPULSE_E2E_PORT || 4173) + 3;
const mails: string[] = [];
let sink: SMTPServer;
let slack: Stub;

test.beforeAll(async () => {
	sink = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, done) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				mails.push(Buffer.concat(chunks).toString('utf8'));
				done();
			});
		}
	});
	await new Promise<void>((resolve) => sink.listen(SMTP_PORT, '127.0.0.1', resolve));
	slack = await webhookStub(ok);
});

test.afterAll(async () => {
	await new Promise<void>((resolve) => sink.close(() => resolve()));
	await closeMailServers();
});

test('a manager subscribes the team to the Monday review, sends it, and the link opens the same review', async ({ page }) => {
	await page.goto('/admin/deliveries');
	await expect(page.getByRole('heading', { name: 'Digests and alerts' })).toBeVisible();
	const form = page.getByTestId('add-digest');
	await form.getByLabel('To', { exact: true }).fill(`team@example.com, slack:${slack.base}/services/T0/B0/e2e`);
	await expect(form.locator('select[name=schedule]')).toHaveValue('0 8 * * 1');
	await form.locator('input[name=tz]').fill('Europe/Berlin');
	await form.getByRole('button', { name: 'Subscribe' }).click();
	await expect(page.getByRole('status').first()).toContainText('Digest "Weekly review" added: 2 recipients.');
	const row = page.getByTestId('digests').locator('tbody tr').first();
	await expect(row).toContainText('Mondays at 08:00 (Europe/Berlin)');
	// The webhook URL is a credential: the page shows its host and last characters only.
	await expect(row).toContainText('slack: 127.0.0.1:');
	await expect(row).not.toContainText('/services/T0/B0');

	// Its preview is the review document as of now, in the digest's zone.
	const preview = await page.request.get((await row.getByRole('link', { name: 'preview' }).getAttribute('href'))!);
	expect(preview.status()).toBe(200);
	expect(await preview.text()).toContain('ISO weeks in Europe/Berlin');

	await row.getByRole('button', { name: 'Test delivery' }).click();
	await expect(page.getByTestId('outcomes')).toContainText('team@example.com: sent');
	expect(mails).toHaveLength(1);
	expect(header(mails[0], 'Subject')).toBe('deskpulse test delivery: Weekly review');

	await page.getByTestId('digests').locator('tbody tr').first().getByRole('button', { name: 'Send now' }).click();
	await expect(page.getByTestId('outcomes')).toContainText('team@example.com: sent');
	await expect(page.getByTestId('outcomes')).toContainText('slack: 127.0.0.1:');
	expect(mails).toHaveLength(2);
	expect(slack.received).toHaveLength(2);
	const subject = header(mails[1], 'Subject')!;
	const week = /(\d{4}-W\d{2})$/.exec(subject)![1];
	const html = decodedBody(partOfType(mails[1], 'text/html'));
	expect(html).toContain(`Weekly review ${week}`);
	expect(partOfType(mails[1], 'text/markdown')).toContain(`deskpulse-review-${week}.md`);
	// The link in the email opens the same review: the same week, as of the same instant.
	const link = /href="([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&');
	expect(new URL(link).searchParams.get('week')).toBe(week);
	await page.goto(link);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(week);
	const asOf = new URL(link).searchParams.get('as_of')!;
	await expect(page.locator('body')).toContainText(asOf);
	expect((slack.received[1].body as { text: string }).text).toContain(`Weekly review, ${week}`);

	await page.goto('/admin/deliveries');
	await expect(page.getByTestId('deliveries').locator('tbody tr')).toHaveCount(4);
	await page.screenshot({ path: 'test/e2e/screenshots/admin-deliveries.png', fullPage: true });
});

test('the review links an admin to a digest of itself: its filters and zone already in the form', async ({ page }) => {
	await page.goto('/review?segment=scaled&tz=America%2FNew_York&week=2026-W45');
	await page.getByTestId('subscribe').click();
	await expect(page).toHaveURL(/\/admin\/deliveries\?/);
	const form = page.getByTestId('add-digest');
	await expect(form.locator('input[name=content]')).toHaveValue('/review?segment=scaled');
	await expect(form.locator('input[name=tz]')).toHaveValue('America/New_York');
});

test('an alert rule on any review flag fires once for its week, then stays quiet; muted it stays listed', async ({ page }) => {
	await page.goto('/admin/deliveries');
	const form = page.getByTestId('add-rule');
	await form.locator('select[name=condition]').selectOption('flag');
	await form.getByLabel('To', { exact: true }).fill(`slack:${slack.base}/services/T0/B0/alerts`);
	await form.getByRole('button', { name: 'Add the rule' }).click();
	await expect(page.getByRole('status').first()).toContainText('Alert rule "any review flag" added');
	const before = slack.received.length;

	await page.getByRole('button', { name: 'Evaluate every rule now' }).click();
	// The e2e demo's last week (it ends 2026-11-15) has flags: the rule fires for it (or the
	// server's own hourly pass, at minute 7, fired it a moment before: then it says so).
	await expect(page.getByTestId('findings')).toContainText(/any review flag: (fired for 2026-W46, sent|holds for 2026-W46, already sent for that week)/);
	await expect.poll(() => slack.received.length).toBe(before + 1);
	expect((slack.received[before].body as { text: string }).text).toContain('Alert: any review flag: true in 2026-W46');

	await page.getByRole('button', { name: 'Evaluate every rule now' }).click();
	await expect(page.getByTestId('findings')).toContainText('holds for 2026-W46, already sent for that week');
	expect(slack.received).toHaveLength(before + 1);

	const row = page.getByTestId('rules').locator('tbody tr').filter({ hasText: 'any review flag' });
	await expect(row).toContainText('2026-W46');
	await row.getByRole('button', { name: 'Mute' }).click();
	await expect(page.getByTestId('rules').locator('tbody tr').filter({ hasText: 'any review flag' })).toContainText('muted');
	await expect(page.getByTestId('rules').locator('tbody tr').filter({ hasText: 'any review flag' }).getByRole('button', { name: 'Unmute' })).toBeVisible();
});
