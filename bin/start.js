#!/usr/bin/env node
// `npm start`: builds the app if its sources changed since the last build (unless
// DESKPULSE_NO_BUILD=1: an image ships its build), creates the demo database on first start,
// then serves the app (HOST default 127.0.0.1; PORT default 3000; database from DESKPULSE_DB,
// default data/deskpulse.duckdb). Behind a reverse proxy see docs/deploy.md.
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareForwardedHeaders, proxySettings } from './proxy-settings.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'build', '.built-at');

/** Newest modification time under the given paths (files or folders), in ms. */
function newest(paths) {
	let latest = 0;
	const visit = (p) => {
		if (!existsSync(p)) return;
		const s = statSync(p);
		if (s.isDirectory()) for (const name of readdirSync(p)) visit(join(p, name));
		else latest = Math.max(latest, s.mtimeMs);
	};
	paths.forEach((p) => visit(join(root, p)));
	return latest;
}

function run(label, args, env = {}) {
	const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
	if (result.status !== 0) {
		console.error(`deskpulse: ${label} failed (exit ${result.status ?? result.signal})`);
		process.exit(result.status || 1);
	}
}

const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json', 'tsconfig.json'];
// DESKPULSE_NO_BUILD=1 serves the build as it is: a second server beside a running one (whose
// code a rebuild would pull from under it), or a container image built once.
const noBuild = ['1', 'true', 'on', 'yes'].includes((process.env.DESKPULSE_NO_BUILD ?? '').toLowerCase());
if (noBuild && !existsSync(join(root, 'build', 'handler.js'))) {
	console.error('deskpulse: DESKPULSE_NO_BUILD is set but there is no build/ to serve: run `npx vite build` first, or unset it.');
	process.exit(1);
}
if (!noBuild && (!existsSync(join(root, 'build', 'index.js')) || !existsSync(stamp) || newest(sources) > statSync(stamp).mtimeMs)) {
	console.log('deskpulse: building the app (sources changed since the last build)...');
	run('build', [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);
	writeFileSync(stamp, new Date().toISOString() + '\n');
}

const db = resolve(process.env.DESKPULSE_DB || join(root, 'data', 'deskpulse.duckdb'));
// A team's server starts empty and fills from its own imports: DESKPULSE_DEMO=off skips the
// demo data set (the server then creates the database with its tables on first open).
const demo = !['0', 'false', 'off', 'no'].includes((process.env.DESKPULSE_DEMO ?? '').toLowerCase());
if (!existsSync(db) && !demo) {
	mkdirSync(dirname(db), { recursive: true });
	console.log(`deskpulse: first start: creating ${db} without demo data (DESKPULSE_DEMO=off); import your exports on the Imports page.`);
} else if (!existsSync(db)) {
	// Seed into a side file and move it into place only when complete, so an interrupted
	// first start does not leave a half-filled database that later starts would trust.
	const seeding = `${db}.seeding`;
	rmSync(seeding, { force: true });
	rmSync(`${seeding}.wal`, { force: true });
	// Tests pin a smaller, dated demo through these two variables.
	const tickets = process.env.DESKPULSE_DEMO_TICKETS ? ['--tickets', process.env.DESKPULSE_DEMO_TICKETS] : [];
	if (process.env.DESKPULSE_DEMO_END) tickets.push('--end', process.env.DESKPULSE_DEMO_END);
	console.log(`deskpulse: first start: creating ${db} with the demo data set...`);
	run('demo data', [join(root, 'bin', 'deskpulse.js'), 'demo', '--db', seeding, ...tickets]);
	renameSync(seeding, db);
}

process.env.DESKPULSE_DB = db;
// adapter-node caps bodies at BODY_SIZE_LIMIT (512K): let uploads through, framing included; the API enforces DESKPULSE_UPLOAD_MAX_MB.
process.env.BODY_SIZE_LIMIT ||= String(Math.ceil((Number(process.env.DESKPULSE_UPLOAD_MAX_MB) > 0 ? Number(process.env.DESKPULSE_UPLOAD_MAX_MB) : 1024) + 16) * 1024 * 1024);
process.env.HOST ||= '127.0.0.1';
process.env.PORT ||= '3000';

// The app is served over plain HTTP. adapter-node takes a request's protocol from
// PROTOCOL_HEADER, else assumes https, and SvelteKit refuses a form-encoded POST (an upload)
// whose Origin differs: so each request says it came over http, unless the operator trusts a
// proxy in front to say how it came (proxy-settings.js). The host stays the one the browser
// used (localhost or 127.0.0.1 alike), so cross-site posts are still refused.
const proxy = proxySettings(process.env);
for (const warning of proxy.warnings) console.warn(`deskpulse: ${warning}`);
for (const [name, value] of Object.entries(proxy.set)) process.env[name] = value;
const { handler } = await import(join(root, 'build', 'handler.js'));
const server = http.createServer((req, res) => {
	prepareForwardedHeaders(req, proxy);
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});
server.listen(Number(process.env.PORT), process.env.HOST, () => {
	console.log(`deskpulse: serving ${db} at http://${process.env.HOST}:${process.env.PORT}`);
});

// On Ctrl-C or a stop signal: finish the requests under way, then let the app close the
// database (hooks.server.ts listens for this event), which checkpoints its write-ahead log.
function shutdown(signal) {
	server.close(() => process.emit('sveltekit:shutdown', signal));
	server.closeIdleConnections();
	setTimeout(() => server.closeAllConnections(), 30_000).unref();
}
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
