import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';

mkdirSync('test/e2e/screenshots', { recursive: true });

interface KpiRow {
	period: string;
	tickets_created: number;
	frt_median_min: number | null;
}

test('the overview chart and table show the API numbers', async ({ page, request }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
	// The chart has drawn once it marks itself ready and holds an SVG.
	const chart = page.locator('.chart[data-ready="true"]');
	await expect(chart).toBeVisible();
	await expect(chart.locator('svg')).toHaveCount(1);

	const api = await request.get('/api/v1/kpis?grain=week&metrics=tickets_created,frt_median_min');
	expect(api.ok()).toBe(true);
	const { rows } = (await api.json()) as { rows: KpiRow[] };
	expect(rows.length).toBeGreaterThan(60);

	// The table lists the newest period first; its cells carry the raw values.
	const firstRow = page.locator('#kpi-table tbody tr').first();
	const newest = rows[rows.length - 1];
	await expect(firstRow.locator('td[data-key="period"]')).toHaveText(newest.period);
	await expect(firstRow.locator('td[data-key="tickets_created"]')).toHaveAttribute('data-value', String(newest.tickets_created));
	await expect(firstRow.locator('td[data-key="frt_median_min"]')).toHaveAttribute('data-value', String(newest.frt_median_min ?? ''));
	expect(newest.tickets_created).toBeGreaterThan(0);

	// The headline card shows the same latest value.
	await expect(page.locator('[data-metric="tickets_created"] .value')).toHaveAttribute('data-value', String(newest.tickets_created));
	await page.screenshot({ path: 'test/e2e/screenshots/overview.png', fullPage: true });
});

test('a filter change updates the URL and the numbers', async ({ page, request }) => {
	await page.goto('/');
	// Wait until the page has hydrated (the chart marks itself ready), or hydration would reset
	// the select to the server-rendered value under the test's hands.
	await expect(page.locator('.chart[data-ready="true"]')).toBeVisible();
	await page.getByLabel('Grain').selectOption('month');
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(/grain=month/);
	const api = await request.get('/api/v1/kpis?grain=month');
	const { rows } = (await api.json()) as { rows: KpiRow[] };
	const newest = rows[rows.length - 1];
	const firstRow = page.locator('#kpi-table tbody tr').first();
	await expect(firstRow.locator('td[data-key="period"]')).toHaveText(newest.period);
	await expect(firstRow.locator('td[data-key="tickets_created"]')).toHaveAttribute('data-value', String(newest.tickets_created));
});

test('the CSV download holds the rows of the table', async ({ page }) => {
	await page.goto('/?grain=month');
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
	const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
	const lines = text.trim().split(/\r\n/);
	expect(lines[0]).toBe('period,period_start,tickets_created,frt_median_min');
	const tableRows = await page.locator('#kpi-table tbody tr').count();
	expect(lines.length - 1).toBe(tableRows);
	const newestTicketCount = await page.locator('#kpi-table tbody tr').first().locator('td[data-key="tickets_created"]').getAttribute('data-value');
	expect(lines[lines.length - 1].split(',')[2]).toBe(newestTicketCount);
});

test('the CLI, run while the server holds the database, prints the API rows', async ({ request }) => {
	const { execFileSync } = await import('node:child_process');
	const run = (args: string[]) =>
		execFileSync(process.execPath, ['bin/deskpulse.js', ...args, '--db', 'test-results/e2e-db/deskpulse.duckdb'], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe']
		});
	const cli = JSON.parse(run(['kpis', '--grain', 'week', '--format', 'json', '--as-of', '2026-11-16T00:00:00Z']));
	const api = await (await request.get('/api/v1/kpis?grain=week&as_of=2026-11-16T00:00:00Z')).json();
	expect(cli).toEqual(api);
	expect(cli.rows.length).toBeGreaterThan(60);
});
