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
 * Brings a database file up to date: applies each not-yet-applied script in sql/raw/ once,
 * in name order, then (re)creates the macros and the staging and model views. Materialized
 * models are rebuilt only when the SQL they are built from changed (or they are missing), so
 * opening a large database stays fast.
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
	for (const key of sqlKeysIn('macros')) await conn.exec(sqlText(key));
	await conn.exec(
		`create table if not exists model_builds (name varchar primary key, model_hash varchar not null, built_at timestamptz not null)`
	);
	const hash = modelHash();
	const built = await conn.query<{ name: string; model_hash: string }>('select name, model_hash from model_builds');
	const stale = (name: string) => !built.some((b) => b.name === name && b.model_hash === hash);
	await installModels(conn, (key) => stale(key.slice(key.indexOf('/') + 1)));
	await installScopes(conn);
	await recoverImports(conn);
}

/**
 * Finishes what a process that died mid-import left: its running runs are recorded as
 * interrupted (their rows rolled back with their transaction), and rows that landed without
 * their model refresh are refreshed now, before this process answers anything.
 */
export async function recoverImports(conn: Connection): Promise<void> {
	await conn.run(sqlText('ingest/interrupted_runs'));
	const pending = await pendingChanges(conn);
	if (pending) await refreshModels(conn, pending);
}

/** The imports whose rows landed and whose model refresh has not committed yet, if any. */
export async function pendingChanges(conn: Connection): Promise<ModelChanges | null> {
	const rows = await conn.query<{ run_id: number; entity: string }>(`select run_id, entity from pending_refresh order by run_id`);
	if (rows.length === 0) return null;
	return { runIds: rows.map((r) => r.run_id), entities: rows.map((r) => r.entity) };
}

/**
 * Table macros bind what they read when created, so they come after the models, and one that
 * reads another scope (dp_category_trends reads dp_scope_tickets) after it: in passes.
 */
