import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

mkdirSync('test/e2e/screenshots', { recursive: true });

// Pinned, so the page and the API decide open tickets at the same instant. The default range
// is then the 12 ISO weeks before it.
const AS_OF = '2026-11-16T00:00:00Z';
const RANGE = 'from=2026-08-24&to=2026-11-16';

interface KpiResult {
	rows: Array<Record<string, string | number | null>>;
}
interface SurvivalResult {
	rows: Array<{ period_start: string; within_hours: number; tickets: number; still_open: number; resolved_share: number }>;
}

function csvRows(text: string): string[][] {
	return text
		.trim()
		.split(/\r?\n/)
		.map((line) => line.split(','));
}

async function ready(page: Page) {
	await expect(page.getByRole('heading', { name: 'Cohorts', exact: true })).toBeVisible();
	await expect(page.locator('.chart[data-ready="true"]')).toHaveCount(4);
}

/** The newest week's cell of a segment row, and its value. */
async function segmentCell(page: Page, segment: string) {
	const row = page.locator('#segment-table tbody tr').filter({ has: page.locator('td[data-key="group"]', { hasText: new RegExp(`^\\s*${segment}\\s*$`) }) });
	const week = '2026-11-09';
	const cell = row.locator(`td[data-key="${week}"]`);
	return { cell, week, value: await cell.getAttribute('data-value') };
}

test('the heatmaps load with the demo data and a cell equals the KPI API', async ({ page, request }) => {
	await page.goto(`/cohorts?as_of=${AS_OF}`);
	await ready(page);
	await expect(page.getByRole('link', { name: 'Cohorts' })).toHaveAttribute('aria-current', 'page');
	await expect(page.locator('#segment-table thead th')).toHaveCount(13);
	const api = (await (await request.get(`/api/v1/kpis?${RANGE}&by=segment&metrics=frt_median_min&as_of=${AS_OF}`)).json()) as KpiResult;
	const segment = String(api.rows.find((r) => r.period_start === '2026-11-09' && r.segment !== null)!.segment);
	const { cell, week, value } = await segmentCell(page, segment);
	const row = api.rows.find((r) => r.period_start === week && r.segment === segment)!;
	expect(value).toBe(String(row.frt_median_min));
	// The cell drills through to its tickets: the metric, the week and the segment.
	const href = new URL((await cell.locator('a').getAttribute('href'))!, 'http://x');
	expect(href.pathname).toBe('/tickets');
	expect(Object.fromEntries(href.searchParams)).toMatchObject({ metric: 'frt_median_min', segment, from: week, to: '2026-11-16' });

	// Plan x week, against the API too.
	const byPlan = (await (await request.get(`/api/v1/kpis?${RANGE}&by=plan&metrics=frt_median_min&as_of=${AS_OF}`)).json()) as KpiResult;
	const planRow = byPlan.rows.find((r) => r.period_start === week && r.plan !== null)!;
	const planCell = page
		.locator('#plan-table tbody tr')
		.filter({ has: page.locator('td[data-key="group"]', { hasText: new RegExp(`^\\s*${planRow.plan}\\s*$`) }) })
		.locator(`td[data-key="${week}"]`);
	await expect(planCell).toHaveAttribute('data-value', String(planRow.frt_median_min));

	// The heatmap's CSV is the API's for the same query.
	const csvHref = await page.locator('section[aria-labelledby="segment-title"] a.download').getAttribute('href');
	const csv = csvRows(await (await request.get(csvHref!)).text());
	const [s, p, m] = ['segment', 'period_start', 'frt_median_min'].map((k) => csv[0].indexOf(k));
	expect(Number(csv.find((r) => r[s] === segment && r[p] === week)![m])).toBeCloseTo(Number(value), 9);
	await page.screenshot({ path: 'test/e2e/screenshots/cohorts.png', fullPage: true });
});

