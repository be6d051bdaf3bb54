import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';

mkdirSync('test/e2e/screenshots', { recursive: true });

// The e2e demo ends 2026-11-15: its week starts M = 2026-11-09, and story 2 of seeds/README.md,
// the export article, goes live at M - 182 days, 2026-05-11 15:00 UTC.
const AS_OF = '2026-11-16T00:00:00Z';

test('a new pilot, added on the page, gets its result and verdict, and is in the weekly review', async ({ page, request }) => {
	await page.goto('/pilots');
	await expect(page.getByRole('heading', { name: 'Pilots', exact: true })).toBeVisible();
	const form = page.locator('form.add');
	await form.getByLabel('Name').fill('Export article kb-217');
	await form.getByLabel('Start').fill('2026-05-11T15:00');
	await form.getByLabel('Time zone of these times').fill('UTC');
	const treated = form.locator('fieldset').filter({ hasText: 'Treated group' });
	await treated.getByLabel('Category').fill('how_to');
	await treated.getByLabel('Tag').fill('export');
	await form.getByRole('button', { name: 'Add the pilot' }).click();

	await expect(page).toHaveURL(/\/pilots\/\d+$/);
	const id = Number(new URL(page.url()).pathname.split('/').pop());
	await page.goto(`/pilots/${id}?as_of=${AS_OF}`);
	await expect(page.getByRole('heading', { name: 'Export article kb-217' })).toBeVisible();
	await expect(page.locator('.chart[data-ready="true"]').first()).toBeVisible();

	// The page shows what the API computes: the same verdict, the same effect.
	const res = await request.get(`/api/v1/pilots/${id}?as_of=${AS_OF}`);
	expect(res.status()).toBe(200);
	const api = (await res.json()) as { meta: { verdict: { text: string } }; rows: Array<{ metric: string; effect: number | null }> };
	await expect(page.getByTestId('verdict')).toHaveText(api.meta.verdict.text);
	const perCustomer = api.rows.find((r) => r.metric === 'tickets_per_customer')!;
	// The article cut the topic: fewer tickets per customer than the control's trend says.
	expect(perCustomer.effect!).toBeLessThan(-30);
	await expect(page.locator('#pilot-metrics tbody tr').nth(1)).toContainText(`−${Math.abs(perCustomer.effect!).toFixed(0)} %`);
	// Deflection cannot be split by a topic: the page says why.
	await expect(page.locator('.row-note[data-metric="deflection_rate"]')).toContainText('not measured for these groups');
	// The table and the CSV beside the chart.
	await expect(page.locator('#pilot-weeks tbody tr')).toHaveCount(13 + 26);
	const csv = await request.get(`/api/v1/pilots/${id}?as_of=${AS_OF}&format=csv`);
	expect((await csv.text()).split(/\r?\n/)[0]).toMatch(/^metric,unit,treated_before,/);
	await page.screenshot({ path: 'test/e2e/screenshots/pilot.png', fullPage: true });

	// The list shows it with its verdict; the weekly review's "Next" lists it as running.
	await page.goto(`/pilots?as_of=${AS_OF}`);
	await expect(page.locator(`tr[data-pilot="${id}"]`)).toContainText('Export article kb-217');
	await page.goto(`/review?as_of=${AS_OF}`);
	await expect(page.getByTestId('review-pilots')).toContainText('Export article kb-217 (category how_to, tag export; 26 complete weeks)');
});

test('a pilot that cannot be one is refused on the form, with what to fix', async ({ page }) => {
	await page.goto('/pilots');
	const form = page.locator('form.add');
	await form.getByLabel('Name').fill('No group');
	await form.getByLabel('Start').fill('2026-05-11T15:00');
	await form.getByRole('button', { name: 'Add the pilot' }).click();
	await expect(page.getByRole('alert')).toContainText('a pilot needs a treated group');
	await expect(form.getByLabel('Name')).toHaveValue('No group');
});

test('an analyst ends a running pilot on its page: the after period stops there', async ({ page, request }) => {
	const res = await request.post('/api/v1/pilots', { data: { name: 'Chat bot on billing', start: '2026-08-03', treated: { category: ['billing'] }, tz: 'UTC' } });
	expect(res.status()).toBe(201);
	const { pilot } = (await res.json()) as { pilot: { pilot_id: number } };
	await page.goto(`/pilots/${pilot.pilot_id}?as_of=${AS_OF}`);
	await expect(page.locator('p.context').first()).toContainText(', running.');
	const form = page.getByTestId('end-pilot');
	await form.getByLabel('End the pilot at').fill('2026-09-14T00:00');
	await form.getByRole('button', { name: /End it/ }).click();
	await expect(page).toHaveURL(new RegExp(`/pilots/${pilot.pilot_id}$`));
	await expect(page.locator('p.context').first()).toContainText('ended 2026-09-14 00:00 UTC');
	await expect(page.getByTestId('end-pilot')).toHaveCount(0);
	const result = (await (await request.get(`/api/v1/pilots/${pilot.pilot_id}?as_of=${AS_OF}`)).json()) as { meta: { after: { weeks: number } } };
	// 3 August to 14 September: six complete weeks, not the fifteen to as_of.
	expect(result.meta.after.weeks).toBe(6);
});
