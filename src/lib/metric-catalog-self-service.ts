import type { MetricDrill, MetricEntry } from './metric-catalog';

/** A session drill-through over `sample`. */
const sessions = (sample: string, numerator = false): MetricDrill => ({ items: 'sessions', sample, ...(numerator ? { numerator } : {}) });

/** Every search is in the sample of every search metric; the rates test their numerator. */
const searches = (numerator = false): MetricDrill => ({ items: 'searches', sample: 'all', ...(numerator ? { numerator } : {}) });

/**
 * Self-service and knowledge-base metrics of the catalog (docs/metrics.md), as computed by
 * sql/metrics/self_service.sql and sql/metrics/kb_searches.sql. They can be grouped and
 * filtered by segment, plan, org and source only (sessions and searches carry no ticket).
 */
export const SELF_SERVICE_METRICS: MetricEntry[] = [
	{
		id: 'self_service_sessions',
		label: 'Self-service sessions',
		unit: 'count',
		definition:
			'Help-center visits, KB search sessions, bot conversations and community sessions started in the period (before as_of), of every kind, including those whose deflection is still pending.',
		attribution: 'session start',
		family: 'self_service',
		direction: 'neutral',
		drill: sessions('all')
	},
	{
		id: 'sessions_deflected',
		label: 'Sessions deflected',
		unit: 'count',
		definition:
			'Sessions not handed off to a human, naming no ticket, and with no inbound ticket from the same requester (for an anonymous session, the same org; same source) created from the session start to 24 h after it, both ends included, by as_of. A session whose 24 h window is still open at as_of without a ticket is pending and not counted. A session with neither requester nor org cannot be matched to a ticket and is deflected when not handed off and naming no ticket.',
		attribution: 'session start',
		family: 'self_service',
		direction: 'up',
		drill: sessions('deflected')
	},
	{
		id: 'deflection_rate',
		label: 'Deflection rate',
		unit: 'rate',
		definition:
			'Sessions deflected / (sessions deflected + inbound tickets created), the tickets filtered and grouped like the ticket metrics. Pending sessions are in neither part; tickets of a source with no imported self-service sessions are left out.',
		attribution: 'session start (deflected sessions); created_at (tickets)',
		family: 'self_service',
		direction: 'up',
		drill: sessions('decided', true)
	},
	{
		id: 'bot_containment_rate',
		label: 'Bot containment',
		unit: 'rate',
		definition: 'Bot conversations neither handed off to a human nor escalated to a ticket / bot conversations.',
		attribution: 'session start',
		family: 'self_service',
		direction: 'up',
		drill: sessions('bot', true)
	},
	{
		id: 'article_helpful_rate',
		label: 'Article helpfulness',
		unit: 'rate',
		definition: 'Sessions that voted an article helpful / sessions with a helpful or not-helpful vote.',
		attribution: 'session start',
		family: 'self_service',
		direction: 'up',
		drill: sessions('voted', true)
	},
	{
		id: 'kb_searches',
		label: 'KB searches',
		unit: 'count',
		definition: 'Knowledge-base searches made in the period (before as_of).',
		attribution: 'searched_at',
		family: 'kb_searches',
		direction: 'neutral',
		drill: searches()
	},
	{
		id: 'search_result_rate',
		label: 'Search success',
		unit: 'rate',
		definition:
			'Searches with at least one result / searches. A search exported without a result count is in the denominator but not a success.',
		attribution: 'searched_at',
		family: 'kb_searches',
		direction: 'up',
		drill: searches(true)
	},
	{
		id: 'search_click_rate',
		label: 'Search click-through',
		unit: 'rate',
		definition: 'Searches followed by an article click (with a clicked article) / searches.',
		attribution: 'searched_at',
		family: 'kb_searches',
		direction: 'up',
		drill: searches(true)
	}
];
