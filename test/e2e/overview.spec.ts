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
	// The tickets/FRT chart has drawn once it marks itself ready and holds an SVG.
	const chart = page.locator('.volume-chart .chart[data-ready="true"]');
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

	// The headline card shows the API's value for its period (the latest complete one).
	const card = page.locator('.card[data-metric="tickets_created"]');
	const cardPeriod = await card.getAttribute('data-period');
	const cardRow = rows.find((r) => r.period === cardPeriod);
	expect(cardRow).toBeDefined();
	await expect(card.locator('.value')).toHaveAttribute('data-value', String(cardRow!.tickets_created));
	await page.screenshot({ path: 'test/e2e/screenshots/overview.png', fullPage: true });
});

test('a filter change updates the URL and the numbers', async ({ page, request }) => {
	await page.goto('/');
	// Wait until the page has hydrated (the chart marks itself ready), or hydration would reset
	// the select to the server-rendered value under the test's hands.
	await expect(page.locator('.volume-chart .chart[data-ready="true"]')).toBeVisible();
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
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV', exact: true }).click()]);
	const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
	const lines = text.trim().split(/\r\n/);
	expect(lines[0]).toBe('period,period_start,tickets_created,frt_median_min');
	const tableRows = await page.locator('#kpi-table tbody tr').count();
	expect(lines.length - 1).toBe(tableRows);
	const newestTicketCount = await page.locator('#kpi-table tbody tr').first().locator('td[data-key="tickets_created"]').getAttribute('data-value');
	expect(lines[lines.length - 1].split(',')[2]).toBe(newestTicketCount);
});

const AS_OF = '2026-11-16T00:00:00Z';

test('the headline cards show the API values of the latest complete week', async ({ page, request }) => {
	await page.goto(`/?as_of=${AS_OF}`);
	const metrics = ['tickets_created', 'deflection_rate', 'frt_median_min', 'csat_rate', 'cost_per_ticket', 'cost_per_customer', 'customers_per_agent'];
	const api = await request.get(`/api/v1/kpis?grain=week&metrics=${metrics.join(',')}&as_of=${AS_OF}`);
	expect(api.ok()).toBe(true);
	const { rows } = (await api.json()) as { rows: Array<Record<string, number | string | null>> };
	// as_of is Monday midnight: the week that just ended, 2026-W46, is the latest complete one.
	const row = rows.find((r) => r.period === '2026-W46')!;
	expect(row).toBeDefined();
	for (const metric of metrics) {
		const card = page.locator(`.card[data-metric="${metric}"]`);
		await expect(card).toHaveAttribute('data-period', '2026-W46');
		await expect(card.locator('.value')).toHaveAttribute('data-value', String(row[metric] ?? ''));
	}
	expect(row.cost_per_ticket).not.toBeNull();
	// The ticket count links to its tickets on the Tickets page.
	await expect(page.locator('.card[data-metric="tickets_created"] .value a')).toHaveAttribute('href', /^\/tickets\?.*metric=tickets_created/);
	await expect(page.locator('.card[data-metric="tickets_created"] .spark svg')).toHaveCount(1);
});

test('the unit-economics CSV holds the rows of its table', async ({ page }) => {
	await page.goto(`/?grain=month&as_of=${AS_OF}`);
	await expect(page.locator('.unit-chart .chart[data-ready="true"]')).toBeVisible();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download unit-economics CSV' }).click()]);
	const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
	const [header, ...lines] = text.trim().split(/\r\n/);
	const columns = header.split(',');
	// After the savings, the assumption they rest on (docs/metrics.md), as the table shows it.
	expect(columns).toEqual([
		'period',
		'period_start',
		'support_cost',
		'tickets_solved',
		'active_customers',
		'cost_per_ticket',
		'cost_per_customer',
		'self_service_savings',
		'self_service_savings__avoided_ticket_rate',
		'self_service_savings__trailing_cost_per_ticket'
	]);
	// The table lists the newest period first, the CSV the oldest.
	const csvRows = lines.map((line) => line.split(',')).reverse();
	const tableRows = page.locator('#unit-table tbody tr');
	await expect(tableRows).toHaveCount(csvRows.length);
	expect(csvRows.length).toBeGreaterThan(10);
	const keys = columns.filter((c) => c !== 'period_start');
	const tableKey = (column: string) => column.replace('self_service_savings__', '');
	const table = await tableRows.evaluateAll(
		(trs, keys) => trs.map((tr) => keys.map((k) => tr.querySelector(`td[data-key="${k}"]`)?.getAttribute('data-value') ?? null)),
		keys.map(tableKey)
	);
	expect(table).toEqual(csvRows.map((cells) => keys.map((k) => cells[columns.indexOf(k)])));
	expect(csvRows.some((cells) => cells[columns.indexOf('support_cost')] !== '')).toBe(true);
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

test('a rate card shows its change in points beside the previous value, a count card in %', async ({ page }) => {
	await page.goto('/');
	const rate = page.locator('.card[data-metric="sla_achievement_rate"] .delta');
	await expect(rate.locator('[data-change="points"]')).toHaveText(/^[+−±]\d+\.\d pts$/);
	// The previous period's value is shown, so the points can be read against it.
	await expect(rate).toContainText(/ vs \d{4}-W\d{2} \(\d+\.\d %\)/);
	await expect(page.locator('.card[data-metric="tickets_created"] [data-change="relative"]')).toHaveText(/^[+−±]\d+ %$/);
});

test('a filter survives moving to another page, and reaches its export', async ({ page }) => {
	await page.goto('/?segment=scaled&tz=Europe%2FBerlin');
	await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Tickets' }).click();
	await expect(page).toHaveURL(/\/tickets\?segment=scaled&tz=Europe%2FBerlin$/);
	await expect(page.getByRole('link', { name: /^Download all .* as CSV$/ })).toHaveAttribute('href', /segment=scaled/);
	await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'SLA' }).click();
	await expect(page).toHaveURL(/\/sla\?segment=scaled&tz=Europe%2FBerlin$/);
});

