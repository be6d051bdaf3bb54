import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import { parseKpiQuery } from '../../filters';
import { toCsv } from '../../csv';
import { computeSurvival, parseSurvivalPoints } from '../metrics/survival';
import { listTickets, parseTicketListQuery } from '../metrics/tickets';
import { computeFlags, parseFlagsQuery } from '../metrics/flags';
import { computeKbGaps, KB_GAPS_COLUMNS, kbGapsCsvRows, parseKbGapsQuery } from '../metrics/kb-gaps';
import type { ApiDeps } from './index';

/** `format=json` (default) or `format=csv`; anything else is a 400 that names it. */
function formatOf(c: Context): 'json' | 'csv' {
	const format = c.req.query('format') ?? 'json';
	if (format !== 'json' && format !== 'csv') throw new HTTPException(400, { message: `format must be json or csv, got "${format}"` });
	return format;
}

function csvResponse(c: Context, name: string, columns: string[], rows: ReadonlyArray<object>) {
	return c.body(toCsv(columns, rows), 200, {
		'content-type': 'text/csv; charset=utf-8',
		'content-disposition': `attachment; filename="deskpulse-${name}.csv"`
	});
}

/**
 * GET /v1/survival (Kaplan-Meier curves), /v1/tickets (drill-through), /v1/flags (weekly
 * review) and /v1/kb-gaps (articles to write next).
 */
export function reportsApi(deps: ApiDeps) {
	return new Hono()
		.get('/survival', async (c) => {
			const search = new URL(c.req.url).searchParams;
			const format = formatOf(c);
			const q = { ...parseKpiQuery(search), points: parseSurvivalPoints(search.get('points')) };
			const result = await computeSurvival(await deps.db(), q);
			if (format === 'json') return c.json(result);
			return csvResponse(c, 'survival', ['period', 'period_start', ...q.by, 'within_hours', 'tickets', 'still_open', 'resolved_share'], result.rows);
		})
		.get('/tickets', async (c) => {
			const search = new URL(c.req.url).searchParams;
			const format = formatOf(c);
			const q = parseTicketListQuery(search, parseKpiQuery(search));
			const result = await listTickets(await deps.db(), q);
			if (format === 'json') return c.json(result);
			const columns = result.rows.length ? Object.keys(result.rows[0]) : ['ticket_id'];
			return csvResponse(c, 'tickets', columns, result.rows.map((r) => ({ ...r, tags: Array.isArray(r.tags) ? r.tags.join(';') : r.tags })));
		})
		.get('/flags', async (c) => {
			const search = new URL(c.req.url).searchParams;
			const format = formatOf(c);
			const result = await computeFlags(await deps.db(), parseFlagsQuery(search, parseKpiQuery(search)));
			if (format === 'json') return c.json(result);
			return csvResponse(c, `flags-${result.meta.week}`, ['week', 'flag', 'subject', 'value', 'threshold', 'unit', 'message'], result.rows);
		})
		.get('/kb-gaps', async (c) => {
			const search = new URL(c.req.url).searchParams;
			const format = formatOf(c);
			const q = parseKbGapsQuery(search, parseKpiQuery(search));
			const result = await computeKbGaps(await deps.db(), q);
			if (format === 'json') return c.json(result);
			return csvResponse(c, `kb-gaps-${q.per}`, KB_GAPS_COLUMNS(q.per), kbGapsCsvRows(result.rows));
		});
}
