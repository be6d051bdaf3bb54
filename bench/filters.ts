import { Database } from '../src/lib/server/db/database';
import { dimensionValues, FILTER_DIMENSIONS, type DimensionValues } from '../src/lib/server/metrics/dimension-values';
import { METRICS } from '../src/lib/metric-catalog';
import { addLocalDays, isoWeekLabel, isoWeekStart, lastCompleteWeek } from '../src/lib/periods';
import type { Rng } from '../seeds/random';

/** How many of the data's last complete ISO weeks the random `week` and ranges draw from. */
const WEEKS = 26;

/** What a random filter may name: real values of the database, so every filter matches rows. */
export interface FilterValues {
	tickets: number;
	/** The filter bar's dimensions and their values in the inbound tickets (as the pages offer them). */
	dimensions: DimensionValues;
	/** The data's last WEEKS complete ISO weeks, newest first ('2026-W45'). */
	weeks: string[];
	/** Metrics with a ticket list (`/tickets?metric=`), and every metric (`/cohorts?metric=`). */
	ticketMetrics: string[];
	metrics: string[];
}

/**
 * Reads the filter values of a database file with deskpulse's own dimension-values report,
 * before a server opens it (DuckDB lets one process hold the file).
 */
export async function readFilterValues(path: string): Promise<FilterValues> {
	const db = await Database.open(path);
	try {
		const [{ tickets, last_created }] = await db.query<{ tickets: number; last_created: string }>(
			`select count(*)::integer as tickets, strftime(max(created_at), '%Y-%m-%dT%H:%M:%SZ') as last_created from fct_tickets`
		);
		const dimensions = await dimensionValues(db, new Date().toISOString());
		const newest = isoWeekStart(lastCompleteWeek(last_created, 'UTC'));
		const weeks = Array.from({ length: WEEKS }, (_, i) => isoWeekLabel(addLocalDays(newest, -7 * i)));
		return {
			tickets,
			dimensions,
			weeks,
			ticketMetrics: METRICS.filter((m) => m.drill?.items === 'tickets').map((m) => m.id),
			metrics: METRICS.map((m) => m.id)
		};
	} finally {
		await db.close();
	}
}

/** The 12 ISO weeks ending with `week` as a page's range (`from` inclusive, `to` exclusive). */
export function twelveWeeks(week: string): { from: string; to: string } {
	const to = addLocalDays(isoWeekStart(week), 7);
	return { from: addLocalDays(to, -84), to };
}

/** Two different filter-bar dimensions, each with one of its values (`plan=pro&channel=chat`). */
export function twoFilters(values: FilterValues, random: Rng): Record<string, string> {
	const offered = FILTER_DIMENSIONS.filter((d) => values.dimensions[d].length > 0);
	const first = random.pick(offered);
	const second = random.pick(offered.filter((d) => d !== first));
	return { [first]: random.pick(values.dimensions[first]), [second]: random.pick(values.dimensions[second]) };
}
