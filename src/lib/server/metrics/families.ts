import { DIMENSIONS, type Dimension } from '../../filters';

/**
 * Which SQL file of sql/metrics/ computes which metric ids. Each file returns rows keyed by
 * (period, period_start, dim1, dim2), a column per metric id, a `<id>__n` column with the
 * sample a value was computed over, and, for a value that rests on the domain's default
 * costs instead of imported ones, a true `<id>__estimated` column. A unit test holds this
 * list to the files' headers.
 */
export interface MetricFamily {
	/** Key of the SQL file under sql/. */
	sql: string;
	metrics: string[];
	/**
	 * The dimensions its facts carry. Grouping or filtering by another one leaves its metrics
	 * null (with the reason in the result), never silently unfiltered.
	 */
	dimensions: readonly Dimension[];
}

/**
 * Channels with a per-contact cost: the domain's channel table (docs/metrics.md). kb, bot and
 * community contacts are self-service sessions of that kind; the others are tickets.
 */
export const CONTACT_CHANNELS = ['email', 'chat', 'phone', 'video', 'in_app', 'kb', 'bot', 'community'] as const;

/** Self-service sessions and searches belong to an org (so a segment and plan), not a ticket. */
const ACCOUNT_DIMENSIONS: readonly Dimension[] = ['segment', 'plan', 'org', 'source'];

/** Every family, in the order they run. */
export const FAMILIES: MetricFamily[] = [
	{
		sql: 'metrics/tickets_by_created',
		metrics: [
			'tickets_created',
			'tickets_outbound',
			'awaiting_first_response',
			'frt_median_min',
			'frt_p90_min',
			'frt_mean_min',
			'ack_median_min',
			'ack_p90_min',
			'ack_mean_min',
			'escalation_rate_t2',
			'escalation_rate_t3',
			'sla_frt_breach_rate',
			'sla_resolution_breach_rate',
			'sla_achievement_rate',
			'rule_10_5_3_rate',
			'sla_credit_exposure',
			'mtta_min',
			'mttr_min'
		],
		dimensions: DIMENSIONS
	},
	{
		sql: 'metrics/tickets_by_solved',
		metrics: ['tickets_solved', 'resolution_median_min', 'resolution_p90_min', 'resolution_mean_min', 'one_touch_rate', 'reopen_rate'],
		dimensions: DIMENSIONS
	},
	{
		sql: 'metrics/tickets_by_final_solved',
		metrics: [
			'full_resolution_median_min',
			'full_resolution_p90_min',
			'full_resolution_mean_min',
			'requester_wait_median_min',
			'requester_wait_p90_min',
			'requester_wait_mean_min'
		],
		dimensions: DIMENSIONS
	},
	{ sql: 'metrics/csat', metrics: ['csat_rate', 'csat_responses', 'csat_response_rate'], dimensions: DIMENSIONS },
	{ sql: 'metrics/backlog', metrics: ['backlog_open', 'backlog_age_p90_min'], dimensions: DIMENSIONS },
	{
		sql: 'metrics/self_service',
		metrics: ['self_service_sessions', 'sessions_deflected', 'deflection_rate', 'bot_containment_rate', 'article_helpful_rate'],
		dimensions: ACCOUNT_DIMENSIONS
	},
	{
		sql: 'metrics/kb_searches',
		metrics: ['kb_searches', 'search_result_rate', 'search_click_rate'],
		dimensions: ACCOUNT_DIMENSIONS
	},
	{
		sql: 'metrics/unit_economics',
		metrics: [
			'support_cost',
			'cost_per_ticket',
			'active_customers',
			'cost_per_customer',
			'tickets_per_customer',
			'agent_fte',
			'customers_per_agent',
			'tickets_per_agent',
			'self_service_savings',
			...CONTACT_CHANNELS.map((c) => `cost_per_contact_${c}`)
		],
		dimensions: ['source']
	}
];

/** The dimensions of a query (grouped or filtered) that a family's facts do not carry. */
export function unsupportedDimensions(family: MetricFamily, used: Dimension[]): Dimension[] {
	return used.filter((d) => !family.dimensions.includes(d));
}

