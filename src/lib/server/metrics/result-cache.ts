import type { Database } from '../db/database';
import { redactionKey } from '../privacy/redact';

/**
 * Report results kept per database until its data changes. A report over millions of rows
 * takes seconds; the weekly review is opened by a room of people at once and the same view
 * is reloaded all meeting long. Every result is keyed by the report, its whole query (with
 * `as_of`) and the database's data version, which the model refresh stamps in the same
 * transaction that changes the facts (refreshModels): the first request after an import
 * finishes computes afresh, so a cached answer is never older than the last import.
 */
const MAX_ENTRIES = 256;

interface Entry {
	version: string;
	value: Promise<unknown>;
}

const caches = new WeakMap<Database, Map<string, Entry>>();

/** The stamp of the last model refresh ('' before any). */
export async function dataVersion(db: Database): Promise<string> {
	const rows = await db.query<{ built_at: string | null }>(
		`select cast(max(built_at) as varchar) as built_at from model_builds where name = 'data_version'`
	);
	return rows[0]?.built_at ?? '';
}

/**
 * `compute()`'s result for `report` and `query`, from the cache when the data has not changed
 * since it was computed. Callers get their own copy, so no caller can alter a cached result.
 * Identical requests arriving together share one computation. `compute` receives the data
 * version it is computed under, and a nested lookup made inside it passes that version on
 * (`knownVersion`) instead of asking the database again.
 */
export async function cachedResult<T>(
	db: Database,
	report: string,
	query: unknown,
	compute: (version: string) => Promise<T>,
	knownVersion?: string
): Promise<T> {
	if (process.env.DESKPULSE_RESULT_CACHE === 'off') return compute('');
	let cache = caches.get(db);
	if (!cache) caches.set(db, (cache = new Map()));
	const version = knownVersion ?? (await dataVersion(db));
	// What DESKPULSE_REDACT hides is part of an answer: a changed setting computes afresh.
	const key = `${report}\u0000${redactionKey()}\u0000${JSON.stringify(query)}`;
	let entry = cache.get(key);
	if (!entry || entry.version !== version) {
		entry = { version, value: compute(version) };
		const pending = entry;
		// A failed computation is not kept: the next request tries again.
		pending.value.catch(() => {
			if (cache.get(key) === pending) cache.delete(key);
		});
		cache.set(key, entry);
		while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
	} else {
		// Most recently used last, so the oldest entry is the one dropped.
		cache.delete(key);
		cache.set(key, entry);
	}
	return structuredClone((await entry.value) as T);
}
