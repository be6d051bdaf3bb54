import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Database, memoryLimit } from '../src/lib/server/db/database';
import { computeKpis } from '../src/lib/server/metrics/kpis';
import { computeKbGaps } from '../src/lib/server/metrics/kb-gaps';
import { FAMILIES } from '../src/lib/server/metrics/families';
import type { KpiQuery } from '../src/lib/filters';
import { BENCH, sqlStatements } from './lib';

/** "Now" for every pack: a day after the demo data ends, so every 24 h window is closed. */
export const AS_OF = '2026-11-17T00:00:00.000Z';

/** The catalog ids of the core pack, in computeKpis' terms. */
export const CORE_METRICS = [
	'tickets_created',
	'frt_median_min',
	'frt_p90_min',
	'resolution_median_min',
	'csat_rate',
	'reopen_rate',
	'sla_frt_breach_rate',
	'deflection_rate'
];

/** Every metric id the registry computes (src/lib/server/metrics/families.ts). */
export const ALL_METRICS = FAMILIES.flatMap((f) => f.metrics);

export type Cells = Map<string, Record<string, number | null>>;

export interface PackResult {
	/** week|segment -> metric -> value, in the hand query's units (hours, fractions). */
	cells: Cells;
	/** segment -> the ranked normalized queries. */
	zeroResult: Map<string, string[]>;
}

const key = (week: string, segment: unknown) => `${week.slice(0, 10)}|${segment ?? ''}`;
const num = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number(v));
const hours = (minutes: unknown): number | null => (num(minutes) === null ? null : num(minutes)! / 60);

/**
 * The core pack through deskpulse: computeKpis weekly x segment in calendar hours over the
 * whole history, and the KB gaps report per segment (top 10) over the same span: the closest
 * deskpulse has to "top zero-result queries" (it ranks by kb_gap_score, not zero results).
 */
export async function deskpulseCorePack(db: Database, firstDay: string): Promise<PackResult> {
	const q: KpiQuery = { grain: 'week', from: null, to: null, tz: 'UTC', hours: 'calendar', by: ['segment'], where: {}, metrics: CORE_METRICS, asOf: AS_OF };
	const kpis = await computeKpis(db, q);
	const gaps = await computeKbGaps(db, { from: firstDay, to: '2026-11-16', tz: 'UTC', asOf: AS_OF, per: 'segment', where: {}, limit: 10 });
	const cells: Cells = new Map();
	for (const r of kpis.rows) {
		cells.set(key(r.period_start, r.segment), {
			tickets_created: num(r.tickets_created),
			frt_p50_hours: hours(r.frt_median_min),
			frt_p90_hours: hours(r.frt_p90_min),
			resolution_p50_hours: hours(r.resolution_median_min),
			csat_rate: num(r.csat_rate),
			reopen_rate: num(r.reopen_rate),
			sla_frt_breach_rate: num(r.sla_frt_breach_rate),
			deflection_rate: num(r.deflection_rate)
		});
	}
	const zeroResult = new Map<string, string[]>();
	for (const r of gaps.rows) zeroResult.set(String(r.segment ?? ''), [...(zeroResult.get(String(r.segment ?? '')) ?? []), r.query]);
	return { cells, zeroResult };
}

/** The full pack: every metric of the registry, weekly, business hours, ungrouped. */
export async function deskpulseFullPack(db: Database): Promise<number> {
	const q: KpiQuery = { grain: 'week', from: null, to: null, tz: 'UTC', hours: 'business', by: [], where: {}, metrics: ALL_METRICS, asOf: AS_OF };
	const result = await computeKpis(db, q);
	return result.rows.length;
}

/** Hand query rows (week, segment, metric columns...) as cells. */
export function handCells(rows: Array<Record<string, unknown>>): Cells {
	const cells: Cells = new Map();
	for (const r of rows) {
		cells.set(key(String(r.week), r.segment), {
			tickets_created: num(r.tickets_created),
			frt_p50_hours: num(r.frt_p50_hours),
			frt_p90_hours: num(r.frt_p90_hours),
			resolution_p50_hours: num(r.resolution_p50_hours),
			csat_rate: num(r.csat_rate),
			reopen_rate: num(r.reopen_rate),
			sla_frt_breach_rate: num(r.sla_frt_breach_rate_calendar),
			deflection_rate: num(r.deflection_rate)
		});
	}
	return cells;
}

export function handZeroResult(rows: Array<Record<string, unknown>>): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const r of rows) out.set(String(r.segment ?? ''), [...(out.get(String(r.segment ?? '')) ?? []), String(r.query_normalized)]);
	return out;
}

/** A DuckDB connection on a floor database, under deskpulse's memory limit, in UTC. */
export async function openFloor(path: string): Promise<{ conn: DuckDBConnection; close: () => void }> {
	const instance = await DuckDBInstance.create(path, { memory_limit: memoryLimit(), temp_directory: `${path}.spill` });
	const conn = await instance.connect();
	await conn.run(`set TimeZone = 'UTC'`);
	return {
		conn,
		close: () => {
			conn.closeSync();
			instance.closeSync();
		}
	};
}

/** Runs every statement of a bench SQL file; returns each named result's rows. */
export async function runSqlFile(conn: DuckDBConnection, file: string): Promise<Record<string, Array<Record<string, unknown>>>> {
	const out: Record<string, Array<Record<string, unknown>>> = {};
	for (const s of sqlStatements(join(BENCH, file))) {
		const reader = await conn.runAndReadAll(s.sql);
		out[s.name] = reader.getRowObjectsJson() as Array<Record<string, unknown>>;
	}
	return out;
}

export interface Agreement {
	cells_compared: number;
	cells_agreeing: number;
	max_abs_diff: number | null;
	agree: boolean;
	example: { cell: string; a: number | null; b: number | null } | null;
}

/** Compares two packs cell by cell, per metric (values equal within 1e-6 relative). */
export function compareCells(a: Cells, b: Cells): Record<string, Agreement> {
	const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
	const metrics = [...new Set([...a.values(), ...b.values()].flatMap((c) => Object.keys(c)))];
	const out: Record<string, Agreement> = {};
	for (const m of metrics) {
		let compared = 0;
		let agreeing = 0;
		let maxDiff: number | null = null;
		let example: Agreement['example'] = null;
		for (const k of keys) {
			const x = a.get(k)?.[m] ?? null;
			const y = b.get(k)?.[m] ?? null;
			if ((x === null || x === 0) && (y === null || y === 0) && x === y) continue;
			compared++;
			const diff = x === null || y === null ? Infinity : Math.abs(x - y);
			if (diff <= 1e-6 * Math.max(1, Math.abs(x ?? 0))) agreeing++;
			else if (example === null || diff > (maxDiff ?? 0)) example = { cell: k, a: x, b: y };
			if (Number.isFinite(diff)) maxDiff = Math.max(maxDiff ?? 0, diff);
		}
		out[m] = { cells_compared: compared, cells_agreeing: agreeing, max_abs_diff: maxDiff, agree: compared === agreeing, example };
	}
	return out;
}

/** Per segment, how many of the hand query's top-10 queries deskpulse's top 10 also lists. */
export function compareTopQueries(a: Map<string, string[]>, b: Map<string, string[]>): Record<string, { overlap: number; of: number }> {
	const out: Record<string, { overlap: number; of: number }> = {};
	for (const [segment, list] of b) {
		const other = new Set(a.get(segment) ?? []);
		out[segment || '(none)'] = { overlap: list.filter((q) => other.has(q)).length, of: list.length };
	}
	return out;
}
