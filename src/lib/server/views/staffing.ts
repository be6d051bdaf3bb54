import type { Database } from '../db/database';
import { pageQuery } from '../page-query';
import { dimensionValues } from '../metrics/dimension-values';
import { computeForecast, parseForecastQuery } from '../metrics/forecast';
import { parseKpiQuery } from '../../filters';

/** The staffing page (the ticket forecast by channel and the agents it needs) for its URL's query. */
export async function staffingView(db: Database, search: URLSearchParams) {
	const query = pageQuery(() => parseForecastQuery(search, parseKpiQuery(search)));
	const [forecast, options] = await Promise.all([computeForecast(db, query), dimensionValues(db, query.asOf)]);
	return { query, forecast, options };
}
