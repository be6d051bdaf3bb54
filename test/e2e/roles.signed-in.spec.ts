import { expect, test, type Page } from '@playwright/test';
import { E2E_USERS } from './users.js';

/** Every page route, with a URL that opens it (a KB query page needs a query). */
const PAGES: Array<{ path: string; needs: 'viewer' | 'analyst' | 'admin' }> = [
	{ path: '/', needs: 'viewer' },
	{ path: '/review', needs: 'viewer' },
	{ path: '/sla', needs: 'viewer' },
	{ path: '/self-service', needs: 'viewer' },
	{ path: '/trends', needs: 'viewer' },
	{ path: '/cohorts', needs: 'viewer' },
	{ path: '/staffing', needs: 'viewer' },
	{ path: '/pilots', needs: 'viewer' },
	{ path: '/self-service/query?key=reset+password', needs: 'analyst' },
	{ path: '/tickets', needs: 'analyst' },
	{ path: '/imports', needs: 'admin' },
	{ path: '/admin/users', needs: 'admin' },
	{ path: '/admin/tokens', needs: 'admin' },
	{ path: '/admin/audit', needs: 'admin' },
	{ path: '/admin/deliveries', needs: 'admin' }
];
const RANK = { viewer: 0, analyst: 1, admin: 2 } as const;

