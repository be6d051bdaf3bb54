/**
 * The metric registry: every metric this build computes, declared once, with the ids, units
 * and definitions of the metric catalog (docs/metrics.md) and everything the code does with
 * it: the SQL file that computes it, which way is good news, and the items a cell drills to.
 * Families (server/metrics/families.ts), the drill-through (server/metrics/drill-through.ts),
 * the cards' and the review's tones and sentences, and the tickets page all read it here.
 * Adding a metric is one entry here plus its column in the family's SQL file
 * (docs/adding-a-metric.md).
 */
import { COST_METRICS } from './metric-catalog-costs';
import { SELF_SERVICE_METRICS } from './metric-catalog-self-service';

/**
 * count: things counted (0 when there are none); number: an average or level such as FTE or
 * tickets per agent (null when undefined); minutes: a duration; rate: a fraction in [0, 1];
 * money: an amount in the costs' currency.
 */
export type MetricUnit = 'count' | 'number' | 'minutes' | 'rate' | 'money';

/**
 * Which way a metric's change is good news, for the cards' and the review's colours:
 * `up` (more is better), `down` (a rise is bad news: waits, reopens, cost) or `neutral` (a
 * change is news, neither good nor bad: ticket volume).
 */
export type MetricDirection = 'up' | 'down' | 'neutral';

/** The SQL files of sql/metrics/ that compute metrics; server/metrics/families.ts runs them. */
export type MetricFamilyName =
	| 'tickets_by_created'
	| 'tickets_by_solved'
	| 'tickets_by_final_solved'
	| 'csat'
	| 'backlog'
	| 'self_service'
	| 'kb_searches'
	| 'unit_economics';

/** The items a metric's value is computed over, listed by its drill-through. */
export type DrillItems = 'tickets' | 'sessions' | 'searches';

/**
 * The per-ticket values a ticket list shows beside the ones it always shows (FRT, resolution
 * and the SLA judgements): the durations or answers a metric's value is made of.
 */
export type TicketValueColumn = 'ack_minutes' | 'full_resolution_minutes' | 'age_minutes' | 'csat_answer';

export interface MetricDrill {
	items: DrillItems;
	/** Which items the value is computed over (its `__n`): the `$sample` of the report SQL. */
	sample: string;
	/** A rate whose numerator an item can be tested against (`in_numerator`). */
	numerator?: boolean;
	/**
	 * What a list of only the numerator's items (`numerator=true`) or only the others holds,
	 * where plainer than "the tickets the rate counts as a yes / no".
	 */
	numeratorWords?: { yes?: string; no?: string };
	/** Per-item columns behind the value, beyond those every list of its items shows. */
	columns?: TicketValueColumn[];
}

/** What GET /api/v1/metrics and `deskpulse metrics` publish of an entry. */
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

/** A registry entry: the catalog's facts and how the code computes, judges and drills it. */
export interface MetricEntry extends MetricInfo {
	/** The sql/metrics/ file whose row carries this metric's column (and its `__n`). */
	family: MetricFamilyName;
	direction: MetricDirection;
	/** Absent: the value has no item list (costs, FTE). */
	drill?: MetricDrill;
	/**
	 * How the value treats items whose outcome as_of has not decided yet (the SQL's
	 * `<id>__undecided`): `unanswered` tickets are left out of its sample (FRT), tickets
	 * `within target` so far are in it, counted as met (SLA rates). Absent: it has none.
	 */
	undecided?: 'unanswered' | 'within target';
}

/** A ticket drill-through over `sample`. */
function tickets(sample: string, more: Omit<MetricDrill, 'items' | 'sample'> = {}): MetricDrill {
	return { items: 'tickets', sample, ...more };
}

/** Duration metrics come as median, p90 and mean, one id each, alike in all but the statistic. */
function durations(
	stem: string,
	label: string,
	definition: string,
	shared: Pick<MetricEntry, 'attribution' | 'family' | 'drill' | 'undecided'>
): MetricEntry[] {
	const entry = { unit: 'minutes', hoursFlavoured: true, direction: 'down', ...shared } as const;
	return [
		{ id: `${stem}_median_min`, label: `${label}, median`, definition: `Median of ${definition}`, ...entry },
		{ id: `${stem}_p90_min`, label: `${label}, p90`, definition: `90th percentile of ${definition}`, ...entry },
		{ id: `${stem}_mean_min`, label: `${label}, mean`, definition: `Mean of ${definition}`, ...entry }
	];
}

