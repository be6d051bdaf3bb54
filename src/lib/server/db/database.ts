import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { readerRows, type Row } from './values';
import { migrate } from './migrate';
import { recoverImports } from './model-refresh';
import { redaction, redactionKey } from '../privacy/redact';

/** Named parameters for a statement: `$grain` in SQL is `{ grain: 'week' }` here. */
export type Params = Record<string, string | number | boolean | null>;

/**
 * One connection, used by one task at a time. Every statement that takes user values goes
 * through `query`/`run`, which prepare the text and bind the values by name, so no caller
 * ever splices a value into SQL.
 */
export class Connection {
	/** The DESKPULSE_REDACT setting this connection's SQL variables were set for. */
	redactionSet: string | null = null;

	constructor(readonly raw: DuckDBConnection) {}

	/** Runs one statement with named parameters and returns its rows as plain objects. */
	async query<T extends Row = Row>(sql: string, params: Params = {}): Promise<T[]> {
		const started = performance.now();
		const statement = await this.raw.prepare(sql);
		try {
			statement.bind(bindable(sql, statement.parameterCount, (i) => statement.parameterName(i), params));
			return readerRows(await statement.runAndReadAll()) as T[];
		} finally {
			statement.destroySync();
			trace(sql, started);
		}
	}

	/** Runs one statement with named parameters, discarding any rows. */
	async run(sql: string, params: Params = {}): Promise<void> {
		const started = performance.now();
		const statement = await this.raw.prepare(sql);
		try {
			statement.bind(bindable(sql, statement.parameterCount, (i) => statement.parameterName(i), params));
			await statement.run();
		} finally {
			statement.destroySync();
			trace(sql, started);
		}
	}

	/** Runs a script of several statements that take no parameters (DDL, migrations). */
	async exec(script: string): Promise<void> {
		const started = performance.now();
		await this.raw.run(script);
		trace(script, started);
	}
}

/**
 * DESKPULSE_TRACE_SQL=<ms> writes every statement slower than that many milliseconds to
 * stderr with its duration: where an import or a report spends its time, without a profiler.
 */
const TRACE_MS = process.env.DESKPULSE_TRACE_SQL ? Number(process.env.DESKPULSE_TRACE_SQL) : null;

function trace(sql: string, started: number): void {
	if (TRACE_MS === null) return;
	const ms = performance.now() - started;
	if (ms < TRACE_MS) return;
	const head = sql.trim().replace(/\s+/g, ' ').slice(0, 110);
	process.stderr.write(`[sql ${ms.toFixed(0).padStart(6)} ms] ${head}\n`);
}

function bindable(
	sql: string,
	count: number,
	nameOf: (i: number) => string,
	params: Params
): Record<string, DuckDBValue> {
	const values: Record<string, DuckDBValue> = {};
	for (let i = 1; i <= count; i++) {
		const name = nameOf(i);
		if (!(name in params)) {
			const head = sql.trim().split('\n')[0].slice(0, 80);
			throw new Error(`missing SQL parameter $${name} for statement starting "${head}"`);
		}
		values[name] = params[name] as DuckDBValue;
	}
	return values;
}

/**
 * Concurrent queries each need their own connection, and the native client runs them on the
 * libuv thread pool (4 threads by default), so more than 3 at once starves file I/O.
 */
const MAX_CONNECTIONS = 3;

export interface OpenOptions {
	/** Apply migrations, install the models and finish a killed import's refresh (default true). */
	migrate?: boolean;
}

/**
 * DuckDB's memory budget: DESKPULSE_MEMORY_LIMIT (e.g. "2GB"), else a quarter of the machine's
 * memory, at most 4 GB. Past it DuckDB spills to a temporary folder beside the database
 * instead of growing, so a large import or report degrades instead of exhausting the machine.
 */
export function memoryLimit(): string {
	const configured = process.env.DESKPULSE_MEMORY_LIMIT?.trim();
	if (configured) return configured;
	const quarter = Math.floor(totalmem() / 4 / 1024 ** 2);
	return `${Math.min(quarter, 4096)}MB`;
}

/**
 * The memory budget while an import runs: DESKPULSE_IMPORT_MEMORY_LIMIT, else the smaller of
 * 1 GB and `memoryLimit()`. An import's working set (every field of a file as text, then
 * checked) is what grows with the export's size; past 1 GB DuckDB spills it to disk, so a
 * 10-million-ticket import stays under 2 GB of RSS on a laptop for about 20 % more time
 * (measured: bench/README.md). Reports get the full budget back when the import ends.
 */
export function importMemoryLimit(): string {
	const configured = process.env.DESKPULSE_IMPORT_MEMORY_LIMIT?.trim();
	if (configured) return configured;
	const general = memoryLimit();
	return megabytes(general) !== null && megabytes(general)! < 1024 ? general : '1024MB';
}

/**
 * A size such as "512MB", "4GB" or "2G" (the spellings DuckDB takes) in megabytes, or null
 * when it is not one.
 */
export function megabytes(size: string): number | null {
	const m = /^(\d+(?:\.\d+)?)\s*(K|M|G|T)(i?B)?$/i.exec(size.trim());
	if (!m) return null;
	return Number(m[1]) * { K: 1 / 1024, M: 1, G: 1024, T: 1024 * 1024 }[m[2].toUpperCase() as 'K' | 'M' | 'G' | 'T']!;
}

/**
 * The problem with the memory settings, or null: checked before an import starts, so a value
 * that cannot be applied never stops one after its rows have landed.
 */
