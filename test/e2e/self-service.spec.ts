import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

mkdirSync('test/e2e/screenshots', { recursive: true });

// Pinned, so the page and the API decide pending sessions at the same instant.
const AS_OF = '2026-11-16T00:00:00Z';
const METRICS = 'self_service_sessions,sessions_deflected,deflection_rate,bot_containment_rate,article_helpful_rate,kb_searches,search_result_rate,search_click_rate';

interface KpiResult {
	rows: Array<Record<string, string | number | null>>;
}

/** A CSV body as rows of cells (the demo data has no quoted commas in these columns). */
function csvRows(text: string): string[][] {
	return text
		.trim()
		.split(/\r?\n/)
		.map((line) => line.split(','));
}

async function ready(page: Page) {
	await expect(page.getByRole('heading', { name: 'Self-service and KB gaps', exact: true })).toBeVisible();
	await expect(page.locator('.chart[data-ready="true"]').first()).toBeVisible();
}

test('the self-service headline equals the API and every chart renders', async ({ page, request }) => {
	await page.goto(`/self-service?as_of=${AS_OF}`);
	await ready(page);
	const card = page.locator('[data-metric="deflection_rate"]');
	const period = await card.getAttribute('data-period');
	const api = (await (await request.get(`/api/v1/kpis?grain=week&metrics=${METRICS}&as_of=${AS_OF}`)).json()) as KpiResult;
	const row = api.rows.find((r) => r.period_start === period)!;
	expect(row).toBeTruthy();
	for (const metric of ['deflection_rate', 'bot_containment_rate', 'article_helpful_rate', 'search_result_rate', 'search_click_rate']) {
		await expect(page.locator(`[data-metric="${metric}"] .value`)).toHaveAttribute('data-value', String(row[metric]));
	}
	// Only the filters sessions carry are offered.
	await expect(page.getByRole('combobox', { name: /^Segment/ })).toBeVisible();
	await expect(page.getByRole('combobox', { name: /^Channel/ })).toHaveCount(0);
	await expect(page.locator('.chart svg')).toHaveCount(3);
	await expect(page.getByRole('link', { name: 'Self-service' })).toHaveAttribute('aria-current', 'page');
	await page.screenshot({ path: 'test/e2e/screenshots/self-service.png', fullPage: true });
});

test('a segment filter updates the URL and the numbers', async ({ page, request }) => {
	await page.goto(`/self-service?as_of=${AS_OF}`);
	await ready(page);
	const before = await page.locator('[data-metric="deflection_rate"] .value').getAttribute('data-value');
	await page.getByRole('combobox', { name: /^Segment/ }).selectOption('scaled');
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(/segment=scaled/);
	await expect(page).toHaveURL(/as_of=/);
	const api = (await (await request.get(`/api/v1/kpis?grain=week&metrics=${METRICS}&segment=scaled&as_of=${AS_OF}`)).json()) as KpiResult;
	const card = page.locator('[data-metric="deflection_rate"]');
	const period = await card.getAttribute('data-period');
	const row = api.rows.find((r) => r.period_start === period)!;
	await expect(card.locator('.value')).toHaveAttribute('data-value', String(row.deflection_rate));
	expect(String(row.deflection_rate)).not.toBe(before);
	// The KB gap table follows the filter: one segment left.
	const segments = await page.locator('#kb-gaps-table td[data-key="group"]').evaluateAll((tds) => [...new Set(tds.map((td) => td.textContent!.trim()))]);
	expect(segments).toEqual(['scaled']);
});

