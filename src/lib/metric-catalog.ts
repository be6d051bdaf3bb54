/**
 * The metrics this build computes, with the ids, units and definitions of the metric
 * catalog (docs/metrics.md). Shared by the pages, the API and the CLI; the SQL that
 * computes each one is chosen on the server (src/lib/server/metrics/families.ts).
 */
import { COST_METRICS } from './metric-catalog-costs';
import { SELF_SERVICE_METRICS } from './metric-catalog-self-service';

/**
 * count: things counted (0 when there are none); number: an average or level such as FTE or
 * tickets per agent (null when undefined); minutes: a duration; rate: a fraction in [0, 1];
 * money: an amount in the costs' currency.
 */
export type MetricUnit = 'count' | 'number' | 'minutes' | 'rate' | 'money';

export interface MetricInfo {
	id: string;
	label: string;
	unit: MetricUnit;
	definition: string;
	/** The event a metric's value belongs to: which period a ticket counts in. */
	attribution: string;
	/** Whether the value is a duration in the asked hours flavour (business or calendar). */
	hoursFlavoured?: boolean;
}

/** Duration metrics come as median, p90 and mean, one id each. */
function durations(stem: string, label: string, definition: string, attribution: string): MetricInfo[] {
	return [
		{ id: `${stem}_median_min`, label: `${label}, median`, unit: 'minutes', definition: `Median of ${definition}`, attribution, hoursFlavoured: true },
		{ id: `${stem}_p90_min`, label: `${label}, p90`, unit: 'minutes', definition: `90th percentile of ${definition}`, attribution, hoursFlavoured: true },
		{ id: `${stem}_mean_min`, label: `${label}, mean`, unit: 'minutes', definition: `Mean of ${definition}`, attribution, hoursFlavoured: true }
	];
}

