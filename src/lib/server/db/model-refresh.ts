import type { Connection } from './database';
import { installModels, modelSelect, modelsCurrent, wholeRefreshModels } from './migrate';
import { sqlText } from './sql-files';

/** What an import wrote: its runs (ids) and the entities of their files. */
export interface ModelChanges {
	runIds: number[];
	entities: string[];
}

/**
 * A materialized model whose rows an import can rebuild in place. Its SQL reads its driving
 * rows under the bound flag `$incremental`: false in a full build (every row), true in a
 * refresh, when it builds only the rows whose keys are in `rows`. A flag, not a rewritten
 * SELECT: the file is the one statement both builds run, so they cannot drift apart, and a
 * bound value is allowed where the models are tables (`create table as`, `insert`), though
 * not in a view.
 */
export interface IncrementalModel {
	/** The model, `sql/models/<model>.sql`, materialized as a table. */
	model: string;
	/** The columns that name one of its rows (its grain), in the model and in `rows`. */
	keys: readonly string[];
	/** The table (sql/raw/0009_refresh_rows.sql) the refresh fills and the model reads. */
	rows: string;
	/** The SELECT (sql/refresh/) of the keys to rebuild, given the import's `$run_ids`. */
	affected: string;
}

const TICKETS: IncrementalModel = {
	model: 'fct_tickets',
	keys: ['source', 'ticket_id'],
	rows: 'refresh_tickets',
	affected: 'refresh/changed_tickets'
};

/** Sessions and searches find their next ticket in fct_tickets: rebuilt after it. */
const TICKET_FOLLOWERS: IncrementalModel[] = [
	{ model: 'fct_self_service', keys: ['source', 'session_id'], rows: 'refresh_sessions', affected: 'refresh/affected_sessions' },
	{ model: 'fct_kb_searches', keys: ['source', 'search_id'], rows: 'refresh_searches', affected: 'refresh/affected_searches' }
];

/** Every model an import refreshes in place, in refresh order. */
export const INCREMENTAL_MODELS: readonly IncrementalModel[] = [TICKETS, ...TICKET_FOLLOWERS];

/** Tables a refresh fills; emptied before it commits. */
const REFRESH_TABLES = [...INCREMENTAL_MODELS.map((m) => m.rows), 'refresh_ticket_keys'];

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
		// The refresh tables are the database's, not this connection's: emptied in the same
		// transaction (a failure rolls their rows back instead), so they are empty at rest.
		for (const table of REFRESH_TABLES) await conn.exec(`delete from ${table}`);
		await conn.exec('commit');
		return incremental ? 'incremental' : 'full';
	} catch (e) {
		await conn.exec('rollback').catch(() => undefined);
		throw e;
	}
}

/**
 * Rebuilds the rows an import changed, when that is possible and worth it; false when the
 * whole models must be rebuilt instead (the caller then does, in the same transaction).
 */
async function refreshRows(conn: Connection, changes: ModelChanges): Promise<boolean> {
	if (changes.entities.some((e) => !ROW_ENTITIES.has(e)) || changes.runIds.length === 0) return false;
	if (!(await modelsCurrent(conn))) return false;
	const runIds = changes.runIds.join(',');

	await collectRows(conn, TICKETS, runIds);
	const [share] = await conn.query<{ changed: number; total: number; before_calendar: boolean; after_calendar: boolean }>(
		sqlText('refresh/changed_ticket_share')
	);
	// The business calendar spans the data's days; tickets outside it need it rebuilt, and
	// with it every stored business-clock position.
	if (share.before_calendar || share.after_calendar) return false;
	if (share.total === 0 || share.changed > share.total * INCREMENTAL_MAX_SHARE) return false;
	await rebuildRows(conn, TICKETS);
	// A changed ticket can move its source's CSAT scale (1-5 vs 0-10), which every rated
	// ticket of the source is read on: then only a full rebuild is right.
	const [{ mixed }] = await conn.query<{ mixed: number }>(sqlText('refresh/mixed_csat_scales'));
	if (mixed > 0) return false;

	await conn.exec(`insert into refresh_ticket_keys by name\n${sqlText('refresh/changed_ticket_keys')}`);
	for (const follower of TICKET_FOLLOWERS) {
		await collectRows(conn, follower, runIds);
		await rebuildRows(conn, follower);
	}
	// Summaries of the facts (the filter bar's values) are rebuilt whole, after the facts.
	for (const model of wholeRefreshModels()) {
		await conn.exec(`delete from ${model}`);
		await conn.run(`insert into ${model}\n${modelSelect(`models/${model}`)}`);
	}
	return true;
}

/** Fills the model's refresh table with the keys of the rows the import's runs can have changed. */
async function collectRows(conn: Connection, { rows, affected }: IncrementalModel, runIds: string): Promise<void> {
	await conn.run(`insert into ${rows} by name\n${sqlText(affected)}`, { run_ids: runIds });
}

/** Replaces the model's rows named in its refresh table with the model's SELECT of them. */
async function rebuildRows(conn: Connection, { model, keys, rows }: IncrementalModel): Promise<void> {
	const key = keys.join(', ');
	await conn.exec(`delete from ${model} where (${key}) in (select ${key} from ${rows})`);
	await conn.run(`insert into ${model}\n${modelSelect(`models/${model}`)}`, { incremental: true });
}
