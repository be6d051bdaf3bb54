import type { PageServerLoad } from './$types';
import { pageQuery } from '$lib/server/page-query';
import { appDatabase } from '$lib/server/app-db';
import { listDrill, parseDrillQuery } from '$lib/server/metrics/drill-through';
import { dimensionValues } from '$lib/server/metrics/dimension-values';
import { parseKpiQuery } from '$lib/filters';

/** The drill-through list: the same query parameters as GET /api/v1/tickets. */
export const load: PageServerLoad = async ({ url }) => {
	const query = pageQuery(() => parseDrillQuery('tickets', url.searchParams, parseKpiQuery(url.searchParams)));
	const db = await appDatabase();
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
};
