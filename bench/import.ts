import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { memoryLimit } from '../src/lib/server/db/database';
import { generateDemo } from '../seeds/generate-demo';
import { BENCH, progress, removeDb, ROOT, runChild } from './lib';

/**
 * The demo folder of `tickets` tickets in bench/tmp/csv-<N>, generated unless it is already
 * complete (generation is deterministic, so the bench and the load run share it). Returns the
 * folder and the generation's ms, null when reused.
 */
export async function demoFolder(tickets: number): Promise<{ folder: string; ms: number | null }> {
	const folder = join(BENCH, 'tmp', `csv-${tickets}`);
	if (existsSync(join(folder, 'costs.csv'))) {
		progress('generate', `reusing ${folder}`);
		return { folder, ms: null };
	}
	progress('generate', `${tickets} tickets into ${folder}`);
	const t0 = performance.now();
	await generateDemo({
		tickets,
		seed: 1,
		end: '2026-11-15',
		outDir: folder,
		// The published timings were taken on 3 sessions per ticket (30M at 10M tickets): the
		// heavier self-service load stays, though the demo now has fewer.
		sessionsPerTicket: 3,
		onProgress: (done, total, label) => {
			if (done % 100_000 === 0) progress('generate', `${label} ${done}/${total}`);
		}
	});
	return { folder, ms: performance.now() - t0 };
}

export interface ImportRun {
	ms: number;
	/** Peak resident memory of the import process, MB (GNU time's %M). */
	max_rss_mb: number;
	/** Rows accepted per file, as the command printed them. */
	accepted: Record<string, number>;
	rejected: number;
}

/**
 * `deskpulse import <folder> --db <db>` in a child process, timed wall-clock, with its peak
 * RSS from /usr/bin/time (the whole process: Node, tsx and DuckDB's native memory).
 */
export async function deskpulseImport(folder: string, db: string, label: string): Promise<ImportRun> {
	const timeFile = `${db}.time`;
	const t0 = performance.now();
	const tick = setInterval(() => progress(label, `importing... ${((performance.now() - t0) / 1000).toFixed(0)} s`), 10_000);
	try {
		const r = await runChild('/usr/bin/time', ['-f', '%M', '-o', timeFile, process.execPath, join(ROOT, 'bin', 'deskpulse.js'), 'import', folder, '--db', db]);
		const ms = performance.now() - t0;
		if (r.code !== 0) throw new Error(`deskpulse import failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
		const kb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
		const accepted: Record<string, number> = {};
		let rejected = 0;
		// "N kept (M with adjustments)" since the import kept adjusted rows; "N accepted" before.
		for (const m of r.stdout.matchAll(/^(\S+\.csv): ([\d,]+) rows read, ([\d,]+) (?:accepted|kept)[^,]*, ([\d,]+) rejected/gm)) {
			accepted[m[1].split('/').pop()!] = Number(m[3].replace(/,/g, ''));
			rejected += Number(m[4].replace(/,/g, ''));
		}
		return { ms, max_rss_mb: kb / 1024, accepted, rejected };
	} finally {
		clearInterval(tick);
		rmSync(timeFile, { force: true });
	}
}

/** The CSV files of a folder, sorted, with their sizes. */
export function csvFiles(folder: string): Array<{ name: string; path: string; bytes: number }> {
	return readdirSync(folder)
		.filter((f) => f.endsWith('.csv'))
		.sort()
		.map((name) => ({ name, path: join(folder, name), bytes: statSync(join(folder, name)).size }));
}

export interface FloorRun {
	ms: number;
	rows: Record<string, number>;
}

/**
 * The floor: plain DuckDB `create table <file> as select * from read_csv(<file>)` for each
 * file into a fresh database file, in this process, under deskpulse's memory limit. Tables
 * are named after the files (tickets, kb_searches, ...), which the hand queries read.
 */
export async function readCsvFloor(files: Array<{ name: string; path: string }>, db: string): Promise<FloorRun> {
	removeDb(db);
	const instance = await DuckDBInstance.create(db, { memory_limit: memoryLimit(), temp_directory: `${db}.spill` });
	const conn = await instance.connect();
	const rows: Record<string, number> = {};
	try {
		const t0 = performance.now();
		for (const f of files) {
			const table = f.name.replace(/\.csv$/, '');
			await conn.run(`create table "${table}" as select * from read_csv('${f.path.replace(/'/g, "''")}')`);
		}
		await conn.run('checkpoint');
		const ms = performance.now() - t0;
		for (const f of files) {
			const table = f.name.replace(/\.csv$/, '');
			const reader = await conn.runAndReadAll(`select count(*)::integer from "${table}"`);
			rows[f.name] = Number(reader.getRows()[0][0]);
		}
		return { ms, rows };
	} finally {
		conn.closeSync();
		instance.closeSync();
		rmSync(`${db}.spill`, { recursive: true, force: true });
	}
}
