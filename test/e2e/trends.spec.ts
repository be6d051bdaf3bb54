import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

mkdirSync('test/e2e/screenshots', { recursive: true });

const AS_OF = '2026-11-16T00:00:00Z';
// The last complete ISO week before AS_OF: the page's default.
const WEEK = '2026-W46';
const WEEK_START = '2026-11-09';
const WEEK_END = '2026-11-16';

interface KpiResult {
	rows: Array<Record<string, string | number | null>>;
}

async function ready(page: Page) {
	await expect(page.getByRole('heading', { name: 'Trends', exact: true })).toBeVisible();
	await expect(page.locator('.chart[data-ready="true"]').first()).toBeVisible();
}

async function ticketsCreated(request: import('@playwright/test').APIRequestContext, extra = '') {
	const api = (await (await request.get(`/api/v1/kpis?grain=week&metrics=tickets_created&from=${WEEK_START}&to=${WEEK_END}${extra}&as_of=${AS_OF}`)).json()) as KpiResult;
	return String(api.rows[0].tickets_created);
}

test('the trends page shows the last complete week, its volume equals the API and its rises match the review flags', async ({ page, request }) => {
	await page.goto(`/trends?as_of=${AS_OF}`);
	await ready(page);
	await expect(page.locator('.weeks strong')).toHaveText(WEEK);
	await expect(page.locator('[data-metric="tickets_created"] .value')).toHaveAttribute('data-value', await ticketsCreated(request));
	const rows = page.locator('#trends-table tbody tr');
	expect(await rows.count()).toBeGreaterThan(5);
	// Sorted by rise, largest first.
	const rises = (await page.locator('#trends-table td[data-key="rise"]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value')))));
	expect(rises).toEqual([...rises].sort((a, b) => b - a));
	// Significant rows are the weekly review's top movers.
	const flags = (await (await request.get(`/api/v1/flags?week=${WEEK}&as_of=${AS_OF}`)).json()) as { rows: Array<{ flag: string; subject: string }> };
	const movers = flags.rows.filter((r) => r.flag === 'top_mover').map((r) => r.subject).sort();
	const flagged = await page.locator('#trends-table tbody tr', { has: page.locator('td[data-key="significant"][data-value="true"]') }).evaluateAll((trs) =>
		trs.map((tr) => `${tr.querySelector('[data-key="kind"]')!.textContent!.trim()} ${tr.querySelector('[data-key="value"]')!.textContent!.trim()}`)
	);
	expect(flagged.sort()).toEqual(movers);
	await expect(page.locator('[data-metric="significant_rises"] .value')).toHaveAttribute('data-value', String(movers.length));
	// Feature requests with their subjects, as many as the card says (up to the list's cap).
	const total = Number(await page.locator('[data-metric="feature_requests"] .value').getAttribute('data-value'));
	expect(await page.locator('#feature-requests-table td[data-key="subject"]').count()).toBe(Math.min(total, 100));
	await expect(page.getByRole('link', { name: 'Trends' })).toHaveAttribute('aria-current', 'page');
	await page.screenshot({ path: 'test/e2e/screenshots/trends.png', fullPage: true });
});

test('a plan filter and the week links update the URL and the numbers', async ({ page, request }) => {
	await page.goto(`/trends?as_of=${AS_OF}`);
	await ready(page);
	await page.getByRole('combobox', { name: /^Plan/ }).selectOption('premium');
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(/plan=premium/);
	await expect(page).toHaveURL(new RegExp(`week=${WEEK}`));
	await expect(page.locator('[data-metric="tickets_created"] .value')).toHaveAttribute('data-value', await ticketsCreated(request, '&plan=premium'));

	await page.getByRole('link', { name: '← 2026-W45' }).click();
	await expect(page).toHaveURL(/week=2026-W45/);
	await expect(page).toHaveURL(/plan=premium/);
	await expect(page.locator('.weeks strong')).toHaveText('2026-W45');
	const api = (await (await request.get(`/api/v1/kpis?grain=week&metrics=tickets_created&from=2026-11-02&to=2026-11-09&plan=premium&as_of=${AS_OF}`)).json()) as KpiResult;
	await expect(page.locator('[data-metric="tickets_created"] .value')).toHaveAttribute('data-value', String(api.rows[0].tickets_created));
});

