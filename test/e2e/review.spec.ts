import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';

mkdirSync('test/e2e/screenshots', { recursive: true });
// The e2e demo ends on Sunday 2026-11-15: 2026-W46 (Nov 9-15) is its last complete week.
const AS_OF = '2026-11-16T00:00:00Z';

async function apiCount(request: import('@playwright/test').APIRequestContext, from: string, to: string): Promise<number> {
	const body = await (await request.get(`/api/v1/kpis?grain=week&from=${from}&to=${to}&metrics=tickets_created&as_of=${AS_OF}`)).json();
	return body.rows[0].tickets_created;
}

test('the weekly review shows the API numbers and steps through weeks', async ({ page, request }) => {
	await page.goto(`/review?week=2026-W46&as_of=${AS_OF}`);
	await expect(page.getByRole('heading', { name: 'Weekly review 2026-W46' })).toBeVisible();
	const created = page.locator('[data-metric="tickets_created"] .value');
	await expect(created).toHaveAttribute('data-value', String(await apiCount(request, '2026-11-09', '2026-11-16')));
	await expect(page.locator('[data-metric="tickets_created"] svg')).toHaveCount(1);
	await page.screenshot({ path: 'test/e2e/screenshots/review.png', fullPage: true });

	await page.getByRole('link', { name: '← 2026-W45' }).click();
	await expect(page).toHaveURL(/week=2026-W45/);
	await expect(page.getByRole('heading', { name: 'Weekly review 2026-W45' })).toBeVisible();
	await expect(created).toHaveAttribute('data-value', String(await apiCount(request, '2026-11-02', '2026-11-09')));
});

test('the review downloads as the same document the CLI writes', async ({ page }) => {
	await page.goto(`/review?week=2026-W46&as_of=${AS_OF}`);
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Markdown' }).click()]);
	const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
	expect(text).toContain('# Weekly review 2026-W46');
	const { execFileSync } = await import('node:child_process');
	const cli = execFileSync(
		process.execPath,
		['bin/deskpulse.js', 'review', '--week', '2026-W46', '--as-of', AS_OF, '--db', 'test-results/e2e-db/deskpulse.duckdb'],
		{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }
	);
	expect(text).toBe(cli);
});

test('a week under way reads "so far", changes nothing, links to no future week, and prints its title', async ({ page }) => {
	// The e2e demo data ends 2026-11-15 (a Sunday); as of Wednesday 2026-11-18, W47 is under way.
	await page.goto('/review?week=2026-W47&as_of=2026-11-18T12:00:00Z');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weekly review 2026-W47 so far');
	await expect(page.locator('.card[data-metric="tickets_created"] .change')).toContainText('so far; 2026-W46 had');
	await expect(page.getByText('None computed: 2026-W47 is not over.')).toBeVisible();
	await expect(page.locator('a[rel="next"]')).toHaveCount(0);
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await page.emulateMedia({ media: 'screen' });
	// A week not begun is refused with the reason, not shown as a fall to zero.
	const res = await page.request.get('/api/v1/review?week=2026-W48&as_of=2026-11-18T12:00:00Z');
	expect(res.status()).toBe(400);
	expect((await res.json()).error.message).toMatch(/^2026-W48 has not begun as of/);
});

test('a week with no tickets says so and leads to the Imports page, with no all-clear', async ({ page }) => {
	await page.goto('/review?week=2026-W46&as_of=2026-11-16T00:00:00Z&segment=no-such-segment');
	const empty = page.getByTestId('review-empty');
	await expect(empty).toContainText('No tickets in 2026-W46 for these filters');
	await expect(empty.getByRole('link', { name: 'Imports page' })).toHaveAttribute('href', '/imports');
	await expect(page.getByText('Nothing to flag: no tickets in this week.')).toBeVisible();
});

test('the review prints whole: title kept, downloads hidden, tables not cut by their scroll box', async ({ page }) => {
	await page.goto(`/review?as_of=${AS_OF}`);
	await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
	await page.emulateMedia({ media: 'screen' });
});

test('a table prints every row its scroll box holds', async ({ page }) => {
	await page.goto('/sla?as_of=2026-11-16T00:00:00Z');
	const wrap = page.locator('#sla-table').locator('xpath=ancestor::div[contains(@class, "table-wrap")]').first();
	// On screen the box scrolls (more rows than it shows)...
	const screen = await wrap.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
	expect(screen.scroll).toBeGreaterThan(screen.client);
	// ...in print it holds them all.
	await page.emulateMedia({ media: 'print' });
	const box = await wrap.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight, overflow: getComputedStyle(el).overflowY }));
	expect(box.overflow).toBe('visible');
	expect(box.client).toBeGreaterThanOrEqual(box.scroll);
	await page.emulateMedia({ media: 'screen' });
});

