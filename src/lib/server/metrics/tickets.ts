import { addDays, addMonths, addQuarters, addWeeks, format, parseISO } from 'date-fns';
import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { DIMENSIONS, FilterError, GRAINS, type Grain, type Hours, type KpiQuery } from '../../filters';
import { metricInfo } from '../../metric-catalog';
import { defaultHours, metricParams } from './kpis';

/**
 * Which tickets a metric's value is computed over (the sample its `__n` counts), as the
 * sql/reports/tickets.sql codes. A metric not listed here is not a ticket metric.
 */
const SAMPLE_OF: Record<string, string> = {
	tickets_created: 'created',
	tickets_outbound: 'outbound',
	awaiting_first_response: 'unanswered',
	frt_median_min: 'answered',
	frt_p90_min: 'answered',
	frt_mean_min: 'answered',
	ack_median_min: 'acked',
	ack_p90_min: 'acked',
	ack_mean_min: 'acked',
	escalation_rate_t2: 'created',
	escalation_rate_t3: 'created',
	sla_frt_breach_rate: 'frt_target',
	sla_resolution_breach_rate: 'resolution_target',
	sla_achievement_rate: 'sla_target',
	sla_credit_exposure: 'sla_target',
	rule_10_5_3_rate: 'ten_five_three',
	mtta_min: 'incident_acked',
	mttr_min: 'incident_solved',
	tickets_solved: 'solved',
	resolution_median_min: 'solved',
	resolution_p90_min: 'solved',
	resolution_mean_min: 'solved',
	one_touch_rate: 'solved',
	reopen_rate: 'solved',
	full_resolution_median_min: 'final_solved',
	full_resolution_p90_min: 'final_solved',
	full_resolution_mean_min: 'final_solved',
	csat_rate: 'rated',
	csat_responses: 'rated',
	csat_response_rate: 'solved',
	backlog_open: 'backlog',
	backlog_age_p90_min: 'backlog'
};

/** Rates whose numerator a ticket can be tested against (`in_numerator`). */
const NUMERATOR_METRICS = new Set([
	'sla_frt_breach_rate',
	'sla_resolution_breach_rate',
	'sla_achievement_rate',
	'rule_10_5_3_rate',
	'escalation_rate_t2',
	'escalation_rate_t3',
	'reopen_rate',
	'one_touch_rate',
	'csat_rate'
]);

