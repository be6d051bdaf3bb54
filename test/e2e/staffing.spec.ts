import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

mkdirSync('test/e2e/screenshots', { recursive: true });

// The demo ends with ISO week 2026-W46; as of Monday 16 Nov the current week, W47, is the
// forecast's first.
const AS_OF = '2026-11-16T00:00:00Z';

interface ForecastRow {
	series: string | null;
	is_total: boolean;
	kind: string;
	week: string;
	forecast: number | null;
	agents_needed: number | null;
}

async function ready(page: Page) {
	await expect(page.getByRole('heading', { name: 'Staffing', exact: true })).toBeVisible();
	await expect(page.locator('.chart[data-ready="true"]').first()).toBeVisible();
}

async function apiForecast(request: APIRequestContext, extra = '') {
	const res = await request.get(`/api/v1/forecast?as_of=${AS_OF}${extra}`);
	expect(res.status()).toBe(200);
	return (await res.json()) as { rows: ForecastRow[]; meta: { accuracy: Array<{ is_total: boolean; mape: number }> } };
}

const firstAhead = (rows: ForecastRow[]) => rows.find((r) => r.is_total && r.kind === 'forecast')!;

test('the staffing page shows the API forecast, its agents and its backtest', async ({ page, request }) => {
	await page.goto(`/staffing?as_of=${AS_OF}`);
	await ready(page);
	const api = await apiForecast(request);
	const next = firstAhead(api.rows);
	expect(next.week).toBe('2026-W47');
	// The table (and the chart beside it) runs in week order: 26 actual weeks, then the forecast.
	const weeks = await page.locator('#forecast-table td[data-key="week"]').allTextContents();
	expect(weeks).toHaveLength(26 + 13);
	expect(weeks).toEqual([...weeks].sort());
	const row = page.locator('#forecast-table tbody tr', { has: page.locator('td[data-key="kind"][data-value="forecast"]') }).first();
	await expect(row.locator('td[data-key="week"]')).toHaveText('2026-W47');
	await expect(row.locator('td[data-key="forecast"]')).toHaveAttribute('data-value', String(next.forecast));
	// Chat is staffed whatever else was imported (its handle time is imported or estimated);
	// the total is the channels' sum, or empty where a channel has no handle time.
	const chat = api.rows.find((r) => r.series === 'chat' && r.kind === 'forecast')!;
	expect(chat.agents_needed).toBeGreaterThan(0);
	const firstWeek = page.locator('#agents-table tbody tr').first();
	await expect(firstWeek.locator('td[data-key="fte_chat"]')).toHaveAttribute('data-value', String(chat.agents_needed));
	await expect(firstWeek.locator('td[data-key="total"]')).toHaveAttribute('data-value', next.agents_needed === null ? '' : String(next.agents_needed));
	const mape = api.meta.accuracy.find((a) => a.is_total)!.mape;
	await expect(page.locator('[data-metric="backtest_mape"] .value')).toHaveAttribute('data-value', String(mape));
	expect(await page.locator('#accuracy-table tbody tr').count()).toBeGreaterThan(2);
	await expect(page.locator('#hours-table tbody tr').first()).toBeVisible();
	await expect(page.getByRole('link', { name: 'Staffing' })).toHaveAttribute('aria-current', 'page');
	await page.screenshot({ path: 'test/e2e/screenshots/staffing.png', fullPage: true });
});

test('a what-if deflection rate lives in the URL and scales the forecast as the API does', async ({ page, request }) => {
	await page.goto(`/staffing?as_of=${AS_OF}`);
	await ready(page);
	await page.getByRole('textbox', { name: 'Deflection' }).fill('60%');
	await page.getByRole('form', { name: 'What if' }).getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(/deflection=60%25/);
	await ready(page);
	const scaled = firstAhead((await apiForecast(request, '&deflection=60%25')).rows);
	const plain = firstAhead((await apiForecast(request)).rows);
	expect(scaled.forecast!).toBeLessThan(plain.forecast!);
	const row = page.locator('#forecast-table tbody tr', { has: page.locator('td[data-key="kind"][data-value="forecast"]') }).first();
	await expect(row.locator('td[data-key="forecast"]')).toHaveAttribute('data-value', String(scaled.forecast));
	await expect(page.locator('.notes')).toContainText('Forecasts assume deflection at 60.0 %');
});

test('the forecast splits by segment, and says agents need a split by channel', async ({ page, request }) => {
	await page.goto(`/staffing?as_of=${AS_OF}`);
	await ready(page);
	await page.getByRole('combobox', { name: 'Split by' }).selectOption('segment');
	await page.getByRole('form', { name: 'What if' }).getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(/by=segment/);
	await ready(page);
	await expect(page.locator('[data-metric="peak_fte"] .delta')).toHaveText('split by channel to staff');
	const api = await apiForecast(request, '&by=segment');
	const segments = [...new Set(api.rows.map((r) => r.series))];
	expect(segments).toContain('scaled');
	await expect(page.locator('#accuracy-table tbody tr')).toHaveCount(segments.length);
});
