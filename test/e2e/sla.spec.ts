import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

mkdirSync('test/e2e/screenshots', { recursive: true });

// Pinned, so the page and the API judge "breached so far" at the same instant.
const AS_OF = '2026-11-16T00:00:00Z';
const METRICS = 'sla_achievement_rate,sla_frt_breach_rate,sla_resolution_breach_rate';

interface KpiResult {
	rows: Array<Record<string, string | number | null>>;
	samples: Array<{ n: Record<string, number> }>;
}

async function ready(page: Page) {
	await expect(page.getByRole('heading', { name: 'SLA', exact: true })).toBeVisible();
	await expect(page.locator('.chart[data-ready="true"]').first()).toBeVisible();
}

test('the SLA headline equals the API and the page renders every breakdown', async ({ page, request }) => {
	await page.goto(`/sla?as_of=${AS_OF}`);
	await ready(page);
	const card = page.locator('[data-metric="sla_achievement_rate"]');
	const period = await card.getAttribute('data-period');
	const api = (await (await request.get(`/api/v1/kpis?grain=week&metrics=${METRICS}&as_of=${AS_OF}`)).json()) as KpiResult;
	const row = api.rows.find((r) => r.period_start === period)!;
	expect(row).toBeTruthy();
	await expect(card.locator('.value')).toHaveAttribute('data-value', String(row.sla_achievement_rate));
	await expect(page.locator('[data-metric="sla_frt_breach_rate"] .value')).toHaveAttribute('data-value', String(row.sla_frt_breach_rate));
	for (const dim of ['plan', 'priority', 'channel', 'group']) {
		expect(await page.locator(`#sla-by-${dim} tbody tr`).count()).toBeGreaterThan(1);
	}
	await expect(page.locator('#frt-hours-table tbody tr').first()).toBeVisible();
	await expect(page.locator('.chart svg')).toHaveCount(6);
	await page.screenshot({ path: 'test/e2e/screenshots/sla.png', fullPage: true });
});

test('a plan filter updates the URL and the numbers', async ({ page, request }) => {
	await page.goto(`/sla?as_of=${AS_OF}`);
	await ready(page);
	await page.getByRole('combobox', { name: /^Plan/ }).selectOption('premium');
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(/plan=premium/);
	await expect(page).toHaveURL(/as_of=/);
	const api = (await (await request.get(`/api/v1/kpis?grain=week&metrics=${METRICS}&plan=premium&as_of=${AS_OF}`)).json()) as KpiResult;
	const first = page.locator('#sla-table tbody tr').first();
	const period = (await first.locator('td[data-key="period"]').textContent())!.trim();
	const row = api.rows.find((r) => r.period === period)!;
	await expect(first.locator('td[data-key="sla_achievement_rate"]')).toHaveAttribute('data-value', String(row.sla_achievement_rate ?? ''));
	// The plan breakdown now has the one plan.
	await expect(page.locator('#sla-by-plan tbody tr')).toHaveCount(1);
});

test('a drill-through from a cell opens its tickets, as many as its sample', async ({ page }) => {
	await page.goto(`/sla?as_of=${AS_OF}`);
	await ready(page);
	// The second-newest week: a full one.
	const row = page.locator('#sla-table tbody tr').nth(1);
	const n = await row.locator('td[data-key="n"]').getAttribute('data-value');
	expect(Number(n)).toBeGreaterThan(0);
	await row.locator('td[data-key="n"] a').click();
	await expect(page).toHaveURL(/\/tickets\?.*metric=sla_achievement_rate/);
	await expect(page.locator('[data-total]')).toHaveAttribute('data-total', n!);

	// A breakdown cell: the premium plan's tickets with a target this quarter.
	await page.goto(`/sla?as_of=${AS_OF}`);
	await ready(page);
	const premium = page.locator('#sla-by-plan tbody tr', { has: page.locator('td[data-key="plan"][data-value="premium"]') });
	const pn = await premium.locator('td[data-key="n"]').getAttribute('data-value');
	await premium.locator('td[data-key="n"] a').click();
	await expect(page).toHaveURL(/plan=premium/);
	await expect(page.locator('[data-total]')).toHaveAttribute('data-total', pn!);
	await expect(page.locator('#tickets-table tbody td[data-key="plan"]').first()).toHaveText('premium');
});

test('the breakdowns of a one-week range name the week, not the quarter', async ({ page }) => {
	await page.goto('/sla?from=2026-11-09&to=2026-11-16&as_of=2026-11-16T00:00:00Z');
	await expect(page.locator('h2.section-title')).toHaveText(/Breaches by plan, priority, channel and group: 2026-11-09 to 2026-11-16 \(exclusive\), in 2026-Q4/);
});

test('a quarter of which the range holds one week is labelled by that week and marked partial, never a bare 2026-Q4', async ({ page }) => {
	await page.goto('/sla?grain=quarter&from=2026-11-09&to=2026-11-16&as_of=2026-11-16T00:00:00Z');
	await expect(page.getByTestId('latest-period').first()).toHaveText(/^2026-11-09 to 2026-11-16 \(exclusive\), in 2026-Q4 \(partial\) · \d+ tickets with a target$/);
	const period = page.locator('#sla-table tbody tr').first().locator('td[data-key="period"]');
	await expect(period).toHaveText('2026-Q4 (partial)');
	await expect(period).toHaveAttribute('data-mark', '(partial)');
	await expect(page.getByTestId('partial-note').first()).toContainText('period not complete');
});
