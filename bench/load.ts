// `npm run load -- [--users N] [--seconds S] [--seed K] [--db PATH | --tickets T] [--port P] [--out DIR] [--keep]`:
// a team at once (bench/README.md). Progress goes to stderr; the table to stdout; the JSON to --out.
import { execSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { deskpulseImport, demoFolder } from './import';
import { BENCH, removeDb, ROOT } from './lib';
import { loadTable, runLoad } from './virtual-users';

const { values } = parseArgs({
	options: {
		users: { type: 'string', default: '50' },
		seconds: { type: 'string', default: '60' },
		seed: { type: 'string', default: '1' },
		db: { type: 'string' },
		tickets: { type: 'string', default: '60000' },
		port: { type: 'string' },
		out: { type: 'string', default: join(BENCH, 'results') },
		keep: { type: 'boolean', default: false }
	}
});
const usage = (message: string): never => {
	process.stderr.write(`npm run load: ${message}\nusage: npm run load -- [--users N] [--seconds S] [--seed K] [--db PATH | --tickets T] [--port P] [--out DIR] [--keep]\n`);
	process.exit(2);
};
const whole = (name: keyof typeof values, min: number) => {
	const n = Number(values[name]);
	if (!Number.isInteger(n) || n < min) usage(`--${name} must be a whole number >= ${min}, got ${values[name]}`);
	return n;
};
const users = whole('users', 1);
const seconds = whole('seconds', 1);
const seed = whole('seed', 0);
const tickets = whole('tickets', 1000);
const port = values.port === undefined ? undefined : whole('port', 1);

// Without --db: a fresh import of the bench's demo folder for --tickets (generated once, reused).
const db = values.db ? resolve(values.db) : join(BENCH, 'tmp', `load-${tickets}.duckdb`);
if (!values.db) {
	const { folder } = await demoFolder(tickets);
	removeDb(db);
	await deskpulseImport(folder, db, 'import');
}
try {
	const summary = await runLoad({ db, users, seconds, seed, port });
	const date = new Date().toISOString();
	const sh = (cmd: string) => execSync(cmd, { cwd: ROOT, encoding: 'utf8' }).trim();
	const results = {
		date,
		db: values.db ? db : `fresh import of bench/tmp/csv-${tickets}`,
		...summary,
		versions: { node: process.version, deskpulse_commit: sh('git rev-parse HEAD'), deskpulse_dirty: sh('git status --porcelain -- src sql seeds bin') !== '' }
	};
	const outDir = resolve(values.out!);
	mkdirSync(outDir, { recursive: true });
	const outFile = join(outDir, `load-${date.slice(0, 10)}-${summary.tickets}.json`);
	writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
	console.log(loadTable(summary));
	console.log(`\n${outFile}`);
} finally {
	if (!values.db && !values.keep) {
		removeDb(db);
		rmSync(join(BENCH, 'tmp', '.deskpulse-spill'), { recursive: true, force: true });
	}
}
