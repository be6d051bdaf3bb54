import { formatMetric } from './format';

/**
 * The words that go with a self-service savings figure, so a reader sees the assumption it
 * rests on (docs/metrics.md, "Self-service savings"). `basis` is the KPI sample's
 * `basis.self_service_savings`: the avoided-ticket rate and trailing cost per ticket used.
 */
export interface SavingsBasis {
	avoided_ticket_rate?: number;
	trailing_cost_per_ticket?: number;
}

/** Where the avoided-ticket rate came from: the reader's setting, or the data. */
export type RateSource = 'observed' | 'set';

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * "Assumes 31 % of the 2,140 deflected sessions would have become tickets (the share of
 * sessions followed by a ticket over the trailing 12 weeks), each at the trailing 12-week
 * cost per ticket ($96), less the session's own cost." Null without a basis.
 */
export function savingsAssumption(basis: SavingsBasis | undefined, sessions: number | undefined, source: RateSource, currency: string | null): string | null {
	if (basis?.avoided_ticket_rate === undefined || basis.trailing_cost_per_ticket === undefined) return null;
	const rate = formatMetric(basis.avoided_ticket_rate, 'rate');
	const why = source === 'set' ? 'the rate set for this view' : 'the share of sessions followed by a ticket over the trailing 12 weeks';
	const who = sessions === undefined ? 'deflected sessions' : `the ${count.format(sessions)} deflected session${sessions === 1 ? '' : 's'}`;
	return (
		`Assumes ${rate} of ${who} would have become tickets (${why}), each at the trailing 12-week cost per ticket ` +
		`(${formatMetric(basis.trailing_cost_per_ticket, 'money', currency)}), less the session's own cost per contact.`
	);
}

/**
 * Why savings can exceed what support cost in the same period, when they do: the tickets
 * they count as avoided outnumber the tickets solved. Null when they do not exceed it.
 */
export function savingsAboveCost(
	savings: number | null,
	supportCost: number | null,
	basis: SavingsBasis | undefined,
	sessions: number | undefined,
	ticketsSolved: number | null,
	currency: string | null
): string | null {
	if (savings === null || supportCost === null || savings <= supportCost) return null;
	const avoided = basis?.avoided_ticket_rate !== undefined && sessions !== undefined ? sessions * basis.avoided_ticket_rate : null;
	const because =
		avoided !== null && ticketsSolved !== null
			? `about ${count.format(avoided)} tickets counted as avoided against ${count.format(ticketsSolved)} solved, each valued at the trailing cost per ticket`
			: 'more tickets counted as avoided than solved';
	return `Above this period's support cost (${formatMetric(supportCost, 'money', currency)}): ${because}.`;
}
