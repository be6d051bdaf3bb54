import type { Connection, Database, Params } from '../db/database';
import type { Row } from '../db/values';

/**
 * A page of an item list (drill-through tickets, sessions and searches; a KB query group's
 * searches and tickets) with the list's total, which its SQL gives each row as `total_count`.
 *
 * A list of up to millions of wide items is read in two passes of its one SQL file, because
 * counting and sorting every wide row to show 50 of them cost several times the list itself
 * (at 1M tickets 650 ms warm, 1.8-2.1 s in the server; about 100 + 50 ms in two): pass 1
 * (`$keys_only` true) returns only the page's keys, `source` and the item's id, with the
 * total; pass 2 (`$page_keys`: those keys as JSON `[{"source", "id"}]`, `$limit` null,
 * `$offset` 0) computes every column of those items alone, in the list's order. The file
 * keeps exactly the (source, id) pairs asked for, so an id two sources share adds no row.
 * Both passes read one snapshot of the data, so an import finishing between them cannot tear
 * a page.
 *
 * A list whose items are few but costly to find (a KB query group's: the group is drawn
 * afresh by every statement) is read in one pass; a second would draw the group twice.
 */
export interface KeyedPage {
	/** Items in the whole list (all pages). */
	total: number;
	/** The page's items, every column but `total_count`, in the list's order. */
	rows: Row[];
}

export interface ListStatement {
	sql: string;
	params: Params;
	/** The column naming an item within its source: read in two passes. Null: in one. */
	id: string | null;
}

/** `limit` items of a list from `offset` (`limit` null: every item, in one pass), with its total. */
export function keyedPage(db: Database, list: ListStatement, limit: number | null, offset: number): Promise<KeyedPage> {
	const { sql, params, id } = list;
	return onOneSnapshot(db, async (conn) => {
		const run = (extra: Params) => conn.query(sql, { ...params, limit, offset, keys_only: false, page_keys: null, ...extra });
		const twoPasses = id !== null && limit !== null;
		const first = await run({ keys_only: twoPasses });
		let total = first.length ? Number(first[0].total_count) : 0;
		if (first.length === 0 && offset > 0) {
			// A page past the end has no row to carry the total: ask for the first item.
			const head = await run({ keys_only: twoPasses, limit: 1, offset: 0 });
			total = head.length ? Number(head[0].total_count) : 0;
		}
		if (!twoPasses || first.length === 0) return { total, rows: first.map(withoutTotal) };
		const pageKeys = JSON.stringify(first.map((k) => ({ source: k.source, id: k[id] })));
		const rows = await run({ page_keys: pageKeys, limit: null, offset: 0 });
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
