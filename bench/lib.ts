import { spawn, type SpawnOptions } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/ sits directly under it). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH = join(ROOT, 'bench');

const started = performance.now();

/** Writes a progress line to stderr with the seconds since the bench started. */
export function progress(step: string, message: string): void {
	const s = ((performance.now() - started) / 1000).toFixed(1).padStart(7);
	process.stderr.write(`[bench ${s} s] ${step}: ${message}\n`);
}

/** Median of a non-empty list of numbers. */
export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The q-quantile (0..1) of a list, by the nearest-rank method (what a latency p95 usually is). */
export function quantile(values: number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil(q * sorted.length));
	return sorted[rank - 1];
}

/** Rounds to `digits` decimals; null stays null. */
export function round(value: number | null | undefined, digits = 1): number | null {
	if (value === null || value === undefined || !Number.isFinite(value)) return null;
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

/** a / b rounded to 3 decimals, or null when either is missing. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
	if (a === null || a === undefined || b === null || b === undefined || b === 0) return null;
	return round(a / b, 3);
}

/** Runs `fn` `reps` times and returns every duration in ms and the last result. */
export async function timed<T>(reps: number, label: string, fn: (rep: number) => Promise<T>): Promise<{ ms: number[]; last: T }> {
	const ms: number[] = [];
	let last!: T;
	for (let rep = 0; rep < reps; rep++) {
		const t0 = performance.now();
		last = await fn(rep);
		ms.push(performance.now() - t0);
		progress(label, `rep ${rep + 1}/${reps}: ${ms[rep].toFixed(0)} ms`);
	}
	return { ms, last };
}

export interface ChildResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs a command to completion, collecting its output (never more than the last 1 MB of each). */
export function runChild(cmd: string, args: string[], options: SpawnOptions = {}): Promise<ChildResult> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(cmd, args, { cwd: ROOT, ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		const keep = (text: string, chunk: Buffer) => (text + chunk.toString()).slice(-1_000_000);
		child.stdout!.on('data', (c: Buffer) => (stdout = keep(stdout, c)));
		child.stderr!.on('data', (c: Buffer) => (stderr = keep(stderr, c)));
		child.on('error', reject);
		child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
	});
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
	return new Promise((resolvePromise, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePromise(port));
		});
	});
}

/** Removes a DuckDB database file with its write-ahead log. */
export function removeDb(path: string): void {
	rmSync(path, { force: true });
	rmSync(`${path}.wal`, { force: true });
}

/**
 * The statements of a hand-written SQL file: split at a `;` that ends a line, comments
 * dropped. Each statement may carry a `-- name: x` line naming its result.
 */
export function sqlStatements(path: string): Array<{ name: string; sql: string }> {
	const text = readFileSync(path, 'utf8');
	return text
		.split(/;\s*$/m)
		.map((chunk) => {
			const name = /--\s*name:\s*(\S+)/.exec(chunk)?.[1] ?? 'statement';
			const sql = chunk
				.split('\n')
				.filter((line) => !line.trim().startsWith('--'))
				.join('\n')
				.trim();
			return { name, sql };
		})
		.filter((s) => s.sql.length > 0);
}

/** Peak resident memory (VmHWM) of a process in MB, from /proc; null when it is gone. */
export function vmHwmMb(pid: number): number | null {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
		return kb ? Number(kb) / 1024 : null;
	} catch {
		return null;
	}
}