async function signIn(page: Page, email: string, password: string, next = '/') {
	await page.goto(`/signin?next=${encodeURIComponent(next)}`);
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

test('nobody signed in: pages go to the sign-in page, the API answers 401, health answers', async ({ page, request }) => {
	await page.goto('/tickets?grain=week');
	await expect(page).toHaveURL(/\/signin\?next=%2Ftickets%3Fgrain%3Dweek$/);
	await expect(page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Tickets' })).toHaveCount(0);
	expect((await request.get('/api/v1/kpis?metrics=tickets_created')).status()).toBe(401);
	expect((await request.get('/api/v1/tickets')).status()).toBe(401);
	expect((await request.get('/api/v1/health')).status()).toBe(200);
});

test('a link from a digest asks a signed-out recipient to sign in, then opens the same view: no credential in the link', async ({ page }) => {
	// The link a Monday digest carries (delivery/compose-digest.ts): the week, zone, hours and as_of pinned.
	const link = '/review?tz=Europe%2FBerlin&hours=calendar&as_of=2026-11-16T07%3A00%3A00.000Z&week=2026-W46';
	await page.goto(link);
	await expect(page).toHaveURL(/\/signin\?next=/);
	await page.getByLabel('Email').fill('viewer@example.com');
	await page.getByLabel('Password').fill(E2E_USERS.find((u) => u.role === 'viewer')!.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(link);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('2026-W46');
	await expect(page.locator('body')).toContainText('2026-11-16T07:00:00.000Z');
});

test('a wrong password is refused with one message, and sends back to the form', async ({ page }) => {
	await signIn(page, 'viewer@example.com', 'not the password');
	await expect(page.getByRole('alert')).toHaveText('That email and password do not match an account.');
	await expect(page).toHaveURL(/\/signin/);
});

for (const user of E2E_USERS) {
	test(`signed in as ${user.role}: sees what the role may see, and nothing more`, async ({ page }) => {
		await signIn(page, user.email, user.password, '/review');
		await expect(page).toHaveURL(/\/review$/);
		await expect(page.getByTestId('who')).toContainText(`${user.email} (${user.role})`);
		// Numbers open their tickets only for a role that may see tickets; a viewer's are plain.
		const drills = page.locator('main a[href^="/tickets"]');
		if (user.role === 'viewer') await expect(drills).toHaveCount(0);
		else await expect(drills.first()).toBeVisible();
		const nav = page.getByRole('navigation', { name: 'Pages' });
		await expect(nav.getByRole('link', { name: 'Tickets' })).toHaveCount(RANK[user.role as keyof typeof RANK] >= 1 ? 1 : 0);
		await expect(nav.getByRole('link', { name: 'Imports' })).toHaveCount(user.role === 'admin' ? 1 : 0);

		for (const { path, needs } of PAGES) {
			const res = await page.request.get(path);
			const may = RANK[user.role as keyof typeof RANK] >= RANK[needs];
			expect(res.status(), `${user.role} GET ${path}`).toBe(may ? 200 : 403);
		}
		// The API likewise: aggregates for everyone, ticket lists for analysts, imports for admins.
		const api = async (path: string) => (await page.request.get(path)).status();
		expect(await api('/api/v1/kpis?metrics=tickets_created&format=csv')).toBe(200);
		expect(await api('/api/v1/tickets?format=csv')).toBe(user.role === 'viewer' ? 403 : 200);
		expect(await api('/api/v1/imports')).toBe(user.role === 'admin' ? 200 : 403);
		// Pilots: everyone reads them; adding one is an analyst's, on the page and in the API.
		await page.goto('/pilots');
		await expect(page.getByRole('heading', { name: 'Add a pilot' })).toHaveCount(user.role === 'viewer' ? 0 : 1);
		const added = await page.request.post('/api/v1/pilots', { data: { name: `by ${user.role}`, start: '2026-05-11', treated: { category: ['how_to'] } } });
		expect(added.status(), `${user.role} POST /api/v1/pilots`).toBe(user.role === 'viewer' ? 403 : 201);

		// A page the role may not open says why, in the app's words.
		if (user.role !== 'admin') {
			await page.goto('/imports');
			await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
			await expect(page.getByText(`This page needs the admin role; you are signed in as ${user.email} (${user.role}).`)).toBeVisible();
		}

		await page.goto('/');
		await page.getByTestId('who').getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL(/\/signin$/);
		expect((await page.request.get('/api/v1/kpis?metrics=tickets_created')).status()).toBe(401);
	});
}

test('an admin adds a user, who chooses a password through the one-time link and signs in', async ({ page, browser }) => {
	const admin = E2E_USERS.find((u) => u.role === 'admin')!;
	await signIn(page, admin.email, admin.password, '/admin/users');
	await page.getByLabel('Email').fill('new.analyst@example.com');
	await page.getByLabel('Role').first().selectOption('analyst');
	await page.getByRole('button', { name: 'Add and make a link' }).click();
	const link = (await page.getByTestId('one-time-link').locator('code').textContent())!.trim();
	expect(link).toMatch(/\/setup\/[A-Za-z0-9_-]{43}$/);

	const other = await browser.newContext();
	const newcomer = await other.newPage();
	await newcomer.goto(new URL(link).pathname);
	await expect(newcomer.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
	await newcomer.getByLabel(/^Password \(at least/).fill('a brand new password');
	await newcomer.getByLabel('Password again').fill('a brand new password');
	await newcomer.getByRole('button', { name: 'Set password and sign in' }).click();
	await expect(newcomer.getByTestId('who')).toContainText('new.analyst@example.com (analyst)');
	// The link works once.
	expect((await newcomer.request.get(new URL(link).pathname)).status()).toBe(404);
	await other.close();

	await page.goto('/admin/audit');
	await expect(page.locator('#audit')).toContainText('user-add');
	await expect(page.locator('#audit')).toContainText('new.analyst@example.com');
});

test('single sign-on: the provider vouches for an analyst, who lands where they were going', async ({ page, baseURL }) => {
	const provider = `http://127.0.0.1:${Number(new URL(baseURL!).port) + 1}`;
	const identity = { sub: 'sso-analyst', email: 'analyst@example.com', email_verified: true };
	expect((await page.request.post(`${provider}/test/identity`, { data: identity })).ok()).toBe(true);
	await page.goto('/trends');
	await expect(page).toHaveURL(/\/signin\?next=%2Ftrends$/);
	await page.getByRole('link', { name: 'Sign in with Stand-in SSO' }).click();
	await expect(page).toHaveURL(/\/trends$/);
	await expect(page.getByTestId('who')).toContainText('analyst@example.com (analyst)');

	// Someone the provider knows but deskpulse does not is told so, and gets no session.
	await page.context().clearCookies();
	await page.request.post(`${provider}/test/identity`, { data: { sub: 'x', email: 'stranger@example.com', email_verified: true } });
	await page.goto('/signin');
	await page.getByRole('link', { name: 'Sign in with Stand-in SSO' }).click();
	await expect(page).toHaveURL(/\/signin\?sso=no-account$/);
	await expect(page.getByRole('alert')).toContainText('no deskpulse account yet');
	expect((await page.request.get('/api/v1/kpis?metrics=tickets_created')).status()).toBe(401);
});
