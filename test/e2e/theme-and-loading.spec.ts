import { expect, test, type Locator, type Page } from '@playwright/test';

// Pinned, so the charts, the tables and the tickets list judge at the same instant.
const AS_OF = '2026-11-16T00:00:00Z';

/** The page URL a relative link resolves to, as the browser would show it. */
const absolute = (page: Page, href: string) => new URL(href, page.url()).href;

/** The centres of a chart's bars filled with `fill` (below the legend), left to right, in page pixels. */
async function barsOf(chart: Locator, fill: string) {
	await chart.scrollIntoViewIfNeeded();
	const chartTop = (await chart.boundingBox())!.y;
	const bars = await chart.locator(`svg path[fill="${fill}"]`).evaluateAll((paths) =>
		paths.map((p) => {
			const r = p.getBoundingClientRect();
			return { x: r.x + r.width / 2, y: r.y + r.height / 2, top: r.y, height: r.height };
		})
	);
	return bars.filter((b) => b.top - chartTop > 40 && b.height > 2).sort((a, b) => a.x - b.x);
}

/** The mouse cursor the page shows at a point. */
const cursorAt = (page: Page, x: number, y: number) =>
	page.evaluate(([x, y]) => getComputedStyle(document.elementFromPoint(x, y)!).cursor, [x, y]);

/** Clicks a chart at a point given in pixels from its top-left corner. */
async function clickChartAt(page: Page, chart: Locator, x: number, y: number) {
	await chart.scrollIntoViewIfNeeded();
	const box = (await chart.boundingBox())!;
	await page.mouse.click(box.x + x, box.y + y);
}

test('a bar of the overview chart opens the same tickets as its table cell', async ({ page }) => {
	await page.goto('/');
	const chart = page.locator('.volume-chart .chart[data-ready="true"]');
	await expect(chart).toHaveAttribute('data-drill', 'true');
	const volume = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--volume').trim());
	// The tickets bars are the paths filled with the volume colour.
	const bars = await barsOf(chart, volume);
	const rowCount = await page.locator('#kpi-table tbody tr').count();
	expect(bars.length).toBe(rowCount);
	// The second-newest bar (a full week) is the table's second row.
	const cell = page.locator('#kpi-table tbody tr').nth(1).locator('td[data-key="tickets_created"]');
	const href = (await cell.locator('a').getAttribute('href'))!;
	const count = (await cell.getAttribute('data-value'))!;
	expect(Number(count)).toBeGreaterThan(0);
	const bar = bars.at(-2)!;
	await page.mouse.move(bar.x, bar.y);
	await expect.poll(() => cursorAt(page, bar.x, bar.y)).toBe('pointer');
	await page.mouse.click(bar.x, bar.y);
	await expect(page).toHaveURL(absolute(page, href));
	await expect(page.locator('[data-total]')).toHaveAttribute('data-total', count);
});

test('a heatmap cell on the cohorts page opens the same tickets as its table cell', async ({ page }) => {
	await page.goto(`/cohorts?as_of=${AS_OF}&metric=tickets_created`);
	const chart = page.locator('.chart[data-ready="true"]').first();
	await expect(chart).toHaveAttribute('data-drill', 'true');
	const table = page.locator('#segment-table tbody tr');
	const groups = await table.count();
	const weeks = (await page.locator('#segment-table thead th').count()) - 1;
	// The first named segment's second-newest week.
	let g = 0;
	while ((await table.nth(g).locator('td[data-key="group"]').getAttribute('data-value')) === '') g++;
	const w = weeks - 2;
	const cell = table.nth(g).locator('td').nth(1 + w);
	const href = (await cell.locator('a').getAttribute('href'))!;
	const count = (await cell.getAttribute('data-value'))!;
	expect(Number(count)).toBeGreaterThan(0);
	// The heatmap's grid (heatmapOption): 96 px left, 24 right, 16 top, 72 bottom; weeks across, groups down.
	await chart.scrollIntoViewIfNeeded();
	const box = (await chart.boundingBox())!;
	const x = 96 + ((w + 0.5) * (box.width - 120)) / weeks;
	const y = 16 + ((g + 0.5) * (box.height - 88)) / groups;
	await clickChartAt(page, chart, x, y);
	await expect(page).toHaveURL(absolute(page, href));
	await expect(page.locator('[data-total]')).toHaveAttribute('data-total', count);
});

