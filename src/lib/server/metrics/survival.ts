import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { appliedFilters, FilterError, type Dimension, type Hours, type KpiQuery } from '../../filters';
import { metricParams, reportHours } from './kpis';
import { cachedResult } from './result-cache';

/** Checkpoints (hours) a curve is read at when the query names none: an hour to two weeks. */
export const DEFAULT_SURVIVAL_POINTS = [1, 4, 8, 24, 48, 72, 168, 336];

/** The columns of a survival CSV grouped by `by` (the API's and the CLI's). */
export function survivalCsvColumns(by: readonly string[]): string[] {
	return ['period', 'period_start', ...by, 'within_hours', 'tickets', 'still_open', 'resolved_share'];
}

export interface SurvivalQuery extends KpiQuery {
	/** Hours after creation at which the resolved share is read off the curve. */
	points: number[];
}

export interface SurvivalRow {
	period: string;
	period_start: string;
	within_hours: number;
	/** Tickets in the cohort, and how many of them were still open at as_of (censored). */
	tickets: number;
	still_open: number;
	/** Kaplan-Meier share of the cohort resolved within `within_hours`. */
	resolved_share: number;
	[dimension: string]: string | number | null;
}

export interface SurvivalResult {
	meta: {
		grain: KpiQuery['grain'];
		hours: Hours;
		tz: string;
		as_of: string;
		from: string | null;
		to: string | null;
		by: Dimension[];
		filters: Record<string, string[]>;
		points: number[];
	};
	rows: SurvivalRow[];
}

/** Parses `points=1,4,24` (hours, positive, at most 50 of them); throws FilterError naming it. */
export function parseSurvivalPoints(text: string | null | undefined): number[] {
	if (text === null || text === undefined || text.trim() === '') return DEFAULT_SURVIVAL_POINTS;
	const points = text.split(',').map((p) => Number(p.trim()));
	if (points.some((p) => !Number.isFinite(p) || p <= 0) || points.length > 50) {
		throw new FilterError('points', `points must be up to 50 positive numbers of hours, comma-separated, got "${text}"`);
	}
	return [...new Set(points)].sort((a, b) => a - b);
}

/**
 * Resolution survival curves: per created-period cohort (and group), the Kaplan-Meier share
 * resolved within each checkpoint, open tickets censored at as_of.
 */
export function computeSurvival(db: Database, q: SurvivalQuery): Promise<SurvivalResult> {
	return cachedResult(db, 'survival', q, () => computeSurvivalUncached(db, q));
}

async function computeSurvivalUncached(db: Database, q: SurvivalQuery): Promise<SurvivalResult> {
	const hours = await reportHours(db, q);
	const params = { ...metricParams(q, hours), points: q.points.join(',') };
	const raw = await db.query(sqlText('reports/survival'), params);
	const rows = raw.map((r) => {
		const row: SurvivalRow = {
			period: String(r.period),
			period_start: String(r.period_start),
			within_hours: Number(r.within_hours),
			tickets: Number(r.tickets),
			still_open: Number(r.still_open),
			resolved_share: Number(r.resolved_share)
		};
		q.by.forEach((dim, i) => (row[dim] = (r[`dim${i + 1}`] as string | null) ?? null));
		return row;
	});
	const filters = appliedFilters(q.where);
	return {
		meta: { grain: q.grain, hours, tz: q.tz, as_of: q.asOf, from: q.from, to: q.to, by: q.by, filters, points: q.points },
		rows
	};
}
