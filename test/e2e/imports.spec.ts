import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

mkdirSync('test/e2e/screenshots', { recursive: true });

interface RunRow {
	run_id: number;
	source: string;
	status: string;
	rows_read: number;
	rows_accepted: number;
	rows_rejected: number;
}

// Tickets inside the demo's date range, under their own label; line 4 (header = line 1) has
// a creation time that is no time, so one row is quarantined.
const TICKETS = [
	'ticket_id,created_at,status,channel,priority,subject',
	'e2e-1,2026-11-09T09:00:00Z,solved,email,P3,Cannot export invoices',
	'e2e-2,2026-11-10T10:00:00Z,open,chat,P2,SSO login loops',
	'e2e-3,not a date,open,web,P3,Webhook retries',
	'e2e-4,2026-11-12T10:00:00Z,pending,email,P4,Renewal quote'
].join('\n');

test('the imports page lists the runs, uploads a CSV and shows the same counts as the API', async ({ page, request }) => {
	const dir = resolve('test-results', 'e2e-upload');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, 'tickets.csv');
	writeFileSync(file, TICKETS);

	await page.goto('/imports');
	await expect(page.getByRole('heading', { name: 'Imports', level: 1 })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Imports' })).toHaveAttribute('aria-current', 'page');

	// The history is the demo import's runs, as the API lists them.
	const before = (await (await request.get('/api/v1/imports')).json()) as { runs: RunRow[] };
	expect(before.runs.length).toBeGreaterThan(0);
	expect(before.runs.every((r) => r.source === 'demo')).toBe(true);
	const rows = page.locator('#import-runs tbody tr');
	await expect(rows).toHaveCount(before.runs.length);
	await expect(rows.first().locator('td[data-key="source"]')).toHaveText('demo');
	await expect(rows.first().locator('td[data-key="rows_accepted"]')).toHaveAttribute('data-value', String(before.runs[0].rows_accepted));

	// Wait for hydration, then upload through the file input as a keyboard user would.
	await expect(page.locator('form#import-form[data-ready="true"]')).toBeVisible();
	await page.getByLabel('Or choose files').setInputFiles(file);
	await expect(page.getByRole('list', { name: 'Files to import' })).toContainText('tickets.csv');
	await page.getByLabel('Source', { exact: true }).selectOption('auto');
	await page.getByLabel('Source label').fill('e2e-upload');
	await page.getByRole('button', { name: 'Upload and import' }).click();

	// The import reports done once every page's default view is computed: allow for that.
	const summary = page.getByTestId('import-summary');
	await expect(summary).toBeVisible({ timeout: 30_000 });
	await expect(page.locator('[data-phase="done"]')).toBeVisible();
	await expect(summary).toContainText('deskpulse generic CSV format');
	await expect(summary).toContainText('line 4, column created_at');
	// The import checked what it wrote.
	await expect(summary.getByTestId('import-checks')).toContainText(/Integrity checks on source “e2e-upload”: all \d+ passed\./);
	const article = summary.locator('article[data-run-id]');
	await expect(article).toHaveCount(1);
	const runId = Number(await article.getAttribute('data-run-id'));
	expect(runId).toBeGreaterThan(0);

	// The summary's counts are the run's, as the API records it.
	const api = (await (await request.get(`/api/v1/imports/${runId}`)).json()) as { run: RunRow; rejects: Array<{ line: number }> };
	expect(api.run).toMatchObject({ source: 'e2e-upload', status: 'ok', rows_read: 4, rows_accepted: 3, rows_rejected: 1 });
	expect(api.rejects.map((r) => r.line)).toEqual([4]);
	for (const key of ['rows_read', 'rows_accepted', 'rows_rejected'] as const) {
		await expect(article.locator(`[data-count="${key}"]`)).toHaveAttribute('data-value', String(api.run[key]));
	}

	// The history has reloaded with the new run first, and its rejects download as CSV.
	const newest = rows.first();
	await expect(newest).toHaveAttribute('data-run-id', String(runId));
	await expect(newest.locator('td[data-key="rows_rejected"]')).toHaveAttribute('data-value', '1');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		newest.getByRole('link', { name: `Download the rejected rows of run ${runId} (tickets.csv) as CSV` }).click()
	]);
	const text = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
	const lines = text.trimEnd().split('\r\n');
	expect(lines[0].startsWith('line,column,reason,')).toBe(true);
	expect(lines).toHaveLength(2);
	expect(lines[1]).toMatch(/^4,created_at,.*not a date/);

	await page.screenshot({ path: 'test/e2e/screenshots/imports.png', fullPage: true });
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.screenshot({ path: 'test/e2e/screenshots/imports-dark.png', fullPage: true });
});

