import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { cachedResult } from './result-cache';

/** The dimensions the pages' filter bar offers, in its order. */
export const FILTER_DIMENSIONS = ['segment', 'plan', 'channel', 'priority', 'group', 'tag'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

/** For each filter dimension, the values present in the inbound tickets, sorted. */
export type DimensionValues = Record<FilterDimension, string[]>;

/**
 * The values each filter-bar dimension takes in the data (inbound tickets created by `asOf`,
 * an ISO 8601 instant), so the options never offer a value that matches nothing.
 */
export function dimensionValues(db: Database, asOf: string): Promise<DimensionValues> {
	return cachedResult(db, 'dimension-values', asOf, () => dimensionValuesUncached(db, asOf));
}

async function dimensionValuesUncached(db: Database, asOf: string): Promise<DimensionValues> {
	const rows = await db.query<{ dimension: string; value: string }>(sqlText('reports/dimension_values'), { as_of: asOf });
	const out: DimensionValues = { segment: [], plan: [], channel: [], priority: [], group: [], tag: [] };
	for (const r of rows) if (r.dimension in out) out[r.dimension as FilterDimension].push(r.value);
	return out;
}
