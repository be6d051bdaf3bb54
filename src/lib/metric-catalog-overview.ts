/**
 * The metric lists of the overview page (`/`): its headline cards and its unit-economics
 * table. The server computes them and the charts draw them, so they live beside the catalog,
 * not in either.
 */

/** The overview's headline metrics, in the order the cards show them. */
export const HEADLINE_METRICS = [
	'tickets_created',
	'deflection_rate',
	'frt_median_min',
	'resolution_median_min',
	'csat_rate',
	'sla_achievement_rate',
	'cost_per_ticket',
	'cost_per_customer',
	'customers_per_agent',
	'self_service_savings'
];

/** Periods of trend behind each headline card. */
export const TREND_PERIODS = 12;

/** What the unit-economics table shows (and its CSV holds), in column order. */
export const UNIT_METRICS = ['support_cost', 'tickets_solved', 'active_customers', 'cost_per_ticket', 'cost_per_customer', 'self_service_savings'];
