import type { Database } from '../db/database';
import { pageQuery } from '../page-query';
import { listDrill, parseDrillQuery } from '../metrics/drill-through';
import { dimensionValues } from '../metrics/dimension-values';
import { parseKpiQuery } from '../../filters';

/** The drill-through list: the same query parameters as GET /api/v1/tickets. */
export async function ticketsView(db: Database, search: URLSearchParams) {
	const query = pageQuery(() => parseDrillQuery('tickets', search, parseKpiQuery(search)));
	const result = await listDrill(db, query);
	const rows = result.rows.map((r) => ({
		ticket_id: r.ticket_id as string,
		source: r.source as string,
		subject: r.subject as string | null,
		created_at: r.created_at as string,
		status: r.status as string | null,
		priority: r.priority as string | null,
		plan: r.plan as string | null,
		segment: r.segment as string | null,
		channel: r.channel as string | null,
		category: r.category as string | null,
		tags: (r.tags as string[] | null) ?? [],
		ack_minutes: r.ack_minutes as number | null,
		frt_minutes: r.frt_minutes as number | null,
		resolution_minutes: r.resolution_minutes as number | null,
		full_resolution_minutes: r.full_resolution_minutes as number | null,
		age_minutes: r.age_minutes as number | null,
		is_frt_breached: r.is_frt_breached as boolean | null,
		is_resolution_breached: r.is_resolution_breached as boolean | null,
		csat_answer: r.csat_answer as string | null,
		in_numerator: r.in_numerator as boolean | null
	}));
	return { query, meta: result.meta, rows, options: await dimensionValues(db, query.asOf) };
}
