import { chownSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH, freePort, progress, runChild } from './lib';
import { parseCsvLine } from './csv';

const PG_BIN = '/usr/lib/postgresql/15/bin';
/** Settings of the throwaway cluster, recorded in the results. */
export const PG_SETTINGS = { shared_buffers: '1GB', work_mem: '256MB', max_parallel_workers_per_gather: '2' };

export interface Pg {
	/** psql arguments that reach the database. */
	connect: string[];
	version: string;
	settings: Record<string, string> | 'external';
	stop: () => Promise<void>;
}

const env = { ...process.env, PGTZ: 'UTC' };

async function psql(pg: string[], args: string[]): Promise<string> {
	const r = await runChild('psql', [...pg, '-X', '-q', '-v', 'ON_ERROR_STOP=1', ...args], { env });
	if (r.code !== 0) throw new Error(`psql failed (exit ${r.code}): ${r.stderr.slice(-2000)}`);
	return r.stdout;
}

/**
 * PostgreSQL to compare with: DESKPULSE_BENCH_PG (a connection string) if set, else a
 * throwaway cluster under bench/tmp, owned by the postgres user (initdb refuses root), on a
 * unix socket in its own folder and a free port.
 */
export async function startPostgres(): Promise<Pg | null> {
	const external = process.env.DESKPULSE_BENCH_PG;
	if (external) {
		const connect = ['-d', external];
		const version = (await psql(connect, ['-A', '-t', '-c', 'show server_version'])).trim();
		return { connect, version, settings: 'external', stop: async () => undefined };
	}
	const dir = join(BENCH, 'tmp', `pg-${process.pid}`);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const asRoot = process.getuid?.() === 0;
	const runAs = async (cmd: string, args: string[]) => {
		const r = asRoot ? await runChild('runuser', ['-u', 'postgres', '--', cmd, ...args], { cwd: dir }) : await runChild(cmd, args, { cwd: dir });
		if (r.code !== 0) throw new Error(`${cmd} failed (exit ${r.code}): ${r.stdout.slice(-1000)} ${r.stderr.slice(-1000)}`);
	};
	try {
		if (asRoot) chownSync(dir, Number((await runChild('id', ['-u', 'postgres'])).stdout.trim()), Number((await runChild('id', ['-g', 'postgres'])).stdout.trim()));
		const data = join(dir, 'data');
		await runAs(join(PG_BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
		const port = await freePort();
		const options = [`-k ${dir}`, `-p ${port}`, `-c listen_addresses=''`, '-c fsync=off', ...Object.entries(PG_SETTINGS).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
		await runAs(join(PG_BIN, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
		const connect = ['-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres'];
		const version = (await psql(connect, ['-A', '-t', '-c', 'show server_version'])).trim();
		return {
			connect,
			version,
			settings: { ...PG_SETTINGS, fsync: 'off' },
			stop: async () => {
				await runAs(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
				rmSync(dir, { recursive: true, force: true });
			}
		};
	} catch (e) {
		progress('postgres', `no PostgreSQL: ${(e as Error).message.slice(0, 300)}`);
		rmSync(dir, { recursive: true, force: true });
		return null;
	}
}

/** Wall-clock ms of loading the core pack's CSVs with \copy, and of creating the indexes. */
export async function loadPostgres(pg: Pg, folder: string): Promise<{ load_ms: number; index_ms: number }> {
	await psql(pg.connect, ['-f', join(BENCH, 'pg-schema.sql')]);
	const script = join(BENCH, 'tmp', `pg-load-${process.pid}.psql`);
	const tables = ['orgs', 'sla_policies', 'tickets', 'self_service', 'kb_searches'];
	writeFileSync(script, tables.map((t) => `\\copy ${t} from '${join(folder, `${t}.csv`).replace(/'/g, "''")}' with (format csv, header true)`).join('\n') + '\n');
	try {
		let t0 = performance.now();
		await psql(pg.connect, ['-f', script]);
		const load_ms = performance.now() - t0;
		t0 = performance.now();
		await psql(pg.connect, ['-f', join(BENCH, 'pg-indexes.sql')]);
		return { load_ms, index_ms: performance.now() - t0 };
	} finally {
		rmSync(script, { force: true });
	}
}

/**
 * Runs bench/core-pack.pg.sql once through psql with \timing on: the summed server-side
 * `Time:` of its statements, and each named result's rows (CSV output).
 */
export async function runPgPack(pg: Pg): Promise<{ ms: number; results: Record<string, Array<Record<string, string>>> }> {
	const out = await psql(pg.connect, ['--csv', '-c', 'set timezone = \'UTC\'', '-c', '\\timing on', '-f', join(BENCH, 'core-pack.pg.sql')]);
	let ms = 0;
	const results: Record<string, Array<Record<string, string>>> = {};
	let header: string[] | null = null;
	let name = '';
	for (const line of out.split('\n')) {
		const time = /^Time: ([\d.]+) ms/.exec(line);
		if (time) {
			ms += Number(time[1]);
			header = null;
			continue;
		}
		if (!line.trim() || line === 'SET' || line.startsWith('Timing is')) continue;
		const fields = parseCsvLine(line);
		if (header === null) {
			header = fields;
			name = header[0] === 'week' ? 'weekly_segment' : 'zero_result_queries';
			results[name] = [];
			continue;
		}
		results[name].push(Object.fromEntries(header.map((h, i) => [h, fields[i]])));
	}
	return { ms, results };
}
