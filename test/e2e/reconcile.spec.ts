import { expect, test } from '@playwright/test';

test('the imports page reconciles a Zendesk export with what Zendesk computed', async ({ page, request }) => {
	const imported = await request.post('/api/v1/imports', {
		// Relative to the server's import root (DESKPULSE_IMPORT_ROOT, test/fixtures: playwright.config.ts).
		data: { path: 'zendesk-csv', timezone: 'America/Los_Angeles', source: 'auto' }
	});
	expect(imported.ok()).toBe(true);
	const api = (await (await request.get('/api/v1/reconcile?source=zendesk')).json()) as {
		rows: Array<{ metric: string; flavour: string; tickets_compared: number; agree_rate: number }>;
	};
	const full = api.rows.find((r) => r.metric === 'full_resolution' && r.flavour === 'calendar')!;
	expect(full.tickets_compared).toBe(4);

	await page.goto('/imports');
	const section = page.getByRole('region', { name: 'deskpulse vs the vendor' });
	await expect(section).toBeVisible();
	const row = section.locator('tr', { hasText: 'Full resolution' }).filter({ hasText: 'zendesk' });
	await expect(row.locator('td').nth(3)).toHaveText('4');
	await expect(row.locator('td[data-value]')).toHaveAttribute('data-value', String(full.agree_rate));
	await section.screenshot({ path: 'test/e2e/screenshots/imports-reconcile.png' });
});