export function memorySettingsProblem(): string | null {
	for (const [name, value] of [
		['DESKPULSE_MEMORY_LIMIT', memoryLimit()],
		['DESKPULSE_IMPORT_MEMORY_LIMIT', importMemoryLimit()]
	]) {
		if (megabytes(value) === null) return `${name} must be a size such as 1GB, 512MB or 2G, got "${value}"`;
	}
	return null;
}

function engineSettings(path: string): Record<string, string> {
	const settings: Record<string, string> = { memory_limit: memoryLimit() };
	if (path !== ':memory:') settings.temp_directory = join(dirname(path), '.deskpulse-spill');
	return settings;
}

/**
 * Sets the SQL variables the reports read DESKPULSE_REDACT from (sql/macros/privacy.sql) on a
 * connection, again only when the setting changed since (variables live per connection).
 */
async function withRedaction(conn: Connection): Promise<Connection> {
	const key = redactionKey();
	if (conn.redactionSet === key) return conn;
	const r = redaction();
	await conn.exec(`set variable dp_redact_name = ${r.name}; set variable dp_redact_email = ${r.email};`);
	conn.redactionSet = key;
	return conn;
}

/** Marks the async work it runs as background work (see `inBackground`). */
const backgroundWork = new AsyncLocalStorage<boolean>();

/**
 * Runs `fn` as background work: its queries take a pooled connection only while no request
 * waits for one, and one at a time, so computing the default views ahead (at start, after an
 * import) never makes a person's request wait behind it for more than one query.
 */
export function inBackground<T>(fn: () => Promise<T>): Promise<T> {
	return backgroundWork.run(true, fn);
}

/** The one DuckDB instance of this process, with a small pool of connections. */
export class Database {
	private idle: Connection[] = [];
	private busy = 0;
	private busyBackground = 0;
	private waiting: Array<() => void> = [];
	private waitingBackground: Array<() => void> = [];
	private closed = false;

	private constructor(
		readonly path: string,
		private readonly instance: DuckDBInstance
	) {}

	/** Opens (creating if needed) the database file at `path`, or `:memory:`. */
	static async open(path: string, options: OpenOptions = {}): Promise<Database> {
		if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
		const instance = await DuckDBInstance.create(path, engineSettings(path));
		const db = new Database(path, instance);
		if (options.migrate !== false) {
			await db.withConnection(async (c) => {
				await migrate(c);
				await recoverImports(c);
			});
		}
		return db;
	}

	/** Whether a query may take a connection now: background work only when nobody waits. */
	private mayStart(background: boolean): boolean {
		if (this.busy >= MAX_CONNECTIONS) return false;
		return !background || (this.busyBackground === 0 && this.waiting.length === 0);
	}

	private async acquire(background: boolean): Promise<Connection> {
		if (this.closed) throw new Error('the database is closed');
		while (!this.mayStart(background)) await new Promise<void>((r) => (background ? this.waitingBackground : this.waiting).push(r));
		this.busy++;
		if (background) this.busyBackground++;
		let conn = this.idle.pop();
		try {
			if (!conn) {
				conn = new Connection(await this.instance.connect());
				// Every stored time is UTC; reporting zones are applied explicitly in SQL.
				await conn.exec(`set TimeZone = 'UTC'`);
			}
			return await withRedaction(conn);
		} catch (e) {
			conn?.raw.closeSync();
			this.release(undefined, background);
			throw e;
		}
	}

	private release(conn: Connection | undefined, background: boolean): void {
		this.busy--;
		if (background) this.busyBackground--;
		if (conn && !this.closed && this.idle.length < MAX_CONNECTIONS) this.idle.push(conn);
		else conn?.raw.closeSync();
		// A waiting request first; background work only when none waits.
		const next = this.waiting.shift() ?? (this.mayStart(true) ? this.waitingBackground.shift() : undefined);
		next?.();
	}

	/** Runs `fn` on a pooled connection, returned to the pool afterwards. */
	async withConnection<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
		const background = backgroundWork.getStore() === true;
		const conn = await this.acquire(background);
		try {
			return await fn(conn);
		} finally {
			this.release(conn, background);
		}
	}

	/**
	 * Runs `fn` on a fresh connection inside one transaction: all of it commits or none of it.
	 * The connection is closed afterwards, so temporary tables never leak into the pool.
	 */
	async transaction<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
		const background = backgroundWork.getStore() === true;
		const conn = await this.acquire(background);
		try {
			await conn.exec('begin transaction');
			try {
				const result = await fn(conn);
				await conn.exec('commit');
				return result;
			} catch (e) {
				await conn.exec('rollback').catch(() => undefined);
				throw e;
			}
		} finally {
			conn.raw.closeSync();
			this.release(undefined, background);
		}
	}

	/** Runs one statement with named parameters on a pooled connection. */
	query<T extends Row = Row>(sql: string, params: Params = {}): Promise<T[]> {
		return this.withConnection((c) => c.query<T>(sql, params));
	}

	/**
	 * Sets DuckDB's memory budget for the whole instance (it is one setting per database). The
	 * size is checked to be a plain size before it reaches SQL: settings take no parameters.
	 */
	async setMemoryLimit(size: string): Promise<void> {
		if (megabytes(size) === null) throw new Error(`memory limit must be a size such as 1GB or 512MB, got "${size}"`);
		await this.withConnection((c) => c.exec(`set memory_limit = '${size.trim()}'`));
	}

	/** Closes every connection and the instance, which releases the file lock. */
	async close(): Promise<void> {
		this.closed = true;
		for (const c of this.idle.splice(0)) c.raw.closeSync();
		this.instance.closeSync();
	}
}