test('an upload shows its progress in bytes and percent, then why it was not imported', async ({ page }) => {
	const dir = resolve('test-results', 'e2e-upload');
	mkdirSync(dir, { recursive: true });
	// About 1.5 MB of a CSV no adapter recognises: it uploads, and the import refuses it.
	const file = join(dir, 'notes.csv');
	writeFileSync(file, 'note,author\n' + 'a line of free text,someone\n'.repeat(56_000));

	await page.goto('/imports');
	await expect(page.locator('form#import-form[data-ready="true"]')).toBeVisible();
	// A slow uplink, so the progress is on screen long enough to be seen.
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 600 * 1024 });
	await page.getByLabel('Or choose files').setInputFiles(file);
	await page.getByRole('button', { name: 'Upload and import' }).click();

	await expect(page.getByText(/^Uploading: [\d.]+ (KB|MB) of 1\.\d MB \([1-9]\d? %\)$/)).toBeVisible();
	await expect(page.locator('form#import-form progress')).toBeVisible();
	await page.screenshot({ path: 'test/e2e/screenshots/imports-uploading.png' });
	await expect(page.locator('[data-phase="error"]')).toContainText('no known export format recognised in notes.csv', { timeout: 30_000 });
	await expect(page.getByTestId('import-summary')).toHaveCount(0);
});

test('a preview shows what an import would do, writing nothing, and imports on confirmation with the maps set', async ({ page, request }) => {
	const dir = resolve('test-results', 'e2e-preview');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, 'tickets.csv');
	// A custom status no built-in map knows, and a solve stamped two minutes before creation.
	writeFileSync(
		file,
		[
			'ticket_id,created_at,status,solved_at',
			'pv-1,2026-11-09T09:00:00Z,Waiting on Customer Approval,',
			'pv-2,2026-11-10T10:00:00Z,solved,2026-11-10T09:58:00Z'
		].join('\n')
	);
	const runs = async () => ((await (await request.get('/api/v1/imports')).json()) as { runs: RunRow[] }).runs.length;
	const before = await runs();

	await page.goto('/imports');
	await expect(page.locator('form#import-form[data-ready="true"]')).toBeVisible();
	await page.getByLabel('Or choose files').setInputFiles(file);
	await page.getByLabel('Source label').fill('e2e-preview');
	await page.getByRole('button', { name: 'Preview' }).click();

	const summary = page.getByTestId('import-summary');
	await expect(page.getByTestId('dry-run-note')).toBeVisible();
	await expect(summary.getByRole('heading', { level: 2 })).toHaveText('Preview: what the import would do');
	await expect(summary.locator('[data-count="rows_adjusted"]')).toHaveAttribute('data-value', '1');
	await expect(summary.getByTestId('adjustment-reasons')).toContainText('solved_at is before created_at by at most 5 min (rounding): moved to created_at');
	await expect(summary).toContainText('Waiting on Customer Approval → pending (default rule), 1 row');
	expect(await runs()).toBe(before);

	// The team reads that status its own way, then imports the previewed files.
	await page.getByLabel('Read values your way (optional)').fill('status=Waiting on Customer Approval=on_hold');
	await page.getByRole('button', { name: 'Preview again' }).click();
	await expect(summary).toContainText('Waiting on Customer Approval → on_hold (your map), 1 row');
	await page.getByTestId('confirm-import').click();
	await expect(summary.getByRole('heading', { level: 2 })).toHaveText('Import summary');
	await expect(page.locator('[data-phase="done"]')).toContainText('Imported.');
	expect(await runs()).toBe(before + 1);
	const runId = Number(await summary.locator('article[data-run-id]').getAttribute('data-run-id'));
	const api = (await (await request.get(`/api/v1/imports/${runId}`)).json()) as { run: RunRow & { rows_adjusted: number } };
	expect(api.run).toMatchObject({ source: 'e2e-preview', rows_read: 2, rows_accepted: 2, rows_rejected: 0, rows_adjusted: 1 });
	await expect(page.locator(`#import-runs tr[data-run-id="${runId}"] td[data-key="rows_adjusted"]`)).toHaveAttribute('data-value', '1');
	await page.screenshot({ path: 'test/e2e/screenshots/imports-preview.png', fullPage: true });
});

test('the same export uploaded again says nothing changed', async ({ page }) => {
	const dir = resolve('test-results', 'e2e-reupload');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, 'tickets.csv');
	writeFileSync(file, TICKETS.replaceAll('e2e-', 'again-'));
	await page.goto('/imports');
	await expect(page.locator('form#import-form[data-ready="true"]')).toBeVisible();
	const upload = async () => {
		await page.getByLabel('Or choose files').setInputFiles(file);
		await page.getByLabel('Source label').fill('e2e-again');
		await page.getByRole('button', { name: 'Upload and import' }).click();
		await expect(page.locator('[data-phase="done"]')).toBeVisible();
	};
	await upload();
	await expect(page.getByTestId('kept-effect')).toHaveText('Kept rows: 3 new, 0 changed, 0 as they were.');
	await upload();
	await expect(page.getByTestId('kept-effect')).toHaveText('Nothing changed: every kept row was already there as it is.');
	await expect(page.getByTestId('import-summary').locator('.badge')).toHaveText('unchanged');
});