test('changing the metric updates the URL and the numbers', async ({ page, request }) => {
	await page.goto(`/cohorts?as_of=${AS_OF}`);
	await ready(page);
	const api = (await (await request.get(`/api/v1/kpis?${RANGE}&by=segment&metrics=tickets_created&as_of=${AS_OF}`)).json()) as KpiResult;
	const segment = String(api.rows.find((r) => r.period_start === '2026-11-09' && r.segment !== null)!.segment);
	const before = (await segmentCell(page, segment)).value;
	await page.getByRole('combobox', { name: 'Heatmap metric' }).selectOption('tickets_created');
	await expect(page).toHaveURL(/metric=tickets_created/);
	await expect(page).toHaveURL(/as_of=/);
	await expect(page.getByRole('heading', { name: /Tickets created: segment × week/ })).toBeVisible();
	const { cell, week } = await segmentCell(page, segment);
	const row = api.rows.find((r) => r.period_start === week && r.segment === segment)!;
	await expect(cell).toHaveAttribute('data-value', String(row.tickets_created));
	expect(String(row.tickets_created)).not.toBe(before);
});

test("the cohort table's still-open counts and CSV equal the survival API", async ({ page, request }) => {
	await page.goto(`/cohorts?as_of=${AS_OF}`);
	await ready(page);
	const api = (await (await request.get(`/api/v1/survival?${RANGE}&points=24,72,168&as_of=${AS_OF}`)).json()) as SurvivalResult;
	const rows = page.locator('#survival-table tbody tr');
	await expect(rows).toHaveCount(12);
	const newest = api.rows.filter((r) => r.within_hours === 72).at(-1)!;
	const first = rows.first();
	await expect(first.locator('td[data-key="still_open"]')).toHaveAttribute('data-value', String(newest.still_open));
	await expect(first.locator('td[data-key="tickets"]')).toHaveAttribute('data-value', String(newest.tickets));
	expect(Number(await first.locator('td[data-key="within_72"]').getAttribute('data-value'))).toBeCloseTo(newest.resolved_share, 12);
	const total = api.rows.filter((r) => r.within_hours === 24).reduce((sum, r) => sum + r.still_open, 0);
	const shown = (await page.locator('#survival-table td[data-key="still_open"]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))))).reduce(
		(a, b) => a + b,
		0
	);
	expect(shown).toBe(total);
	const href = await page.locator('section[aria-labelledby="survival-title"] a.download').getAttribute('href');
	const csv = csvRows(await (await request.get(href!)).text());
	expect(csv.length - 1).toBe(12 * 3);
});

test('the customer-age table shows tickets per org, and its CSV has the same cells', async ({ page, request }) => {
	await page.goto(`/cohorts?as_of=${AS_OF}`);
	await ready(page);
	const rows = page.locator('#age-table tbody tr');
	await expect(rows).toHaveCount(12);
	const href = await page.locator('section[aria-labelledby="age-title"] a.download').getAttribute('href');
	expect(href).toMatch(/^\/api\/v1\/customer-age\?/);
	const csv = csvRows(await (await request.get(href!)).text());
	const [month, age, perOrg] = ['signup_month', 'age_months', 'tickets_per_org'].map((k) => csv[0].indexOf(k));
	const first = csv[1];
	const cell = rows
		.filter({ has: page.locator('td[data-key="group"]', { hasText: first[month] }) })
		.locator(`td[data-key="age_${first[age].padStart(2, '0')}"]`);
	expect(Number(await cell.getAttribute('data-value'))).toBeCloseTo(Number(first[perOrg]), 12);
	// One CSV row per filled table cell.
	const filled = await page.locator('#age-table td[data-key^="age_"]').evaluateAll((tds) => tds.filter((td) => td.getAttribute('data-value') !== '').length);
	expect(csv.length - 1).toBe(filled);
	// November 2026 is under way at as_of: each signup month's November cell, and only it, is
	// marked so far (12 rows, from 2025-12 at 11 months to 2026-11 at 0).
	await expect(page.locator('#age-table td[data-mark="(so far)"]')).toHaveCount(12);
	await expect(rows.filter({ has: page.locator('td[data-key="group"]', { hasText: '2026-11' }) }).locator('td[data-key="age_00"]')).toHaveAttribute('data-mark', '(so far)');
});
