import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// Browser tests run in Debian's Chromium: Playwright's own browser download cannot run here.
export const CHROMIUM = process.env.DESKPULSE_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
	throw new Error(
		`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set DESKPULSE_CHROMIUM. The browser tests do not skip.`
	);
}

const PORT = Number(process.env.DESKPULSE_E2E_PORT || 4173);
/** The second server, with sign-in required (test/e2e/serve-signed-in.js); its stand-in SSO provider takes the port after it. */
const SIGNED_IN_PORT = PORT + 1;
const SIGNED_IN_SPECS = /signed-in\.spec\.ts$/;
/** The local SMTP sink of the delivery tests (test/e2e/delivery.spec.ts), after the SSO provider's port. */
export const SMTP_PORT = PORT + 3;

export default defineConfig({
	testDir: 'test/e2e',
	outputDir: 'test-results/e2e-artifacts',
	timeout: 60_000,
	workers: 1,
	reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		launchOptions: {
			executablePath: CHROMIUM,
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
		}
	},
	projects: [
		{ name: 'single-user', testIgnore: SIGNED_IN_SPECS },
		{ name: 'signed-in', testMatch: SIGNED_IN_SPECS, use: { baseURL: `http://127.0.0.1:${SIGNED_IN_PORT}` } }
	],
	// Started one after the other: the first builds the app when its sources changed.
	webServer: [
		{
			// A fresh, small demo database for every run, served by the production build.
			command: 'node test/e2e/serve.js',
			url: `http://127.0.0.1:${PORT}/api/v1/health`,
			timeout: 180_000,
			reuseExistingServer: false,
			stdout: 'pipe',
			// Imports by server path (reconcile.spec.ts) name fixtures relative to the import root.
			// Digests' email goes to the SMTP sink delivery.spec.ts starts on the port SMTP_PORT names.
			env: { PORT: String(PORT), HOST: '127.0.0.1', DESKPULSE_IMPORT_ROOT: resolve('test/fixtures'), DESKPULSE_SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}` }
		},
		{
			command: 'node test/e2e/serve-signed-in.js',
			url: `http://127.0.0.1:${SIGNED_IN_PORT}/api/v1/health`,
			timeout: 180_000,
			reuseExistingServer: false,
			stdout: 'pipe',
			env: { PORT: String(SIGNED_IN_PORT), HOST: '127.0.0.1' }
		}
	]
});
