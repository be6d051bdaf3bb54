import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import { parseKpiQuery } from '../../filters';
import { csvHeader, csvRows, toCsv } from '../../csv';
import { stream } from 'hono/streaming';
import { computeSurvival, parseSurvivalPoints, survivalCsvColumns } from '../metrics/survival';
import { exportDrill, listDrill, parseDrillQuery, type DrillKind } from '../metrics/drill-through';
import { computeFlags, FLAG_CSV_COLUMNS, parseFlagsQuery } from '../metrics/flags';
import { computeForecast, FORECAST_CSV_COLUMNS, parseForecastQuery } from '../metrics/forecast';
import { ANOMALY_CSV_COLUMNS, computeAnomalies, parseAnomaliesQuery } from '../metrics/anomalies';
import { computeWeeklyReview, parseReviewQuery } from '../metrics/weekly-review';
import { renderReviewHtml, renderReviewMarkdown } from '../../review/render';
import { computeReconcile, parseReconcileQuery, RECONCILE_TICKET_COLUMNS } from '../metrics/reconcile';
import { drillCsvColumns, drillCsvRows } from '../metrics/drill-through';
import { computeKbGaps, KB_GAPS_COLUMNS, kbGapsCsvRows, parseKbGapsQuery } from '../metrics/kb-gaps';
import { computeKbQuery, KB_QUERY_COLUMNS, kbQueryListRows, parseKbQueryList, parseKbQueryQuery } from '../metrics/kb-query';
import { computeCustomerAge, CUSTOMER_AGE_COLUMNS, parseCustomerAgeQuery } from '../metrics/customer-age';
import type { ApiDeps } from './index';
import type { ApiEnv } from './access';
import { recordAudit } from '../auth/audit';

/**
 * A ticket-level CSV left the building: the audit log says who took which list with which
 * filters (the query string, never the rows).
 */
async function auditExport(c: Context<ApiEnv>, db: Awaited<ReturnType<ApiDeps['db']>>, list: string): Promise<void> {
	const url = new URL(c.req.url);
	await recordAudit(db, { actor: c.get('principal') ?? null, action: 'export', subject: list, detail: { query: url.search.slice(0, 500) }, ip: c.env?.ip ?? null });
}

/** `format=json` (default) or `format=csv`; anything else is a 400 that names it. */
function formatOf(c: Context<ApiEnv>): 'json' | 'csv' {
	const format = c.req.query('format') ?? 'json';
	if (format !== 'json' && format !== 'csv') throw new HTTPException(400, { message: `format must be json or csv, got "${format}"` });
	return format;
}

function csvResponse(c: Context<ApiEnv>, name: string, columns: string[], rows: ReadonlyArray<object>) {
	return c.body(toCsv(columns, rows), 200, {
		'content-type': 'text/csv; charset=utf-8',
		'content-disposition': `attachment; filename="deskpulse-${name}.csv"`
	});
}

/**
 * GET /v1/survival (Kaplan-Meier curves), /v1/customer-age (tickets per org by months
 * since signup), /v1/tickets, /v1/sessions and /v1/searches (drill-through), /v1/flags
 * (weekly review), /v1/forecast (ticket arrivals ahead), /v1/anomalies (unusual volume), /v1/kb-gaps (articles to write next) and /v1/kb-gaps/query (one query
 * group: its variants, searches and the tickets that followed; `list=...&format=csv` for one
 * whole list).
 */
