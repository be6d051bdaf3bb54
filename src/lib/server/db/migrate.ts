import { createHash } from 'node:crypto';
import type { Connection } from './database';
import { sqlKeysIn, sqlText } from './sql-files';

/** Folders whose files are each one SELECT, installed as a view (or table) named after the file. */
const MODEL_LAYERS = ['staging', 'models'];

/**
 * A model whose header says `-- materialized: table` is stored as a table rebuilt from its
 * SELECT after every import, so reports aggregate precomputed per-row values (business-hour
 * durations, SLA targets) instead of recomputing them per query.
 */
const MATERIALIZED = /^--\s*materialized:\s*table\s*$/m;

/** True for a model file that is stored as a table. */
export function isMaterialized(key: string): boolean {
	return MATERIALIZED.test(sqlText(key));
}

/**
 * A summary table whose header says `-- refresh: whole`: small, read from the facts, and
 * rebuilt whole by every refresh (an incremental one included), after the facts it reads.
 */
const REBUILT_WHOLE = /^--\s*refresh:\s*whole\s*$/m;

/** The materialized models every refresh rebuilds whole, as table names. */
export function wholeRefreshModels(): string[] {
	return sqlKeysIn('models')
		.filter((key) => isMaterialized(key) && REBUILT_WHOLE.test(sqlText(key)))
		.map((key) => key.slice(key.indexOf('/') + 1));
}

/**
 * Brings a database file up to date: applies each not-yet-applied script in sql/raw/ once,
 * in name order, then (re)creates the macros and the staging and model views. Materialized
 * models are rebuilt only when the SQL they are built from changed (or they are missing), so
 * opening a large database stays fast. What a killed import left is finished after it
 * (recoverImports, model-refresh.ts), once the models stand.
 */
export async function migrate(conn: Connection): Promise<void> {
	await conn.exec(
		`create table if not exists schema_migrations (name varchar primary key, applied_at timestamptz not null)`
	);
	const applied = new Set(
		(await conn.query<{ name: string }>('select name from schema_migrations')).map((r) => r.name)
	);
	for (const key of sqlKeysIn('raw')) {
		if (applied.has(key)) continue;
		await conn.exec('begin transaction');
		try {
			await conn.exec(sqlText(key));
			await conn.run('insert into schema_migrations values ($name, now())', { name: key });
			await conn.exec('commit');
		} catch (e) {
			await conn.exec('rollback');
			throw new Error(`migration sql/${key}.sql failed: ${(e as Error).message}`);
		}
	}
	await installMacros(conn);
	await conn.exec(
		`create table if not exists model_builds (name varchar primary key, model_hash varchar not null, built_at timestamptz not null)`
	);
	const hash = modelHash();
	const built = await conn.query<{ name: string; model_hash: string }>('select name, model_hash from model_builds');
	const stale = (name: string) => !built.some((b) => b.name === name && b.model_hash === hash);
	await installModels(conn, (key) => stale(key.slice(key.indexOf('/') + 1)));
	await installScopes(conn);
}

/** Creates the scalar macros of sql/macros/ (they read no table, so any database takes them). */
export async function installMacros(conn: Connection): Promise<void> {
	for (const key of sqlKeysIn('macros')) await conn.exec(sqlText(key));
}

/**
 * Table macros bind what they read when created, so they come after the models, and one that
 * reads another scope (dp_category_trends reads dp_scope_tickets) after it: in passes.
 */
export async function installScopes(conn: Connection): Promise<void> {
	let pending = sqlKeysIn('scopes');
	while (pending.length > 0) {
		const failed: Array<{ key: string; error: Error }> = [];
		for (const key of pending) {
			try {
				await conn.exec(sqlText(key));
			} catch (error) {
				failed.push({ key, error: error as Error });
			}
		}
		if (failed.length === pending.length) throw new Error(`scope sql/${failed[0].key}.sql cannot be created: ${failed[0].error.message}`);
		pending = failed.map((f) => f.key);
	}
}

/** One hash over every file that models are built from: a change to any of them rebuilds. */
function modelHash(): string {
	const h = createHash('sha256');
	for (const layer of ['macros', ...MODEL_LAYERS]) for (const key of sqlKeysIn(layer)) h.update(key).update(sqlText(key));
	return h.digest('hex').slice(0, 16);
}

/** True when every materialized model was built from the model files as they are now. */
export async function modelsCurrent(conn: Connection): Promise<boolean> {
	const built = await conn.query<{ name: string }>(`select name from model_builds where model_hash = $hash`, { hash: modelHash() });
	const names = new Set(built.map((b) => b.name));
	return sqlKeysIn('models').filter(isMaterialized).every((key) => names.has(key.slice(key.indexOf('/') + 1)));
}

/** The SELECT of a staging or model file (`models/fct_tickets`), as a statement can embed it. */
export function modelSelect(key: string): string {
	return sqlText(key).trim().replace(/;$/, '');
}

/**
 * Creates the staging and model relations. Views may read other views or materialized
 * tables and DuckDB binds a view when it is created, so relations are created in passes until
 * every one stands (a cycle or an error in a file's SQL is reported with the file's name).
 * Views are always replaced (they hold no data); a table is rebuilt where `rebuild` says so.
 */
export async function installModels(conn: Connection, rebuild: (key: string) => boolean): Promise<void> {
	const hash = modelHash();
	const tables = new Set(
		(await conn.query<{ name: string }>(`select table_name as name from duckdb_tables() where schema_name = 'main'`)).map((r) => r.name)
	);
	let pending = MODEL_LAYERS.flatMap((layer) => sqlKeysIn(layer));
	// Drop first what is about to be created, so nothing is built from a view or table of an
	// earlier definition still in the file: a relation can then only be created once
	// everything it reads has been.
	const views = new Set(
		(await conn.query<{ name: string }>(`select view_name as name from duckdb_views() where not internal and schema_name = 'main'`)).map((r) => r.name)
	);
	pending = pending.filter((key) => {
		const name = key.slice(key.indexOf('/') + 1);
		return !isMaterialized(key) || rebuild(key) || !tables.has(name);
	});
	for (const key of pending) {
		const name = key.slice(key.indexOf('/') + 1);
		if (views.has(name)) await conn.exec(`drop view ${name}`);
		if (tables.has(name)) await conn.exec(`drop table ${name}`);
	}
	while (pending.length > 0) {
		const failed: Array<{ key: string; error: Error }> = [];
		for (const key of pending) {
			const name = key.slice(key.indexOf('/') + 1);
			const select = modelSelect(key);
			try {
				if (!isMaterialized(key)) {
					await conn.exec(`create or replace view ${name} as\n${select}`);
				} else {
					// A full build: a model that an import's refresh can rebuild in part reads
					// `$incremental` (model-refresh.ts).
					await conn.run(`create table ${name} as\n${select}`, { incremental: false });
					await conn.run(
						`insert or replace into model_builds values ($name, $hash, now())`,
						{ name, hash }
					);
				}
			} catch (error) {
				// A statement that fails for want of memory (or any reason other than a relation
				// not yet created) aborts the transaction: no later pass can succeed, so say why.
				if (!/does not exist|not found/i.test((error as Error).message)) {
					throw new Error(`model sql/${key}.sql cannot be created: ${(error as Error).message}`);
				}
				failed.push({ key, error: error as Error });
			}
		}
		if (failed.length === pending.length) {
			const { key, error } = failed[0];
			throw new Error(`model sql/${key}.sql cannot be created: ${error.message}`);
		}
		pending = failed.map((f) => f.key);
	}
}