test('a chart without a drill for a series (costs) leaves the page alone', async ({ page }) => {
	await page.goto('/');
	const chart = page.locator('.unit-chart .chart[data-ready="true"]');
	await expect(chart).toBeVisible();
	const volume = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--volume').trim());
	const costBars = await barsOf(chart, volume);
	expect(costBars.length).toBeGreaterThan(0);
	const url = page.url();
	await page.mouse.move(costBars[0].x, costBars[0].y);
	await expect.poll(() => cursorAt(page, costBars[0].x, costBars[0].y)).toBe('default');
	await page.mouse.click(costBars[0].x, costBars[0].y);
	// Still the overview: a click on the (hoverable, tooltip-showing) bar did not navigate.
	await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
	expect(page.url()).toBe(url);
});

test('the theme toggle sets data-theme, survives a reload and redraws the charts', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto('/');
	const chart = page.locator('.volume-chart .chart[data-ready="true"]');
	await expect(chart).toBeVisible();
	const html = page.locator('html');
	await expect(html).not.toHaveAttribute('data-theme', /.*/);
	const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
	expect(await background()).toBe('rgb(247, 247, 245)');
	await expect(chart.locator('svg path[fill="#8fb1e8"]').first()).toBeAttached();

	const toggle = page.getByRole('combobox', { name: 'Theme' });
	await expect(toggle).toHaveValue('system');
	await toggle.selectOption('dark');
	await expect(html).toHaveAttribute('data-theme', 'dark');
	expect(await background()).toBe('rgb(20, 23, 26)');
	// The chart redraws in the dark palette: the bars take dark --volume.
	await expect(chart.locator('svg path[fill="#3e5f99"]').first()).toBeAttached();
	await expect(chart.locator('svg path[fill="#8fb1e8"]')).toHaveCount(0);

	await page.reload();
	await expect(html).toHaveAttribute('data-theme', 'dark');
	expect(await background()).toBe('rgb(20, 23, 26)');
	await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
	await expect(page.locator('.volume-chart .chart[data-ready="true"] svg path[fill="#3e5f99"]').first()).toBeAttached();

	// Light beats a dark system; System follows the system again and forgets the choice.
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
	await expect(html).toHaveAttribute('data-theme', 'light');
	expect(await background()).toBe('rgb(247, 247, 245)');
	await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
	await expect(html).not.toHaveAttribute('data-theme', /.*/);
	expect(await background()).toBe('rgb(20, 23, 26)');
	expect(await page.evaluate(() => localStorage.getItem('deskpulse-theme'))).toBeNull();
	// Print stays light whatever the screen shows.
	await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
	await page.emulateMedia({ media: 'print' });
	expect(await background()).toBe('rgb(255, 255, 255)');
});

test('a slow navigation shows the progress bar and marks main busy until it lands', async ({ page }) => {
	await page.goto('/review');
	await expect(page.locator('main')).toHaveAttribute('aria-busy', 'false');
	await expect(page.locator('[data-testid="navigation-progress"]')).toHaveCount(0);
	// Hold the next page's data until the test has seen the loading state.
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	let requested = false;
	await page.route('**/__data.json*', async (route) => {
		requested = true;
		await held;
		await route.continue();
	});
	const previous = page.locator('a[rel="prev"]').first();
	const target = (await previous.getAttribute('href'))!;
	await previous.click();
	await expect(page.locator('main')).toHaveAttribute('aria-busy', 'true');
	await expect(page.locator('[data-testid="navigation-progress"]')).toBeVisible();
	// Past ~150 ms the content dims.
	await expect(page.locator('main')).toHaveClass(/\bslow\b/);
	expect(requested).toBe(true);
	release();
	await expect(page).toHaveURL(absolute(page, target));
	await expect(page.locator('main')).toHaveAttribute('aria-busy', 'false');
	await expect(page.locator('[data-testid="navigation-progress"]')).toHaveCount(0);
	await expect(page.locator('main')).not.toHaveClass(/\bslow\b/);
});

