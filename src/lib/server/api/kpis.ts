import { Hono } from 'hono';
import { METRICS, publishedInfo } from '../../metric-catalog';
import { parseKpiQuery } from '../../filters';
import { computeKpis } from '../metrics/kpis';
import { kpiCsv } from '../metrics/kpi-csv';
import { HTTPException } from 'hono/http-exception';
import type { ApiDeps } from './index';

/** GET /v1/kpis and GET /v1/metrics. */
export function kpisApi(deps: ApiDeps) {
	return new Hono()
		.get('/metrics', (c) => c.json({ metrics: METRICS.map(publishedInfo) }))
		.get('/kpis', async (c) => {
			const search = new URL(c.req.url).searchParams;
			const format = search.get('format') ?? 'json';
			if (format !== 'json' && format !== 'csv') throw new HTTPException(400, { message: `format must be json or csv, got "${format}"` });
			const query = parseKpiQuery(search);
			const result = await computeKpis(await deps.db(), query);
			if (format === 'json') return c.json(result);
			// The same rows as the JSON, for spreadsheets: one column per metric id.
			return c.body(kpiCsv(result, query), 200, {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="deskpulse-kpis-${query.grain}.csv"`
			});
		});
}
