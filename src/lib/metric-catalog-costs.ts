import type { MetricEntry } from './metric-catalog';

/** Default per-contact costs (midpoint of the domain's range), quoted in the definitions. */
const CONTACT_CHANNELS: Array<{ channel: string; label: string; contact: string; estimate: string }> = [
	{ channel: 'email', label: 'email', contact: 'inbound tickets created on email', estimate: '10 (range 5-15)' },
	{ channel: 'chat', label: 'chat', contact: 'inbound tickets created on chat', estimate: '10 (range 8-12)' },
	{ channel: 'phone', label: 'phone', contact: 'inbound tickets created on phone', estimate: '22.50 (range 15-30)' },
	{ channel: 'video', label: 'video', contact: 'inbound tickets created on video', estimate: '40 (range 30-50)' },
	{ channel: 'in_app', label: 'in-app', contact: 'inbound tickets created on in_app', estimate: '5.50 (range 3-8)' },
	{ channel: 'kb', label: 'knowledge base', contact: 'kb and search self-service sessions started', estimate: '0.10' },
	{ channel: 'bot', label: 'bot', contact: 'bot conversations started', estimate: '0.75 (range 0.50-1.00)' },
	{ channel: 'community', label: 'community', contact: 'community sessions started', estimate: '0.25' }
];

const PRORATED = 'Cost rows are spread evenly over the days they cover (both ends inclusive) and each report period takes its days.';

/** Cost and unit-economics metrics of the catalog (docs/metrics.md). */
export const COST_METRICS: MetricEntry[] = [
	{
		id: 'support_cost',
		label: 'Support cost',
		unit: 'money',
		definition: `All imported support costs (agents, tools, outsourcing, other) in the period. ${PRORATED} Days not yet begun at as_of are left out. Null for a period without cost data; currencies are not converted.`,
		attribution: 'the days a cost row covers',
		family: 'unit_economics',
		direction: 'neutral'
	},
	{
		id: 'cost_per_ticket',
		label: 'Cost per ticket',
		unit: 'money',
		definition: 'support_cost / tickets_solved (inbound tickets first solved in the period). Null without costs or solved tickets.',
		attribution: 'cost days; first solved_at',
		family: 'unit_economics',
		direction: 'down'
	},
	{
		id: 'active_customers',
		label: 'Active customers',
		unit: 'count',
		definition: 'Distinct orgs with at least one inbound ticket created or one self-service session started in the period.',
		attribution: 'created_at; session start',
		family: 'unit_economics',
		direction: 'up'
	},
	{
		id: 'cost_per_customer',
		label: 'Cost per customer',
		unit: 'money',
		definition: 'support_cost / active_customers.',
		attribution: 'cost days; created_at and session start',
		family: 'unit_economics',
		direction: 'down'
	},
	{
		id: 'tickets_per_customer',
		label: 'Tickets per customer',
		unit: 'number',
		definition: 'Average inbound tickets per active customer: tickets_created / active_customers (tickets without an org count in the numerator only).',
		attribution: 'created_at',
		family: 'unit_economics',
		direction: 'down'
	},
	{
		id: 'agent_fte',
		label: 'Agent FTE',
		unit: 'number',
		definition:
			'Average agent headcount (full-time equivalents) of the agents cost rows: a level, averaged over the days of the period that have one (a month of 10 FTE gives 10 in each of its weeks).',
		attribution: 'the days a cost row covers',
		family: 'unit_economics',
		direction: 'neutral'
	},
	{
		id: 'customers_per_agent',
		label: 'Customers per agent',
		unit: 'number',
		definition: 'Average active customers per agent FTE: active_customers / agent_fte (guide: 400-600).',
		attribution: 'created_at and session start; cost days',
		family: 'unit_economics',
		direction: 'up'
	},
	{
		id: 'tickets_per_agent',
		label: 'Tickets per agent',
		unit: 'number',
		definition: 'Average tickets solved per agent FTE: tickets_solved / agent_fte.',
		attribution: 'first solved_at; cost days',
		family: 'unit_economics',
		direction: 'up'
	},
	{
		id: 'self_service_savings',
		label: 'Self-service savings',
		unit: 'money',
		definition:
			"Deflected self-service sessions x (cost_per_ticket - the cost per contact of the session's kind: kb, bot or community; a search counts as kb). Estimated when a per-contact cost is the domain default. Null without cost_per_ticket or without sessions.",
		attribution: 'session start',
		family: 'unit_economics',
		direction: 'up'
	},
	...CONTACT_CHANNELS.map(
		({ channel, label, contact, estimate }): MetricEntry => ({
			id: `cost_per_contact_${channel}`,
			label: `Cost per ${label} contact`,
			unit: 'money',
			definition: `Costs imported for the ${label} channel / ${contact} in the period. Without a ${label} cost in the period, the domain default of ${estimate} per contact, labelled estimated.`,
			attribution: 'cost days; created_at or session start',
			family: 'unit_economics',
			direction: 'down'
		})
	)
];