test('a breach bar on the SLA page opens the same breached tickets as its table cell', async ({ page }) => {
	await page.goto(`/sla?as_of=${AS_OF}`);
	const table = page.locator('#sla-by-plan tbody tr');
	const plans = await table.count();
	// The plan with the highest first-response breach rate (the longest bar) among the linked
	// cells: an earlier spec's import may add tickets without a plan, which do not link.
	const rates = await table
		.locator('td[data-key="sla_frt_breach_rate"]')
		.evaluateAll((tds) => tds.map((td) => (td.querySelector('a') ? Number(td.getAttribute('data-value') || 0) : 0)));
	const k = rates.indexOf(Math.max(...rates));
	expect(rates[k]).toBeGreaterThan(0);
	const cell = table.nth(k).locator('td[data-key="sla_frt_breach_rate"]');
	const href = (await cell.locator('a').getAttribute('href'))!;
	const n = Number(await table.nth(k).locator('td[data-key="n"]').getAttribute('data-value'));

	const panel = page.locator('section', { has: page.locator('#sla-by-plan') });
	const chart = panel.locator('.chart[data-ready="true"]');
	await expect(chart).toHaveAttribute('data-drill', 'true');
	await chart.scrollIntoViewIfNeeded();
	const box = (await chart.boundingBox())!;
	// breachBarsOption's grid: 40 px top, 32 bottom; plans run down in the table's order.
	const bandCentre = box.y + 40 + ((k + 0.5) * (box.height - 72)) / plans;
	const speed = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--speed').trim());
	const bars = await chart.locator(`svg path[fill="${speed}"]`).evaluateAll((paths) =>
		paths.map((p) => {
			const r = p.getBoundingClientRect();
			return { x: r.x + r.width / 2, y: r.y + r.height / 2, width: r.width };
		})
	);
	const bar = bars.filter((b) => b.width > 2).sort((a, b) => Math.abs(a.y - bandCentre) - Math.abs(b.y - bandCentre))[0];
	await page.mouse.click(bar.x, bar.y);
	await expect(page).toHaveURL(absolute(page, href));
	expect(new URL(page.url()).searchParams.get('numerator')).toBe('true');
	// The list holds the breached tickets: the rate times the tickets with a target.
	await expect(page.locator('[data-total]')).toHaveAttribute('data-total', String(Math.round(rates[k] * n)));
});

test('a click beside a small line point opens that point\'s tickets', async ({ page }) => {
	await page.goto(`/sla?as_of=${AS_OF}`);
	const chart = page.locator('.chart[data-ready="true"]').first();
	await expect(chart).toHaveAttribute('data-drill', 'true');
	await chart.scrollIntoViewIfNeeded();
	// The SLA achievement line: the first series path (a polyline through every week).
	const vertices = await chart.locator('svg path[fill="none"]').evaluateAll((paths) => {
		const lines = paths
			.map((p) => ({ p, d: p.getAttribute('d') ?? '' }))
			.filter(({ d }) => (d.match(/L/g) ?? []).length >= 10 && !d.slice(1).includes('M'));
		const { p, d } = lines[0];
		const box = (p as unknown as SVGPathElement).ownerSVGElement!.getBoundingClientRect();
		const numbers = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
		const out: Array<{ x: number; y: number }> = [];
		for (let i = 0; i + 1 < numbers.length; i += 2) out.push({ x: box.x + numbers[i], y: box.y + numbers[i + 1] });
		return out;
	});
	const rows = page.locator('#sla-table tbody tr');
	expect(vertices.length).toBe(await rows.count());
	// A recent full week whose point is a peak or a valley, so 9 px above (or below) it is
	// clear of the line: beside the 4 px point, within the 12 px that count as on it.
	let k = vertices.length - 2;
	const side = (i: number) => Math.sign(vertices[i - 1].y - vertices[i].y) + Math.sign(vertices[i + 1].y - vertices[i].y);
	while (k > 1 && Math.abs(side(k)) !== 2) k--;
	const offset = side(k) > 0 ? -9 : 9;
	const target = { x: vertices[k].x, y: vertices[k].y + offset };
	// The table lists weeks newest first; the chart plots them oldest first.
	const cell = rows.nth(vertices.length - 1 - k).locator('td[data-key="sla_achievement_rate"]');
	const href = (await cell.locator('a').getAttribute('href'))!;
	await page.mouse.move(target.x, target.y);
	await expect.poll(() => cursorAt(page, target.x, target.y)).toBe('pointer');
	// Farther than 12 px, nothing happens under the cursor.
	const far = { x: target.x, y: vertices[k].y + 3 * offset };
	await page.mouse.move(far.x, far.y);
	await expect.poll(() => cursorAt(page, far.x, far.y)).toBe('default');
	await page.mouse.click(target.x, target.y);
	await expect(page).toHaveURL(absolute(page, href));
});

test('charts print in the light palette from a dark screen, and go back after', async ({ page }) => {
	await page.goto('/');
	const chart = page.locator('.volume-chart .chart[data-ready="true"]');
	// A drawn chart means the page has hydrated: a theme picked before that would be lost on a
	// slow machine.
	await expect(chart).toBeVisible();
	await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
	await expect(chart.locator('svg path[fill="#3e5f99"]').first()).toBeAttached();
	// What the browser does around printing (Chromium fires these for window.print()).
	await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
	await expect(chart.locator('svg path[fill="#8fb1e8"]').first()).toBeAttached();
	await expect(chart.locator('svg path[fill="#3e5f99"]')).toHaveCount(0);
	await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await expect(chart.locator('svg path[fill="#3e5f99"]').first()).toBeAttached();
	await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
});
