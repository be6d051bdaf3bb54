#!/usr/bin/env node
// `npm test`: every test group, in order: unit, SQL and API tests (Vitest), then browser
// tests (Playwright in Debian's Chromium against the production build). Prints one closing
// line with the totals of both runners and exits non-zero if anything failed or did not run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);

function run(args) {
	return spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
}

const vitestJson = join(results, 'vitest.json');
const playwrightJson = join(results, 'playwright.json');
rmSync(vitestJson, { force: true });
rmSync(playwrightJson, { force: true });

const extra = process.argv.slice(2);
const unitStatus = run([bin('vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`, ...extra]);
const e2eStatus = run([bin('@playwright/test', 'cli.js'), 'test']);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(vitestJson)) {
	const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
	passed += v.numPassedTests;
	failed += v.numFailedTests;
	skipped += v.numPendingTests + v.numTodoTests;
}
if (existsSync(playwrightJson)) {
	const p = JSON.parse(readFileSync(playwrightJson, 'utf8'));
	passed += p.stats.expected + p.stats.flaky;
	failed += p.stats.unexpected;
	skipped += p.stats.skipped;
}
const ok = unitStatus === 0 && e2eStatus === 0 && failed === 0;
if (!existsSync(vitestJson)) console.error('npm test: the unit, SQL and API tests did not report (see above)');
if (!existsSync(playwrightJson)) console.error('npm test: the browser tests did not run (see above)');
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok && existsSync(vitestJson) && existsSync(playwrightJson) ? 0 : 1);
