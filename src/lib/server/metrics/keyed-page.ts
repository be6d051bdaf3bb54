import type { Connection, Database, Params } from '../db/database';
import type { Row } from '../db/values';

/**
 * A page of a long item list (drill-through tickets, sessions and searches; a KB query
 * group's searches and tickets), read in two passes of the list's one SQL file. Sorting and
 * counting a million wide rows to show 50 of them cost several times the list itself, so:
 * pass 1 (`$keys_only` true) returns only the page's keys, `source` and the item's id, with
 * the list's `total_count`; pass 2 (`$page_keys`: those keys as JSON, `$limit` null,
 * `$offset` 0) computes every column of those items alone, in the list's order. Each file
 * keeps exactly the (source, id) pairs asked for, so an id two sources share adds no row.
 * Both passes read one snapshot: an import finishing between them cannot tear a page.
 */
export interface KeyedPage {
	/** Items in the whole list (all pages). */
	total: number;
	/** The page's items, every column but `total_count`, in the list's order. */
	rows: Row[];
}

/**
 * One page of the list `sql` (whose items are named by `source` and `idColumn`): `limit`
 * items from `offset`, or, with `limit` null, every item in one pass.
 */
export function keyedPage(db: Database, sql: string, idColumn: string, params: Params, limit: number | null, offset: number): Promise<KeyedPage> {
	return onOneSnapshot(db, async (conn) => {
		const pass = (extra: Params) => conn.query(sql, { ...params, limit, offset, ...extra });
		// A whole list (a CSV) is every item anyway: one pass.
		const keys = limit === null ? await pass({ keys_only: false, page_keys: null }) : await pass({ keys_only: true, page_keys: null });
		let total = keys.length ? Number(keys[0].total_count) : 0;
		if (keys.length === 0 && offset > 0) {
			// A page past the end has no row to carry the total: ask for the first key.
			const first = await pass({ keys_only: true, page_keys: null, limit: 1, offset: 0 });
			total = first.length ? Number(first[0].total_count) : 0;
		}
		if (limit === null || keys.length === 0) return { total, rows: keys.map(withoutTotal) };
		const pageKeys = JSON.stringify(keys.map((k) => ({ source: k.source, id: k[idColumn] })));
		const rows = await pass({ keys_only: false, page_keys: pageKeys, limit: null, offset: 0 });
		return { total, rows: rows.map(withoutTotal) };
	});
}

function withoutTotal({ total_count: _total, ...item }: Row): Row {
	return item;
}

/** Runs `fn` on one pooled connection inside a read transaction: one snapshot of the data. */
async function onOneSnapshot<T>(db: Database, fn: (conn: Connection) => Promise<T>): Promise<T> {
	return db.withConnection(async (conn) => {
		await conn.exec('begin transaction');
		let result: T;
		try {
			result = await fn(conn);
		} catch (e) {
			await conn.exec('rollback').catch(() => undefined);
			throw e;
		}
		await conn.exec('commit');
		return result;
	});
}