test('with a segment filter, costs are said to be not split by segment, not missing', async ({ page }) => {
	await page.goto('/?segment=scaled');
	await expect(page.getByTestId('costs-not-split')).toContainText('Support costs are not split by segment');
	await expect(page.getByText('No support costs imported')).toHaveCount(0);
});

test('any IANA time zone can be chosen from the filter bar, by typing its name', async ({ page }) => {
	await page.goto('/');
	const zone = page.getByLabel('Time zone');
	// The list offers every zone the runtime knows, not a handful.
	expect(await page.locator('#filter-zones option').count()).toBeGreaterThan(300);
	await zone.fill('Asia/Kolkata');
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(/tz=Asia%2FKolkata/);
	await expect(page.getByLabel('Time zone')).toHaveValue('Asia/Kolkata');
});

test('the savings card states its assumption, in the costs currency, and stays below the support cost', async ({ page, request }) => {
	await page.goto(`/?as_of=${AS_OF}`);
	const card = page.locator('.card[data-metric="self_service_savings"]');
	await expect(card.locator('.value')).toHaveText(/^\$\d{1,3}(,\d{3})*$/);
	const week = await card.getAttribute('data-period');
	const api = await (await request.get(`/api/v1/kpis?grain=week&metrics=self_service_savings,support_cost&as_of=${AS_OF}`)).json();
	const i = api.rows.findIndex((r: { period: string }) => r.period === week);
	const basis = api.samples[i].basis.self_service_savings;
	const rate = `${(basis.avoided_ticket_rate * 100).toFixed(1)} %`;
	// The short line names the rate; its tooltip the whole assumption.
	const line = card.getByTestId('savings-assumption').locator('abbr');
	await expect(line).toHaveText(`assumes ${rate} would have been tickets`);
	await expect(line).toHaveAttribute('title', new RegExp(`^Assumes ${rate.replace('.', '\\.')} of the [\\d,]+ deflected sessions would have become tickets \\(the share of sessions followed by a ticket over the trailing 12 weeks\\), each at the trailing 12-week cost per ticket \\(\\$\\d+\\)`));
	// Demo savings are a fraction of what support costs, so no "above the cost" note.
	expect(api.rows[i].self_service_savings).toBeLessThan(api.rows[i].support_cost / 2);
	await expect(card.getByTestId('savings-above-cost')).toHaveCount(0);
	// The table carries the same assumption per period, and a set rate changes it.
	await expect(page.locator('#unit-table thead')).toContainText('Assumed avoided-ticket rate');
	await page.goto(`/?as_of=${AS_OF}&avoided_ticket_rate=0.5`);
	await expect(card.getByTestId('savings-assumption').locator('abbr')).toHaveText('assumes 50.0 % would have been tickets');
	await expect(card.getByTestId('savings-assumption').locator('abbr')).toHaveAttribute('title', /\(the rate set for this view\)/);
});


test('an incomplete period is marked in the table and under the chart, not drawn as a full bar', async ({ page }) => {
	// As of Monday 2026-11-16, November is under way; from=2026-09-15 holds half of September.
	await page.goto('/?grain=month&from=2026-09-15&as_of=2026-11-16T00:00:00Z');
	const periods = page.locator('#kpi-table tbody td[data-key="period"]');
	await expect(periods.first()).toHaveText('2026-11 (so far)');
	await expect(periods.first()).toHaveAttribute('data-mark', '(so far)');
	await expect(periods.nth(1)).toHaveText('2026-10');
	await expect(periods.nth(1)).not.toHaveAttribute('data-mark');
	await expect(periods.last()).toHaveText('2026-09 (partial)');
	await expect(page.locator('#unit-table tbody td[data-key="period"]').first()).toHaveText('2026-11 (so far)');
	// The chart draws without words: the note under it and the table's caption say it.
	await expect(page.locator('.volume-chart .chart[data-ready="true"]')).toBeVisible();
	await expect(page.locator('#kpi-table caption')).toContainText('(so far) or (partial): the period is not complete.');
	await expect(page.locator('.volume-chart').getByTestId('partial-note')).toHaveText(/^Hatched bars, dashed lines and hollow points: period not complete/);
	await page.screenshot({ path: 'test/e2e/screenshots/overview-partial.png', fullPage: true });
});

test('Apply keeps the as-of time and the set avoided-ticket rate, and the CSV holds the numbers on screen', async ({ page }) => {
	await page.goto(`/?as_of=${AS_OF}&avoided_ticket_rate=0.3`);
	await expect(page.locator('.volume-chart .chart[data-ready="true"]')).toBeVisible();
	await page.getByLabel('Grain').selectOption('month');
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(/grain=month/);
	const url = new URL(page.url());
	expect(url.searchParams.get('as_of')).toBe(AS_OF);
	expect(url.searchParams.get('avoided_ticket_rate')).toBe('0.3');
	const csv = new URL((await page.getByRole('link', { name: 'Download CSV', exact: true }).getAttribute('href'))!, url);
	expect(csv.searchParams.get('as_of')).toBe('2026-11-16T00:00:00.000Z');
});