export const TICKET_METRICS: MetricInfo[] = [
	{
		id: 'tickets_created',
		label: 'Tickets created',
		unit: 'count',
		definition: 'Inbound tickets created in the period. Outbound, agent-created tickets are excluded (see tickets_outbound).',
		attribution: 'created_at'
	},
	{
		id: 'tickets_outbound',
		label: 'Outbound tickets',
		unit: 'count',
		definition: 'Agent-created tickets created in the period; excluded from every other ticket metric.',
		attribution: 'created_at'
	},
	{
		id: 'awaiting_first_response',
		label: 'Awaiting first response',
		unit: 'count',
		definition: 'Inbound tickets created in the period with no human reply by as_of (they are not in FRT).',
		attribution: 'created_at'
	},
	{
		id: 'tickets_solved',
		label: 'Tickets solved',
		unit: 'count',
		definition: 'Inbound tickets whose first solve falls in the period.',
		attribution: 'first solved_at'
	},
	{
		id: 'backlog_open',
		label: 'Open backlog',
		unit: 'count',
		definition: 'Inbound tickets not solved or closed at the end of the period (or at as_of for the current period).',
		attribution: 'snapshot at period end'
	},
	{
		id: 'backlog_age_p90_min',
		label: 'Backlog age, p90',
		unit: 'minutes',
		definition: '90th percentile of (snapshot - created_at) in calendar minutes over the open backlog.',
		attribution: 'snapshot at period end'
	},
	...durations(
		'frt',
		'First response time',
		'minutes from creation to the first public reply by a human agent, over inbound tickets answered by as_of. Bot and auto-acknowledgement replies do not count; unanswered tickets are excluded and counted in awaiting_first_response.',
		'created_at'
	),
	...durations(
		'ack',
		'Time to acknowledge',
		'minutes from creation to the first acknowledgement of any kind (human, bot or auto-reply).',
		'created_at'
	),
	...durations(
		'resolution',
		'First resolution time',
		'minutes from creation to the first solve, over tickets solved in the period. Open tickets are not included (see the survival curve).',
		'first solved_at'
	),
	...durations(
		'full_resolution',
		'Full resolution time',
		'minutes from creation to the final solve (after reopens), over tickets finally solved in the period.',
		'final solved_at'
	),
	...durations(
		'requester_wait',
		'Requester wait time',
		"minutes the ticket spent in new and open states (not pending or on hold), over tickets finally solved in the period. Needs status history: it is the vendor's own figure where the export carries one (Zendesk), and empty otherwise.",
		'final solved_at'
	),
	{
		id: 'one_touch_rate',
		label: 'One-touch resolution',
		unit: 'rate',
		definition: 'Solved tickets resolved with exactly one public agent reply / solved tickets whose reply count is known.',
		attribution: 'first solved_at'
	},
	{
		id: 'reopen_rate',
		label: 'Reopen rate',
		unit: 'rate',
		definition: 'Solved tickets reopened at least once / tickets solved.',
		attribution: 'first solved_at'
	},
	{
		id: 'sla_frt_breach_rate',
		label: 'SLA first-response breaches',
		unit: 'rate',
		definition:
			'Tickets with a first-response target whose FRT (business minutes of the policy schedule) exceeded it, or still unanswered at as_of past it / tickets with a first-response target.',
		attribution: 'created_at'
	},
	{
		id: 'sla_resolution_breach_rate',
		label: 'SLA resolution breaches',
		unit: 'rate',
		definition: 'Tickets with a resolution target whose resolution time exceeded it, or still unsolved at as_of past it / tickets with a resolution target.',
		attribution: 'created_at'
	},
	{
		id: 'sla_achievement_rate',
		label: 'SLA achievement',
		unit: 'rate',
		definition: '1 - (tickets breaching any target, counted once / tickets with any target).',
		attribution: 'created_at'
	},
	{
		id: 'rule_10_5_3_rate',
		label: '10-5-3 rule met',
		unit: 'rate',
		definition:
			'Tickets acknowledged within 10 minutes, answered by a human within 5 hours and resolved within 3 business days / tickets whose outcome is known at as_of.',
		attribution: 'created_at'
	},
	{
		id: 'sla_credit_exposure',
		label: 'SLA credit exposure',
		unit: 'money',
		definition: "Sum over SLA breaches of the plan's credit share (premium 5 %, enterprise 10 % per breach) x the org's monthly contract value (ARR / 12). Null without contract values.",
		attribution: 'created_at'
	},
	{
		id: 'mtta_min',
		label: 'MTTA (P0/P1)',
		unit: 'minutes',
		definition: 'Mean minutes to the first acknowledgement over P0/P1 tickets (incidents).',
		attribution: 'created_at',
		hoursFlavoured: true
	},
	{
		id: 'mttr_min',
		label: 'MTTR (P0/P1)',
		unit: 'minutes',
		definition: 'Mean minutes to the first solve over P0/P1 tickets (incidents) solved by as_of.',
		attribution: 'created_at',
		hoursFlavoured: true
	},
	{
		id: 'csat_rate',
		label: 'CSAT',
		unit: 'rate',
		definition: 'Satisfied ratings / all ratings. Satisfied = 4-5 on a 1-5 scale, "good" on good/bad, 9-10 on 0-10.',
		attribution: 'rating time, else solved_at'
	},
	{
		id: 'csat_responses',
		label: 'CSAT responses',
		unit: 'count',
		definition: 'Ratings received in the period.',
		attribution: 'rating time, else solved_at'
	},
	{
		id: 'csat_response_rate',
		label: 'CSAT response rate',
		unit: 'rate',
		definition: 'Ratings received in the period / tickets solved in the period.',
		attribution: 'rating time, else solved_at'
	},
	{
		id: 'escalation_rate_t2',
		label: 'Escalated to tier 2',
		unit: 'rate',
		definition: 'Inbound tickets that reached tier 2 or 3 / tickets created.',
		attribution: 'created_at'
	},
	{
		id: 'escalation_rate_t3',
		label: 'Escalated to tier 3',
		unit: 'rate',
		definition: 'Inbound tickets that reached tier 3 / tickets created.',
		attribution: 'created_at'
	}
];

/** Every metric, in the order reports list them. */
export const METRICS: MetricInfo[] = [...TICKET_METRICS, ...SELF_SERVICE_METRICS, ...COST_METRICS];

export const METRIC_IDS = METRICS.map((m) => m.id);

/** Catalog entry of a metric id, if this build computes it. */
export function metricInfo(id: string): MetricInfo | undefined {
	return METRICS.find((m) => m.id === id);
}
