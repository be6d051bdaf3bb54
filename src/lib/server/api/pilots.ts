import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ApiDeps } from './index';
import type { ApiEnv } from './access';
import { isTimeZone, parseKpiQuery } from '../../filters';
import { toCsv } from '../../csv';
import { actorOf, jsonBody } from './request';
import { PILOT_CSV_COLUMNS } from '../../pilots';
import { addPilotAudited, computePilot, endPilotAudited, findPilot, listPilotSummaries, parsePilotInput, pilotFor, pilotResultFor, PilotNotFound } from '../metrics/pilots';

/**
 * GET /v1/pilots (every pilot with its verdict as of `as_of`), GET /v1/pilots/:id (one
 * pilot's result: `{"meta": ..., "rows": [one per metric]}`, or its rows as CSV), POST
 * /v1/pilots (a new pilot, JSON: name, start, end, treated, control, metric, min_effect,
 * csat_tolerance; dates without an offset in `tz`), POST /v1/pilots/:id/end (`{"end": DATE}`,
 * default now). Access per endpoint: auth/access.ts; who
 * added a pilot only to an analyst or admin.
 */
export function pilotsApi(deps: ApiDeps) {
	return new Hono<ApiEnv>()
		.get('/', async (c) => {
			const q = parseKpiQuery(new URL(c.req.url).searchParams);
			const rows = (await listPilotSummaries(await deps.db(), q)).map((row) => pilotFor(c.get('principal') ?? null, row));
			return c.json({ meta: { as_of: q.asOf, tz: q.tz, count: rows.length }, rows });
		})
		.get('/:id', async (c) => {
			const search = new URL(c.req.url).searchParams;
			const format = search.get('format') ?? 'json';
			if (format !== 'json' && format !== 'csv') throw new HTTPException(400, { message: `format must be json or csv, got "${format}"` });
			const db = await deps.db();
			const query = parseKpiQuery(search);
			const id = c.req.param('id');
			if (!/^[0-9]{1,9}$/.test(id)) throw new HTTPException(404, { message: `no pilot ${id.slice(0, 40)}` });
			const pilot = await findPilot(db, Number(id)).catch((e) => {
				if (e instanceof PilotNotFound) throw new HTTPException(404, { message: e.message });
				throw e;
			});
			const result = pilotResultFor(c.get('principal') ?? null, await computePilot(db, pilot, query));
			if (format === 'json') return c.json(result);
			return c.body(toCsv([...PILOT_CSV_COLUMNS], result.rows), 200, {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="deskpulse-pilot-${result.meta.pilot.pilot_id}.csv"`
			});
		})
		.post('/', async (c) => {
			const body = await jsonBody(c);
			const pilot = await addPilotAudited(await deps.db(), actorOf(c), parsePilotInput(body, bodyZone(c, body)));
			return c.json({ pilot }, 201);
		})
		.post('/:id/end', async (c) => {
			const body = await jsonBody(c);
			const id = c.req.param('id');
			if (!/^[0-9]{1,9}$/.test(id)) throw new HTTPException(404, { message: `no pilot ${id.slice(0, 40)}` });
			const pilot = await endPilotAudited(await deps.db(), actorOf(c), Number(id), body.end, bodyZone(c, body)).catch((e) => {
				if (e instanceof PilotNotFound) throw new HTTPException(404, { message: e.message });
				throw e;
			});
			return c.json({ pilot: pilotFor(c.get('principal') ?? null, pilot) });
		});
}

/** The zone of a body's dates without an offset: its `tz`, else the query's, else UTC. */
function bodyZone(c: Context<ApiEnv>, body: Record<string, unknown>): string {
	if (body.tz === undefined || body.tz === null) return parseKpiQuery(new URL(c.req.url).searchParams).tz;
	if (typeof body.tz !== 'string' || !isTimeZone(body.tz)) throw new HTTPException(400, { message: 'tz must be an IANA time zone such as Europe/Berlin' });
	return body.tz;
}
