import type { Database } from '../db/database';
import { pageQuery } from '../page-query';
import { computeKpis } from '../metrics/kpis';
import { computeKbGaps, parseKbGapsQuery } from '../metrics/kb-gaps';
import { dimensionValues } from '../metrics/dimension-values';
import { parseKpiQuery, type Dimension } from '../../filters';
import { latestCompleteStart, periodEnd } from '../../periods';

const SELF_SERVICE_METRICS = [
	'self_service_sessions',
	'sessions_deflected',
	'deflection_rate',
	'bot_containment_rate',
	'article_helpful_rate',
	'kb_searches',
	'search_result_rate',
	'search_click_rate'
];
/** The filter-bar dimensions sessions and searches carry: the only ones the page applies. */
const SUPPORTED: Dimension[] = ['segment', 'plan'];

/** The self-service page (deflection, search trends, KB gaps) for its URL's query. */
export async function selfServiceView(db: Database, search: URLSearchParams) {
	const asked = pageQuery(() => parseKpiQuery(search));
	const where: typeof asked.where = {};
	const ignored: string[] = [];
	for (const [dim, values] of Object.entries(asked.where) as Array<[Dimension, string[]]>) {
		if (SUPPORTED.includes(dim)) where[dim] = values;
		else ignored.push(dim);
	}
	const query = { ...asked, by: [], where, metrics: SELF_SERVICE_METRICS };
	const gapsQuery = pageQuery(() => parseKbGapsQuery(search, query));
	const [{ sessions, searches }] = await db.query<{ sessions: number; searches: number }>(
		'select (select count(*) from fct_self_service)::integer as sessions, (select count(*) from fct_kb_searches)::integer as searches'
	);
	const trend = await computeKpis(db, query);
	// One window per page: without a range of its own, the KB-gap table answers the period the
	// cards show, the latest complete one, not the days just before as_of.
	const period = latestCompleteStart(
		trend.rows.map((r) => String(r.period_start)),
		query.grain,
		query.asOf,
		query.tz,
		query.to
	);
	const gapsWindow = gapsQuery.from === null && gapsQuery.to === null && period ? { from: period, to: periodEnd(period, query.grain) } : {};
	const gaps = await computeKbGaps(db, { ...gapsQuery, ...gapsWindow });
	const options = await dimensionValues(db, query.asOf);
	return {
		query,
		ignored,
		imported: { sessions: Number(sessions), searches: Number(searches) },
		trend,
		period,
		gaps,
		options: { segment: options.segment, plan: options.plan }
	};
}