test('a category row opens its tickets of the week', async ({ page }) => {
	await page.goto(`/trends?as_of=${AS_OF}`);
	await ready(page);
	const row = page.locator('#trends-table tbody tr', { has: page.locator('td[data-key="kind"][data-value="category"]') }).first();
	const category = await row.locator('td[data-key="value"]').getAttribute('data-value');
	const n = await row.locator('td[data-key="week_count"]').getAttribute('data-value');
	await row.locator('td[data-key="week_count"] a').click();
	await expect(page).toHaveURL(new RegExp(`/tickets\\?.*category=${category}`));
	await expect(page.locator('[data-total]')).toHaveAttribute('data-total', n!);
});

test("the CSV download's rows equal the table's", async ({ page }) => {
	await page.goto(`/trends?as_of=${AS_OF}`);
	await ready(page);
	const download = page.waitForEvent('download');
	await page.locator('section[aria-labelledby="rises-title"] a.download').click();
	const file = await (await download).path();
	const text = (await import('node:fs')).readFileSync(file!, 'utf8');
	const lines = text.trim().split(/\r?\n/).map((l) => l.split(','));
	const values = await page.locator('#trends-table td[data-key="value"]').allTextContents();
	const kinds = await page.locator('#trends-table td[data-key="kind"]').allTextContents();
	const [k, v, w] = ['kind', 'value', 'week_count'].map((c) => lines[0].indexOf(c));
	expect(lines.slice(1).map((r) => `${r[k]} ${r[v]}`)).toEqual(kinds.map((kind, i) => `${kind.trim()} ${values[i].trim()}`));
	const counts = await page.locator('#trends-table td[data-key="week_count"]').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
	expect(lines.slice(1).map((r) => r[w])).toEqual(counts);
});

test('a tag opens its tickets of the week, filtered by tag, as many as the table counts', async ({ page }) => {
	await page.goto(`/trends?as_of=${AS_OF}`);
	await ready(page);
	const row = page.locator('#trends-table tbody tr', { has: page.locator('td[data-key="kind"]', { hasText: /^tag$/ }) }).first();
	const tag = (await row.locator('td[data-key="value"]').textContent())!.trim();
	const count = await row.locator('td[data-key="week_count"]').getAttribute('data-value');
	expect(Number(count)).toBeGreaterThan(0);
	await row.locator('td[data-key="value"] a').click();
	await expect(page).toHaveURL(new RegExp(`/tickets\\?.*tag=${encodeURIComponent(tag)}`));
	await expect(page.locator('[data-total]')).toHaveAttribute('data-total', String(count));
	// The list shows the tags column, and every ticket has the tag.
	const tags = await page.locator('#tickets-table tbody td[data-key="tags"]').allTextContents();
	expect(tags.length).toBeGreaterThan(0);
	expect(tags.every((t) => t.split(', ').includes(tag))).toBe(true);
});

test('a week past the end of the data shows no falls, and leads to the week before', async ({ page }) => {
	// The demo ends on 2026-11-15: 2026-W48 has no tickets, its 8 weeks before have.
	await page.goto('/trends?week=2026-W48&as_of=2026-12-01T00:00:00Z');
	await expect(page.getByRole('heading', { name: 'No inbound tickets in 2026-W48, for these filters' })).toBeVisible();
	await expect(page.locator('table')).toHaveCount(0);
	await expect(page.locator('section.empty').getByRole('link', { name: '2026-W47' })).toHaveAttribute('href', /week=2026-W47/);
});