test('the KB gap table matches the API, per segment and per plan, and takes its natural height', async ({ page, request }) => {
	await page.goto(`/self-service?as_of=${AS_OF}`);
	await ready(page);
	const api = (await (await request.get(`/api/v1/kb-gaps?as_of=${AS_OF}`)).json()) as { rows: Array<Record<string, unknown>> };
	const first = page.locator('#kb-gaps-table tbody tr').first();
	await expect(first.locator('td[data-key="group"]')).toHaveText(String(api.rows[0].segment));
	await expect(first.locator('td[data-key="query"]')).toHaveText(String(api.rows[0].query));
	await expect(first.locator('td[data-key="searches"]')).toHaveAttribute('data-value', String(api.rows[0].searches));
	await expect(first.locator('td[data-key="kb_gap_score"]')).toHaveAttribute('data-value', String(api.rows[0].kb_gap_score));
	await expect(page.locator('#kb-gaps-table tbody tr')).toHaveCount(api.rows.length);

	await expect(first.locator('td[data-key="variant_count"]')).toHaveAttribute('data-value', String(api.rows[0].variant_count));
	// Every row is on the page, none hidden in a scroll box: the table is as tall as its rows.
	const wrap = page.locator('section[aria-labelledby="gaps-title"] .table-wrap');
	const [clientHeight, scrollHeight] = await wrap.evaluate((el) => [el.clientHeight, el.scrollHeight]);
	expect(scrollHeight).toBeLessThanOrEqual(clientHeight + 1);

	const perPlan = page.getByRole('link', { name: 'Per plan' });
	await perPlan.scrollIntoViewIfNeeded();
	const scrolled = await page.evaluate(() => window.scrollY);
	expect(scrolled).toBeGreaterThan(0);
	await perPlan.click();
	await expect(page).toHaveURL(/per=plan/);
	await expect(page.getByRole('heading', { name: /KB gaps per plan/ })).toBeVisible();
	// The table changed in place: the page did not jump back to the top.
	expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
	const byPlan = (await (await request.get(`/api/v1/kb-gaps?per=plan&as_of=${AS_OF}`)).json()) as { rows: Array<Record<string, unknown>> };
	await expect(page.locator('#kb-gaps-table tbody tr').first().locator('td[data-key="group"]')).toHaveText(String(byPlan.rows[0].plan));
	await expect(page.locator('#kb-gaps-table tbody tr').first().locator('td[data-key="query"]')).toHaveText(String(byPlan.rows[0].query));
});

test("the CSV downloads' rows equal the tables'", async ({ page, request }) => {
	await page.goto(`/self-service?as_of=${AS_OF}`);
	await ready(page);
	// The KB gap table's CSV.
	const gapsHref = await page.locator('section[aria-labelledby="gaps-title"] a.download').getAttribute('href');
	const gaps = csvRows(await (await request.get(gapsHref!)).text());
	const tableQueries = await page.locator('#kb-gaps-table td[data-key="query"]').allTextContents();
	const q = gaps[0].indexOf('query');
	expect(gaps.slice(1).map((r) => r[q])).toEqual(tableQueries.map((t) => t.trim()));

	// The deflection chart's CSV: one row per table row, the same rates.
	const trendHref = await page.locator('section[aria-labelledby="deflection-title"] a.download').getAttribute('href');
	const trend = csvRows(await (await request.get(trendHref!)).text());
	const rows = page.locator('#deflection-table tbody tr');
	expect(trend.length - 1).toBe(await rows.count());
	const [period, rate] = [trend[0].indexOf('period'), trend[0].indexOf('deflection_rate')];
	const newest = trend.at(-1)!;
	await expect(rows.first().locator('td[data-key="period"]')).toHaveText(newest[period]);
	expect(Number(await rows.first().locator('td[data-key="deflection_rate"]').getAttribute('data-value'))).toBeCloseTo(Number(newest[rate]), 12);
});

test("the KB gap table answers the period the page's cards show", async ({ page }) => {
	// By month, as of 2026-11-16: the cards show October, the latest complete month, and so does the table.
	await page.goto(`/self-service?as_of=${AS_OF}&grain=month`);
	await ready(page);
	await expect(page.locator('[data-metric="deflection_rate"]')).toHaveAttribute('data-period', '2026-10-01');
	await expect(page.locator('section[aria-labelledby="gaps-title"]')).toContainText('Searches from 2026-10-01 to 2026-11-01 (exclusive)');
});

