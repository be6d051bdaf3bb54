/**
 * The metrics this build computes, with the ids, units and definitions of the metric
 * catalog (docs/metrics.md). Shared by the pages, the API and the CLI; the SQL that
 * computes each one is chosen on the server.
 */
export type MetricUnit = 'count' | 'minutes' | 'rate' | 'money';

export interface MetricInfo {
	id: string;
	label: string;
	unit: MetricUnit;
	definition: string;
}

export const METRICS: MetricInfo[] = [
	{
		id: 'tickets_created',
		label: 'Tickets created',
		unit: 'count',
		definition:
			'Inbound tickets created in the period (by created_at). Outbound, agent-created tickets are excluded.'
	},
	{
		id: 'frt_median_min',
		label: 'First response time, median',
		unit: 'minutes',
		definition:
			'Median minutes from creation to the first public reply by a human agent, over inbound tickets created in the period that have one. Bot and auto-acknowledgement replies do not count; unanswered tickets are excluded.'
	}
];

export const METRIC_IDS = METRICS.map((m) => m.id);

/** Catalog entry of a metric id, if this build computes it. */
export function metricInfo(id: string): MetricInfo | undefined {
	return METRICS.find((m) => m.id === id);
}