test("one list holds the week's SLA breaches, first response and resolution, never-answered tickets marked", async ({ page }) => {
	await page.goto(`/review?as_of=${AS_OF}`);
	await page.getByTestId('breached-this-week').click();
	await expect(page).toHaveURL(/\/tickets\?.*metric=sla_achievement_rate.*numerator=false/);
	await expect(page.getByText('only the tickets that missed their SLA')).toBeVisible();
	const total = Number(await page.locator('[data-total]').getAttribute('data-total'));
	expect(total).toBeGreaterThan(0);
	// Every ticket of the list breached one SLA or both; an unanswered FRT breach says so.
	const rows = page.locator('#tickets-table tbody tr');
	const n = await rows.count();
	for (let i = 0; i < n; i++) {
		const frt = (await rows.nth(i).locator('td[data-key="is_frt_breached"]').textContent())!.trim();
		const res = (await rows.nth(i).locator('td[data-key="is_resolution_breached"]').textContent())!.trim();
		expect([frt, res]).toContain('breached');
		const shown = (await rows.nth(i).locator('td[data-key="frt_minutes"]').textContent())!.trim();
		if (frt === 'breached') expect(shown).not.toBe('–');
	}
});

test('the review marks SLA cells below the target in words and answers "do we need to hire?"', async ({ page, request }) => {
	// In the demo, 2026-W43 raises churn signals but no hiring trigger.
	await page.goto(`/review?week=2026-W43&as_of=${AS_OF}`);
	const body = await (await request.get(`/api/v1/review?week=2026-W43&as_of=${AS_OF}`)).json();
	const missedCells = body.sla.cells.filter((c: { rate: number | null }) => c.rate !== null && c.rate < 0.95);
	expect(missedCells.length).toBeGreaterThan(0);
	expect(body.sla.cells.filter((c: { missed: boolean }) => c.missed)).toEqual(missedCells);
	const missed = page.locator('td[data-missed="true"]');
	await expect(missed).toHaveCount(missedCells.length);
	await expect(missed.first()).toContainText('✗ missed the 95.0 % target');
	await expect(page.getByTestId('sla-target-note')).toHaveText('Target: 95.0 % of the tickets within every SLA target; ✗ missed marks a cell below it.');
	expect(body.flags.map((f: { flag: string }) => f.flag)).toEqual(['churn_signal', 'churn_signal']);
	await expect(page.getByTestId('hiring-verdict')).toHaveText('No hiring trigger this week.');
	await page.screenshot({ path: 'test/e2e/screenshots/review-sla-targets.png', fullPage: true });

	// 2026-W46's CSAT below target is one segment's, on 2 ratings: named, but no reason to hire.
	await page.goto(`/review?week=2026-W46&as_of=${AS_OF}`);
	await expect(page.getByTestId('hiring-verdict')).toHaveText(
		'No hiring trigger this week: csat below target for segment high_touch rests on too few items to act on (low sample).'
	);
	// 2026-W45's CSAT for all tickets is below target on 21 ratings: a trigger.
	await page.goto(`/review?week=2026-W45&as_of=${AS_OF}`);
	await expect(page.getByTestId('hiring-verdict')).toHaveText('Hiring trigger this week: csat below target.');
});

test('a week reviewed before its tickets are answered says its FRT and SLA are still maturing, with no change', async ({ page, request }) => {
	// As of Monday 00:00 after 2026-W46, some of its tickets are not answered yet and some are
	// within a target not reached yet (on the demo alone 8 and 11 of 60; other tests' imports
	// may add tickets, so the counts are read from the API).
	const body = await (await request.get(`/api/v1/review?week=2026-W46&as_of=${AS_OF}`)).json();
	const frt = body.headlines.find((h: { id: string }) => h.id === 'frt_median_min');
	const sla = body.headlines.find((h: { id: string }) => h.id === 'sla_achievement_rate');
	expect(frt.change).toBeNull();
	expect(frt.maturity.undecided / frt.maturity.of).toBeGreaterThanOrEqual(0.05);
	expect(sla.maturity.undecided).toBeGreaterThan(0);
	const frtWords = `${frt.maturity.undecided} of ${frt.maturity.of} tickets not answered yet`;
	const slaWords = `${sla.maturity.undecided} of ${sla.maturity.of} tickets within a target not reached yet`;
	await page.goto(`/review?week=2026-W46&as_of=${AS_OF}`);
	await expect(page.locator('.card[data-metric="frt_median_min"] [data-maturing="true"]')).toContainText(`still maturing (${frtWords}); 2026-W45 had`);
	await expect(page.locator('.card[data-metric="sla_achievement_rate"] [data-maturing="true"]')).toContainText(slaWords);
	await expect(page.getByRole('listitem').filter({ hasText: 'Still maturing, no change computed' })).toHaveText(
		`Still maturing, no change computed: First response time, median (${frtWords}); SLA achievement (${slaWords}).`
	);
	// The overview's card of the same week is marked too, without a good or bad colour.
	await page.goto(`/?as_of=${AS_OF}`);
	const card = page.locator('.card[data-metric="sla_achievement_rate"]');
	await expect(card.getByTestId('maturing')).toHaveText('still maturing');
	await expect(card.locator('.delta [data-change]')).not.toHaveClass(/good|bad/);
});