export const TICKET_METRICS: MetricEntry[] = [
	{
		id: 'tickets_created',
		label: 'Tickets created',
		unit: 'count',
		definition: 'Inbound tickets created in the period. Outbound, agent-created tickets are excluded (see tickets_outbound).',
		attribution: 'created_at',
		family: 'tickets_by_created',
		direction: 'neutral',
		drill: tickets('created')
	},
	{
		id: 'tickets_outbound',
		label: 'Outbound tickets',
		unit: 'count',
		definition: 'Agent-created tickets created in the period; excluded from every other ticket metric.',
		attribution: 'created_at',
		family: 'tickets_by_created',
		direction: 'neutral',
		drill: tickets('outbound')
	},
	{
		id: 'awaiting_first_response',
		label: 'Awaiting first response',
		unit: 'count',
		definition: 'Inbound tickets created in the period with no human reply by as_of (they are not in FRT).',
		attribution: 'created_at',
		family: 'tickets_by_created',
		direction: 'down',
		drill: tickets('unanswered')
	},
	{
		id: 'tickets_solved',
		label: 'Tickets solved',
		unit: 'count',
		definition: 'Inbound tickets whose first solve falls in the period.',
		attribution: 'first solved_at',
		family: 'tickets_by_solved',
		direction: 'up',
		drill: tickets('solved')
	},
	{
		id: 'backlog_open',
		label: 'Open backlog',
		unit: 'count',
		definition: 'Inbound tickets not solved or closed at the end of the period (or at as_of for the current period).',
		attribution: 'snapshot at period end',
		family: 'backlog',
		direction: 'down',
		drill: tickets('backlog', { columns: ['age_minutes'] })
	},
	{
		id: 'backlog_age_p90_min',
		label: 'Backlog age, p90',
		unit: 'minutes',
		definition: '90th percentile of (snapshot - created_at) in calendar minutes over the open backlog.',
		attribution: 'snapshot at period end',
		family: 'backlog',
		direction: 'down',
		drill: tickets('backlog', { columns: ['age_minutes'] })
	},
	...durations(
		'frt',
		'First response time',
		'minutes from creation to the first public reply by a human agent, over inbound tickets answered by as_of. Bot and auto-acknowledgement replies do not count; unanswered tickets are excluded and counted in awaiting_first_response.',
		{ attribution: 'created_at', family: 'tickets_by_created', drill: tickets('answered'), undecided: 'unanswered' }
	),
	...durations('ack', 'Time to acknowledge', 'minutes from creation to the first acknowledgement of any kind (human, bot or auto-reply).', {
		attribution: 'created_at',
		family: 'tickets_by_created',
		drill: tickets('acked', { columns: ['ack_minutes'] })
	}),
	...durations(
		'resolution',
		'First resolution time',
		'minutes from creation to the first solve, over tickets solved in the period. Open tickets are not included (see the survival curve).',
		{ attribution: 'first solved_at', family: 'tickets_by_solved', drill: tickets('solved') }
	),
	...durations(
		'full_resolution',
		'Full resolution time',
		'minutes from creation to the final solve (after reopens), over tickets finally solved in the period.',
		{ attribution: 'final solved_at', family: 'tickets_by_final_solved', drill: tickets('final_solved', { columns: ['full_resolution_minutes'] }) }
	),
	...durations(
		'requester_wait',
		'Requester wait time',
		"minutes the ticket spent in new and open states (not pending or on hold), over tickets finally solved in the period. Needs status history: it is the vendor's own figure where the export carries one (Zendesk), and empty otherwise.",
		{ attribution: 'final solved_at', family: 'tickets_by_final_solved', drill: tickets('requester_wait', { columns: ['full_resolution_minutes'] }) }
	),
	{
		id: 'one_touch_rate',
		label: 'One-touch resolution',
		unit: 'rate',
		definition: 'Solved tickets resolved with exactly one public agent reply / solved tickets whose reply count is known.',
		attribution: 'first solved_at',
		family: 'tickets_by_solved',
		direction: 'up',
		drill: tickets('solved', { numerator: true })
	},
	{
		id: 'reopen_rate',
		label: 'Reopen rate',
		unit: 'rate',
		definition: 'Solved tickets reopened at least once / tickets solved.',
		attribution: 'first solved_at',
		family: 'tickets_by_solved',
		direction: 'down',
		drill: tickets('solved', { numerator: true })
	},
	{
		id: 'sla_frt_breach_rate',
		label: 'SLA first-response breaches',
		unit: 'rate',
		definition:
			'Tickets with a first-response target whose FRT (business minutes of the policy schedule) exceeded it, or still unanswered at as_of past it / tickets with a first-response target.',
		attribution: 'created_at',
		family: 'tickets_by_created',
		direction: 'down',
		drill: tickets('frt_target', { numerator: true, numeratorWords: { yes: 'the breached tickets' } }),
		undecided: 'within target'
	},
	{
		id: 'sla_resolution_breach_rate',
		label: 'SLA resolution breaches',
		unit: 'rate',
		definition: 'Tickets with a resolution target whose resolution time exceeded it, or still unsolved at as_of past it / tickets with a resolution target.',
		attribution: 'created_at',
		family: 'tickets_by_created',
		direction: 'down',
		drill: tickets('resolution_target', { numerator: true, numeratorWords: { yes: 'the breached tickets' } }),
		undecided: 'within target'
	},
	{
		id: 'sla_achievement_rate',
		label: 'SLA achievement',
		unit: 'rate',
		definition: '1 - (tickets breaching any target, counted once / tickets with any target).',
		attribution: 'created_at',
		family: 'tickets_by_created',
		direction: 'up',
		drill: tickets('sla_target', { numerator: true, numeratorWords: { no: 'the tickets that missed their SLA' } }),
		undecided: 'within target'
	},
	{
		id: 'rule_10_5_3_rate',
		label: '10-5-3 rule met',
		unit: 'rate',
		definition:
			'Tickets acknowledged within 10 minutes, answered by a human within 5 hours and resolved within 3 business days / tickets whose outcome is known at as_of.',
		attribution: 'created_at',
		family: 'tickets_by_created',
		direction: 'up',
		drill: tickets('ten_five_three', { numerator: true, columns: ['ack_minutes'] })
	},
	{
		id: 'sla_credit_exposure',
		label: 'SLA credit exposure',
		unit: 'money',
		definition: "Sum over SLA breaches of the plan's credit share (premium 5 %, enterprise 10 % per breach) x the org's monthly contract value (ARR / 12). Null without contract values.",
		attribution: 'created_at',
		family: 'tickets_by_created',
		direction: 'down',
		drill: tickets('sla_target')
	},
	{
		id: 'mtta_min',
		label: 'MTTA (P0/P1)',
		unit: 'minutes',
		definition: 'Mean minutes to the first acknowledgement over P0/P1 tickets (incidents).',
		attribution: 'created_at',
		hoursFlavoured: true,
		family: 'tickets_by_created',
		direction: 'down',
		drill: tickets('incident_acked', { columns: ['ack_minutes'] })
	},
	{
		id: 'mttr_min',
		label: 'MTTR (P0/P1)',
		unit: 'minutes',
		definition: 'Mean minutes to the first solve over P0/P1 tickets (incidents) solved by as_of.',
		attribution: 'created_at',
		hoursFlavoured: true,
		family: 'tickets_by_created',
		direction: 'down',
		drill: tickets('incident_solved')
	},
	{
		id: 'csat_rate',
		label: 'CSAT',
		unit: 'rate',
		definition: 'Satisfied ratings / all ratings. Satisfied = 4-5 on a 1-5 scale, "good" on good/bad, 9-10 on 0-10.',
		attribution: 'rating time, else solved_at',
		family: 'csat',
		direction: 'up',
		drill: tickets('rated', { numerator: true, columns: ['csat_answer'] })
	},
	{
		id: 'csat_responses',
		label: 'CSAT responses',
		unit: 'count',
		definition: 'Ratings received in the period.',
		attribution: 'rating time, else solved_at',
		family: 'csat',
		direction: 'up',
		drill: tickets('rated', { columns: ['csat_answer'] })
	},
	{
		id: 'csat_response_rate',
		label: 'CSAT response rate',
		unit: 'rate',
		definition: 'Ratings received in the period / tickets solved in the period.',
		attribution: 'rating time, else solved_at',
		family: 'csat',
		direction: 'up',
		drill: tickets('solved', { columns: ['csat_answer'] })
	},
	{
		id: 'escalation_rate_t2',
		label: 'Escalated to tier 2',
		unit: 'rate',
		definition: 'Inbound tickets that reached tier 2 or 3 / tickets created.',
		attribution: 'created_at',
		family: 'tickets_by_created',
		direction: 'down',
		drill: tickets('created', { numerator: true })
	},
	{
		id: 'escalation_rate_t3',
		label: 'Escalated to tier 3',
		unit: 'rate',
		definition: 'Inbound tickets that reached tier 3 / tickets created.',
		attribution: 'created_at',
		family: 'tickets_by_created',
		direction: 'down',
		drill: tickets('created', { numerator: true })
	}
];

/** Every metric, in the order reports list them. */
export const METRICS: MetricEntry[] = [...TICKET_METRICS, ...SELF_SERVICE_METRICS, ...COST_METRICS];

export const METRIC_IDS = METRICS.map((m) => m.id);

const BY_ID = new Map(METRICS.map((m) => [m.id, m]));

/** Registry entry of a metric id, if this build computes it (read per cell of a result: a map, not a search). */
export function metricInfo(id: string): MetricEntry | undefined {
	return BY_ID.get(id);
}

/** The catalog facts of an entry, as the API and the CLI publish them (not how it is computed). */
export function publishedInfo({ id, label, unit, definition, attribution, hoursFlavoured }: MetricEntry): MetricInfo {
	return { id, label, unit, definition, attribution, ...(hoursFlavoured ? { hoursFlavoured } : {}) };
}