async function installScopes(conn: Connection): Promise<void> {
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

/** What an import wrote: its runs (ids) and the entities of their files. */
export interface ModelChanges {
	runIds: number[];
	entities: string[];
}

/**
 * Entities an import can bring whose rows are refreshed in place. Any other entity (orgs,
 * SLA policies, schedules, holidays) changes facts of every row, so it rebuilds everything.
 * Costs are read through views and need no refresh.
 */
const ROW_ENTITIES = new Set(['tickets', 'self_service', 'kb_searches', 'costs']);

/**
 * Past this share of the facts an import rewrote, one full rebuild is faster than deleting
 * and re-inserting rows.
 */
const INCREMENTAL_MAX_SHARE = 0.2;

/**
 * Brings the materialized models up to date with the raw data after an import, in one
 * transaction so a report never sees a half-refreshed model. Without `changes` (or when
 * they touch what every row depends on) it rebuilds every model; otherwise it rebuilds only
 * the rows an import can have changed: its tickets, and the sessions and searches it wrote
 * or whose first following ticket may now differ (sql/refresh/). Says which it did.
 */
export async function refreshModels(conn: Connection, changes?: ModelChanges): Promise<'full' | 'incremental'> {
	await conn.exec('begin transaction');
	try {
		const incremental = changes !== undefined && (await refreshRows(conn, changes));
		if (!incremental) await installModels(conn, () => true);
		// What is refreshed is no longer pending: a full rebuild covers every landed row.
		if (incremental) await conn.run(`delete from pending_refresh where list_contains(from_json($run_ids, '["integer"]'), run_id)`, { run_ids: JSON.stringify(changes!.runIds) });
		else await conn.exec(`delete from pending_refresh`);
		// The data version cached report results are keyed by (metrics/result-cache.ts),
		// stamped in the transaction that changes the facts.
		await conn.exec(`insert or replace into model_builds values ('data_version', '', now())`);
		await conn.exec('commit');
		return incremental ? 'incremental' : 'full';
	} catch (e) {
		await conn.exec('rollback').catch(() => undefined);
		throw e;
	} finally {
		await conn.exec('drop table if exists _refresh_tickets; drop table if exists _refresh_ticket_keys; drop table if exists _refresh_sessions; drop table if exists _refresh_searches; drop table if exists _refresh_sessions_keys; drop table if exists _refresh_searches_keys;');
	}
}

/**
 * The model's SELECT limited to the rows being refreshed: the lines of the file written as
 * `-- refresh scope: <sql>` are switched on (in a full build they are comments).
 */
function scopedSelect(key: string): string {
	return sqlText(key)
		.replace(/^(\s*)--\s*refresh scope:\s*(.*)$/gm, '$1$2')
		.trim()
		.replace(/;$/, '');
}

/**
 * Rebuilds the rows an import changed, when that is possible and worth it; false when the
 * whole models must be rebuilt instead (the caller then does, in the same transaction).
 */
async function refreshRows(conn: Connection, changes: ModelChanges): Promise<boolean> {
	if (changes.entities.some((e) => !ROW_ENTITIES.has(e)) || changes.runIds.length === 0) return false;
	const hash = modelHash();
	const current = await conn.query<{ n: number }>(
		`select count(*)::integer as n from model_builds where model_hash = $hash
		   and name in ('fct_tickets', 'business_calendar', 'fct_self_service', 'fct_kb_searches')`,
		{ hash }
	);
	if (current[0].n !== 4) return false;
	const runIds = changes.runIds.join(',');

	await conn.run(`create temp table _refresh_tickets as\n${sqlText('refresh/changed_tickets')}`, { run_ids: runIds });
	const [share] = await conn.query<{ changed: number; total: number; before_calendar: boolean; after_calendar: boolean }>(
		`select (select count(*) from _refresh_tickets)::integer as changed,
		        (select count(*) from fct_tickets)::integer as total,
		        coalesce((select min(created_at) from stg_generic_tickets where (source, ticket_id) in (select source, ticket_id from _refresh_tickets))
		            < (select min(local_day) from business_calendar) + 2, false) as before_calendar,
		        coalesce((select max(greatest(created_at, coalesce(final_solved_at, created_at), coalesce(closed_at, created_at)))
		                  from stg_generic_tickets where (source, ticket_id) in (select source, ticket_id from _refresh_tickets))
		            > (select max(opens_at) from business_calendar) - interval 30 day, false) as after_calendar`
	);
	// The business calendar spans the data's days; tickets outside it need it rebuilt, and
	// with it every stored business-clock position.
	if (share.before_calendar || share.after_calendar) return false;
	if (share.total === 0 || share.changed > share.total * INCREMENTAL_MAX_SHARE) return false;

	await conn.exec(`delete from fct_tickets where (source, ticket_id) in (select source, ticket_id from _refresh_tickets)`);
	await conn.exec(`insert into fct_tickets\n${scopedSelect('models/fct_tickets')}`);
	// A changed ticket can move its source's CSAT scale (1-5 vs 0-10), which every rated
	// ticket of the source is read on: then only a full rebuild is right.
	const [{ mixed }] = await conn.query<{ mixed: number }>(
		`select count(*)::integer as mixed from (
		     select source from fct_tickets where csat_scale in ('1-5', '0-10')
		     group by source having count(distinct csat_scale) > 1)`
	);
	if (mixed > 0) return false;

	await conn.exec(`create temp table _refresh_ticket_keys as\n${sqlText('refresh/changed_ticket_keys')}`);
	for (const [table, staging, affected, scope, key] of [
		['fct_self_service', 'stg_generic_self_service', 'refresh/affected_sessions', '_refresh_sessions', 'session_id'],
		['fct_kb_searches', 'stg_generic_kb_searches', 'refresh/affected_searches', '_refresh_searches', 'search_id']
	] as const) {
		await conn.run(`create temp table ${scope} as\n${sqlText(affected)}`, { run_ids: runIds });
		// The keys those rows are matched to tickets by: only tickets under them can follow.
		await conn.exec(
			`create temp table ${scope}_keys as
			 select distinct source,
			        case when requester_id is not null then 'requester' else 'org' end as match_kind,
			        coalesce(requester_id, org_id) as match_key
			 from ${staging}
			 where (source, ${key}) in (select source, ${key} from ${scope})
			     and coalesce(requester_id, org_id) is not null`
		);
		await conn.exec(`delete from ${table} where (source, ${key}) in (select source, ${key} from ${scope})`);
		await conn.exec(`insert into ${table}\n${scopedSelect(`models/${table}`)}`);
	}
	return true;
}

/** One hash over every file that models are built from: a change to any of them rebuilds. */
function modelHash(): string {
	const h = createHash('sha256');
	for (const layer of ['macros', ...MODEL_LAYERS]) for (const key of sqlKeysIn(layer)) h.update(key).update(sqlText(key));
	return h.digest('hex').slice(0, 16);
}

/**
 * Creates the staging and model relations. Views may read other views or materialized
 * tables and DuckDB binds a view when it is created, so relations are created in passes until
 * every one stands (a cycle or an error in a file's SQL is reported with the file's name).
 * Views are always replaced (they hold no data); a table is rebuilt where `rebuild` says so.
 */
async function installModels(conn: Connection, rebuild: (key: string) => boolean): Promise<void> {
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
			const select = sqlText(key).trim().replace(/;$/, '');
			try {
				if (!isMaterialized(key)) {
					await conn.exec(`create or replace view ${name} as\n${select}`);
				} else {
					await conn.exec(`create table ${name} as\n${select}`);
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