export function reportsApi(deps: ApiDeps) {
	return new Hono<ApiEnv>()
		.get('/survival', async (c) => {
			const search = new URL(c.req.url).searchParams;
			const format = formatOf(c);
			const q = { ...parseKpiQuery(search), points: parseSurvivalPoints(search.get('points')) };
			const result = await computeSurvival(await deps.db(), q);
			if (format === 'json') return c.json(result);
			return csvResponse(c, 'survival', survivalCsvColumns(q.by), result.rows);
		})
		.get('/customer-age', async (c) => {
			const search = new URL(c.req.url).searchParams;
			const format = formatOf(c);
			const q = parseCustomerAgeQuery(search, parseKpiQuery(search));
			const rows = await computeCustomerAge(await deps.db(), q);
			if (format === 'json') return c.json({ meta: { as_of: q.asOf, tz: q.tz, from_month: q.fromMonth.slice(0, 7), max_age: q.maxAge }, rows });
			return csvResponse(c, 'tickets-by-customer-age', CUSTOMER_AGE_COLUMNS, rows);
		})
		.get('/:kind{tickets|sessions|searches}', async (c) => {
			const kind = c.req.param('kind') as DrillKind;
			const search = new URL(c.req.url).searchParams;
			const format = formatOf(c);
			const db = await deps.db();
			const q = parseDrillQuery(kind, search, parseKpiQuery(search));
			if (format === 'json') return c.json(await listDrill(db, q));
			// The CSV is every item the query names, not the page on screen: streamed as read.
			await auditExport(c, db, kind);
			const pages = exportDrill(db, q);
			const first = await pages.next();
			const columns = drillCsvColumns(first.done ? [] : first.value);
			c.header('content-type', 'text/csv; charset=utf-8');
			c.header('content-disposition', `attachment; filename="deskpulse-${kind}.csv"`);
			return stream(c, async (out) => {
				await out.write(csvHeader(columns));
				if (first.done) return;
				await out.write(csvRows(columns, drillCsvRows(first.value)));
				for await (const rows of pages) await out.write(csvRows(columns, drillCsvRows(rows)));
			});
		})
		.get('/flags', async (c) => {
			const search = new URL(c.req.url).searchParams;
			const format = formatOf(c);
			const result = await computeFlags(await deps.db(), parseFlagsQuery(search, parseKpiQuery(search)));
			if (format === 'json') return c.json(result);
			return csvResponse(c, `flags-${result.meta.week}`, FLAG_CSV_COLUMNS, result.rows);
		})
		.get('/forecast', async (c) => {
			const search = new URL(c.req.url).searchParams;
			const format = formatOf(c);
			const result = await computeForecast(await deps.db(), parseForecastQuery(search, parseKpiQuery(search)));
			if (format === 'json') return c.json(result);
			return csvResponse(c, `forecast-${result.meta.series}`, FORECAST_CSV_COLUMNS, result.rows);
		})
		.get('/anomalies', async (c) => {
			const search = new URL(c.req.url).searchParams;
			const format = formatOf(c);
			const result = await computeAnomalies(await deps.db(), parseAnomaliesQuery(search, parseKpiQuery(search)));
			if (format === 'json') return c.json(result);
			return csvResponse(c, `anomalies-${result.meta.week ?? result.meta.from}`, ANOMALY_CSV_COLUMNS, result.rows);
		})
		.get('/review', async (c) => {
			const search = new URL(c.req.url).searchParams;
			const format = c.req.query('format') ?? 'json';
			if (!['json', 'md', 'html'].includes(format)) throw new HTTPException(400, { message: `format must be json, md or html, got "${format}"` });
			const review = await computeWeeklyReview(await deps.db(), parseReviewQuery(search, parseKpiQuery(search)));
			if (format === 'json') return c.json(review);
			if (format === 'md') return c.body(renderReviewMarkdown(review), 200, { 'content-type': 'text/markdown; charset=utf-8' });
			return c.html(renderReviewHtml(review));
		})
		.get('/reconcile', async (c) => {
			const search = new URL(c.req.url).searchParams;
			const format = formatOf(c);
			const db = await deps.db();
			const result = await computeReconcile(db, parseReconcileQuery(search));
			if (format === 'json') return c.json(result);
			await auditExport(c, db, 'reconcile');
			return csvResponse(c, 'reconcile', RECONCILE_TICKET_COLUMNS, result.disagreeing);
		})
		.get('/kb-gaps', async (c) => {
			const search = new URL(c.req.url).searchParams;
			const format = formatOf(c);
			const q = parseKbGapsQuery(search, parseKpiQuery(search));
			const result = await computeKbGaps(await deps.db(), q);
			if (format === 'json') return c.json(result);
			return csvResponse(c, `kb-gaps-${q.per}`, KB_GAPS_COLUMNS(q.per), kbGapsCsvRows(result.rows));
		})
		.get('/kb-gaps/query', async (c) => {
			const search = new URL(c.req.url).searchParams;
			const format = formatOf(c);
			const q = parseKbQueryQuery(search, parseKpiQuery(search));
			const db = await deps.db();
			if (format === 'json') return c.json(await computeKbQuery(db, q));
			// The CSV is the whole list, not the page on screen.
			const list = parseKbQueryList(c.req.query('list') ?? null);
			await auditExport(c, db, `kb-query-${list}`);
			return csvResponse(c, `kb-query-${list}`, KB_QUERY_COLUMNS[list], await kbQueryListRows(db, q, list));
		});
}
