import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import type { KpiQuery } from '../../filters';
import { addLocalDays, isoWeekStart, lastCompleteWeek } from '../../periods';
import { metricParams } from './kpis';
import { listDrill, parseDrillQuery } from './drill-through';
import { cachedResult } from './result-cache';

/** The category whose tickets are listed as feature requests. */
export const FEATURE_REQUEST_CATEGORY = 'feature_request';
/** Feature requests listed at most (the total is reported). */
const FEATURE_REQUEST_LIMIT = 100;

export interface TrendsQuery extends KpiQuery {
	/** ISO week label, e.g. 2026-W46. */
	week: string;
}

/** One category or tag in the week against its trailing 8-week level. */
export interface TrendRow {
	kind: 'category' | 'tag';
	value: string;
	/** Inbound tickets created in the week. */
	week_count: number;
	/** Inbound tickets in the 8 weeks before: the baseline's sample. */
	baseline_count: number;
	/** baseline_count / 8 (weeks without tickets count as 0). */
	baseline_weekly: number;
	/** week_count - baseline_weekly. */
	rise: number;
	z_score: number;
	/** week_count / baseline_weekly; null when the baseline is 0. */
	ratio: number | null;
	/** The weekly review's top-mover test (sql/reports/top_movers.sql). */
	significant: boolean;
}

export interface FeatureRequest {
	ticket_id: string;
	subject: string | null;
	created_at: string;
	status: string | null;
	org_name: string | null;
	plan: string | null;
	tags: string[];
}

export interface TrendsResult {
	meta: { week: string; week_start: string; week_end: string; tz: string; as_of: string };
	rows: TrendRow[];
	featureRequests: { total: number; rows: FeatureRequest[] };
}

/** Reads `week` (default: the last complete ISO week before as_of) on top of a KPI query. */
export function parseTrendsQuery(search: URLSearchParams, base: KpiQuery): TrendsQuery {
	const week = search.get('week')?.trim() || lastCompleteWeek(base.asOf, base.tz);
	isoWeekStart(week);
	return { ...base, week };
}

/**
 * Every category and tag of the week's inbound tickets (and of the 8 weeks before) with its
 * count, trailing 8-week mean, rise and ratio, sorted by rise, the significant rises flagged as
 * the weekly review's top movers; and the week's feature requests with their subjects.
 */
export function computeTrends(db: Database, q: TrendsQuery): Promise<TrendsResult> {
	return cachedResult(db, 'trends', q, () => computeTrendsUncached(db, q));
}

async function computeTrendsUncached(db: Database, q: TrendsQuery): Promise<TrendsResult> {
	const weekStart = isoWeekStart(q.week);
	const weekEnd = addLocalDays(weekStart, 7);
	const raw = await db.query(sqlText('reports/category_trends'), {
		...metricParams({ ...q, by: [] }, 'calendar'),
		week_start: weekStart,
		week_end: weekEnd
	});
	const rows: TrendRow[] = raw.map((r) => ({
		kind: r.kind as 'category' | 'tag',
		value: String(r.value),
		week_count: Number(r.week_count),
		baseline_count: Number(r.baseline_count),
		baseline_weekly: Number(r.baseline_weekly),
		rise: Number(r.rise),
		z_score: Number(r.z_score),
		ratio: r.ratio === null ? null : Number(r.ratio),
		significant: Boolean(r.significant)
	}));
	const drillBase = { ...q, by: [], from: weekStart, to: weekEnd, where: { ...q.where, category: [FEATURE_REQUEST_CATEGORY] } };
	const drill = await listDrill(
		db,
		parseDrillQuery('tickets', new URLSearchParams({ metric: 'tickets_created', limit: String(FEATURE_REQUEST_LIMIT) }), drillBase)
	);
	const featureRequests = drill.rows.map((r) => ({
		ticket_id: String(r.ticket_id),
		subject: (r.subject as string | null) ?? null,
		created_at: String(r.created_at),
		status: (r.status as string | null) ?? null,
		org_name: (r.org_name as string | null) ?? null,
		plan: (r.plan as string | null) ?? null,
		tags: (r.tags as string[] | null) ?? []
	}));
	return {
		meta: { week: q.week, week_start: weekStart, week_end: weekEnd, tz: q.tz, as_of: q.asOf },
		rows,
		featureRequests: { total: drill.meta.total, rows: featureRequests }
	};
}
