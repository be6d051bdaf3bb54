import type { Connection } from './database';
import { sqlKeysIn, sqlText } from './sql-files';

/** Folders whose files are each one SELECT, installed as a view named after the file. */
const VIEW_LAYERS = ['staging', 'models'];

/**
 * Brings a database file up to date: applies each not-yet-applied script in sql/raw/ once,
 * in name order, then (re)creates the macros and the staging and model views, which hold
 * no data and so are always replaced by the current definitions.
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
	await createViews(conn);
}

/**
 * Views may read other views of the same layer, and DuckDB binds a view when it is created,
 * so each layer is created in passes until every view stands (a cycle or an error in a
 * view's SQL is reported with the file's name).
 */
async function createViews(conn: Connection): Promise<void> {
	for (const layer of VIEW_LAYERS) {
		let pending = sqlKeysIn(layer);
		while (pending.length > 0) {
			const failed: Array<{ key: string; error: Error }> = [];
			for (const key of pending) {
				const name = key.slice(layer.length + 1);
				try {
					await conn.exec(`create or replace view ${name} as\n${sqlText(key).trim().replace(/;$/, "")}`);
				} catch (error) {
					failed.push({ key, error: error as Error });
				}
			}
			if (failed.length === pending.length) {
				const { key, error } = failed[0];
				throw new Error(`view sql/${key}.sql cannot be created: ${error.message}`);
			}
			pending = failed.map((f) => f.key);
		}
	}
}