export const TICKET_SORTS = ['created_at', 'solved_at', 'frt_minutes', 'ack_minutes', 'resolution_minutes', 'age_minutes', 'ticket_id', 'priority'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

/** The metrics a drill-through can list tickets for. */
export const DRILLABLE_METRICS = Object.keys(SAMPLE_OF);

export interface TicketListQuery extends KpiQuery {
	/** The metric whose cell is drilled into (null: every inbound ticket created in range). */
	metric: string | null;
	/** true: only the rate's numerator (breached, satisfied, ...); false: only the rest. */
	onlyNumerator: boolean | null;
	sort: TicketSort;
	descending: boolean;
	limit: number;
	offset: number;
}

export interface TicketListResult {
	meta: {
		metric: string | null;
		hours: Hours;
		tz: string;
		as_of: string;
		from: string | null;
		to: string | null;
		filters: Record<string, string[]>;
		sort: TicketSort;
		order: 'asc' | 'desc';
		limit: number;
		offset: number;
		/** Tickets in the cell (all pages). */
		total: number;
	};
	rows: Array<Record<string, string | number | boolean | string[] | null>>;
}

const STEP: Record<Grain, (d: Date) => Date> = {
	day: (d) => addDays(d, 1),
	week: (d) => addWeeks(d, 1),
	month: (d) => addMonths(d, 1),
	quarter: (d) => addQuarters(d, 1)
};

/** The [from, to) local dates of the period starting on `periodStart` at `grain`. */
export function periodRange(periodStart: string, grain: Grain): { from: string; to: string } {
	const start = parseISO(periodStart);
	return { from: periodStart, to: format(STEP[grain](start), 'yyyy-MM-dd') };
}

type Input = URLSearchParams;

/**
 * Reads the drill-through options on top of a parsed KPI query: `metric`, `period_start`
 * (with `grain`, instead of from/to), `numerator=true|false`, `sort`, `order`, `limit`, `offset`.
 */
export function parseTicketListQuery(search: Input, base: KpiQuery): TicketListQuery {
	const metric = search.get('metric')?.trim() || null;
	if (metric !== null && !(metric in SAMPLE_OF)) {
		const known = metricInfo(metric) ? ' (it is not computed from tickets)' : '';
		throw new FilterError('metric', `metric: no ticket list for "${metric}"${known}; drillable: ${DRILLABLE_METRICS.join(', ')}`);
	}
	let { from, to } = base;
	const periodStart = search.get('period_start')?.trim();
	if (periodStart) {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(periodStart) || Number.isNaN(parseISO(periodStart).getTime())) {
			throw new FilterError('period_start', `period_start must be a date YYYY-MM-DD, got "${periodStart}"`);
		}
		if (!(GRAINS as readonly string[]).includes(base.grain)) throw new FilterError('grain', 'grain is needed with period_start');
		({ from, to } = periodRange(periodStart, base.grain));
	}
	const numeratorText = search.get('numerator');
	let onlyNumerator: boolean | null = null;
	if (numeratorText === 'true' || numeratorText === 'false') {
		if (!metric || !NUMERATOR_METRICS.has(metric)) {
			throw new FilterError('numerator', `numerator applies to the rates ${[...NUMERATOR_METRICS].join(', ')}`);
		}
		onlyNumerator = numeratorText === 'true';
	} else if (numeratorText) {
		throw new FilterError('numerator', `numerator must be true or false, got "${numeratorText}"`);
	}
	const sort = (search.get('sort') ?? 'created_at') as TicketSort;
	if (!TICKET_SORTS.includes(sort)) throw new FilterError('sort', `sort must be one of ${TICKET_SORTS.join(', ')}, got "${sort}"`);
	const order = search.get('order') ?? 'desc';
	if (order !== 'asc' && order !== 'desc') throw new FilterError('order', `order must be asc or desc, got "${order}"`);
	const limit = Number(search.get('limit') ?? 50);
	if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new FilterError('limit', `limit must be a whole number from 1 to 1000, got "${search.get('limit')}"`);
	const offset = Number(search.get('offset') ?? 0);
	if (!Number.isInteger(offset) || offset < 0) throw new FilterError('offset', `offset must be a whole number >= 0, got "${search.get('offset')}"`);
	return { ...base, from, to, metric, onlyNumerator, sort, descending: order === 'desc', limit, offset };
}

/** The tickets behind one metric cell, a page at a time, with their per-ticket values. */
export async function listTickets(db: Database, q: TicketListQuery): Promise<TicketListResult> {
	const hours = q.hours ?? (await defaultHours(db));
	const params = {
		...metricParams({ ...q, by: [] }, hours),
		sample: q.metric ? SAMPLE_OF[q.metric] : 'created',
		numerator: q.metric && NUMERATOR_METRICS.has(q.metric) ? q.metric : null,
		only_numerator: q.onlyNumerator,
		sort: q.sort,
		descending: q.descending,
		limit: q.limit,
		offset: q.offset
	};
	const raw = await db.query(sqlText('reports/tickets'), params);
	let total = raw.length ? Number(raw[0].total_count) : 0;
	if (raw.length === 0 && q.offset > 0) {
		// A page past the end has no row to carry the total: ask for the first one.
		const first = await db.query(sqlText('reports/tickets'), { ...params, limit: 1, offset: 0 });
		total = first.length ? Number(first[0].total_count) : 0;
	}
	const rows = raw.map(({ total_count: _total, ...ticket }) => ticket as TicketListResult['rows'][number]);
	const filters: Record<string, string[]> = {};
	for (const dim of DIMENSIONS) if (q.where[dim]?.length) filters[dim] = q.where[dim]!;
	return {
		meta: {
			metric: q.metric,
			hours,
			tz: q.tz,
			as_of: q.asOf,
			from: q.from,
			to: q.to,
			filters,
			sort: q.sort,
			order: q.descending ? 'desc' : 'asc',
			limit: q.limit,
			offset: q.offset,
			total
		},
		rows
	};
}