test('a KB gap query opens its searches and the tickets that followed, and each CSV holds the whole list', async ({ page, request }) => {
	await page.goto(`/self-service?as_of=${AS_OF}`);
	await ready(page);
	const api = (await (await request.get(`/api/v1/kb-gaps?as_of=${AS_OF}`)).json()) as { rows: Array<Record<string, unknown>> };
	// The row with the most tickets after it, so the tickets list has rows to compare.
	const index = api.rows.reduce((best, r, i) => (Number(r.tickets_after) > Number(api.rows[best].tickets_after) ? i : best), 0);
	const row = api.rows[index];
	expect(Number(row.tickets_after)).toBeGreaterThan(0);
	await page.locator('#kb-gaps-table tbody tr').nth(index).locator('td[data-key="query"] a').click();

	await expect(page).toHaveURL(/\/self-service\/query\?/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Searches for “${row.query}”`);
	// The row's segment and the table's as_of travel in the URL.
	const url = new URL(page.url());
	expect([url.searchParams.get('key'), url.searchParams.get('segment'), new Date(url.searchParams.get('as_of')!).toISOString()]).toEqual([
		String(row.group_key),
		String(row.segment),
		new Date(AS_OF).toISOString()
	]);

	// The variants add up to the row's searches; the first is the row's query.
	const variantCounts = await page.locator('#kb-query-variants td[data-key="searches"]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
	expect(variantCounts.reduce((a, b) => a + b, 0)).toBe(Number(row.searches));
	await expect(page.locator('#kb-query-variants tbody tr').first().locator('td[data-key="query"]')).toHaveText(String(row.query));

	// The searches list says how many there are; its CSV has that many rows.
	const searchesTotal = Number(await page.locator('section[aria-labelledby="searches-title"] .count').getAttribute('data-total'));
	expect(searchesTotal).toBe(Number(row.searches));
	const searchesCsv = csvRows(await (await request.get((await page.locator('section[aria-labelledby="searches-title"] a.download').getAttribute('href'))!)).text());
	expect(searchesCsv.length - 1).toBe(searchesTotal);
	await expect(page.locator('#kb-query-searches tbody tr')).toHaveCount(Math.min(searchesTotal, 100));

	// The tickets that followed: as many in the list as its CSV, each opening in the ticket list.
	const ticketsTotal = Number(await page.locator('section[aria-labelledby="tickets-title"] .count').getAttribute('data-total'));
	expect(ticketsTotal).toBeGreaterThan(0);
	const ticketsCsv = csvRows(await (await request.get((await page.locator('section[aria-labelledby="tickets-title"] a.download').getAttribute('href'))!)).text());
	expect(ticketsCsv.length - 1).toBe(ticketsTotal);
	await expect(page.locator('#kb-query-tickets tbody tr')).toHaveCount(Math.min(ticketsTotal, 100));
	await page.setViewportSize({ width: 1024, height: 800 });
	await page.screenshot({ path: 'test/e2e/screenshots/self-service-query.png', fullPage: true });

	const ticketLink = page.locator('#kb-query-tickets td[data-key="ticket_id"] a').first();
	const ticketId = (await ticketLink.textContent())!.trim();
	await ticketLink.click();
	await expect(page).toHaveURL(/\/tickets\?ticket=/);
	await expect(page.locator('#tickets-table tbody tr')).toHaveCount(1);
	await expect(page.locator('#tickets-table td[data-key="ticket_id"]')).toHaveText(ticketId);
});

test('a month under way and a month cut by the range are marked in the rate tables and under the charts', async ({ page }) => {
	// As of Monday 2026-11-16, November is under way; from=2026-09-15 holds half of September.
	await page.goto(`/self-service?grain=month&from=2026-09-15&as_of=${AS_OF}`);
	await ready(page);
	const periods = page.locator('#deflection-table tbody td[data-key="period"]');
	await expect(periods.first()).toHaveText('2026-11 (so far)');
	await expect(periods.nth(1)).toHaveText('2026-10');
	await expect(periods.last()).toHaveText('2026-09 (partial)');
	await expect(page.getByTestId('partial-note').first()).toHaveText(/^Hatched bars, dashed lines and hollow points: period not complete/);
});
