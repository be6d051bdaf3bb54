// Starts a second deskpulse for the browser tests with sign-in required (DESKPULSE_AUTH=on),
// on its own small demo database holding one user of each role (test/e2e/users.js), with
// single sign-on through a stand-in OpenID Connect provider on the next port.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { E2E_USERS } from './users.js';
import { startOidcProvider } from '../helpers/oidc-provider.js';

const dir = resolve('test-results', 'e2e-signed-in-db');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const db = join(dir, 'deskpulse.duckdb');

function cli(args, input) {
	const result = spawnSync(process.execPath, ['bin/deskpulse.js', ...args, '--db', db], { input, stdio: ['pipe', 'inherit', 'inherit'] });
	if (result.status !== 0) throw new Error(`deskpulse ${args.join(' ')} failed (exit ${result.status})`);
}

cli(['demo', '--tickets', '1000', '--end', '2026-11-15']);
for (const user of E2E_USERS) cli(['user', 'add', '--email', user.email, '--role', user.role, '--password-stdin'], user.password);

const provider = await startOidcProvider({ port: Number(process.env.PORT) + 1, clientSecret: 'e2e-secret' });
process.env.DESKPULSE_OIDC_ISSUER = provider.issuer;
process.env.DESKPULSE_OIDC_CLIENT_ID = provider.clientId;
process.env.DESKPULSE_OIDC_CLIENT_SECRET = 'e2e-secret';
process.env.DESKPULSE_OIDC_LABEL = 'Stand-in SSO';

process.env.DESKPULSE_DB = db;
process.env.DESKPULSE_AUTH = 'on';
// The first test server built the app and serves it: a rebuild here would replace its files.
process.env.DESKPULSE_NO_BUILD = '1';
await import('../../bin/start.js');
