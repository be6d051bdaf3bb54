// Starts deskpulse for the browser tests on a new demo database (4,000 tickets, fixed seed
// and end date, so the numbers do not depend on the day the tests run).
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dir = resolve('test-results', 'e2e-db');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
process.env.DESKPULSE_DB = join(dir, 'deskpulse.duckdb');
process.env.DESKPULSE_DEMO_TICKETS ??= '4000';
process.env.DESKPULSE_DEMO_END ??= '2026-11-15';
await import('../../bin/start.js');
