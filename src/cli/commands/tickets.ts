import type { CommandSpec } from '../args';
import { REPORT_HELP, REPORT_OPTIONS, runReportCommand, textTable, type ReportCommand } from '../report-command';
import { parseKpiQuery } from '../../lib/filters';
import { toCsv } from '../../lib/csv';
import { listTickets, parseTicketListQuery, TICKET_SORTS, type TicketListQuery, type TicketListResult } from '../../lib/server/metrics/tickets';

export const ticketsSpec: CommandSpec = {
	name: 'tickets',
	summary:
		'Lists the tickets behind a metric cell (drill-through), with the per-ticket values that\n' +
		'went into it: the same list as GET /api/v1/tickets and the Tickets page.',
	usage:
		'deskpulse tickets [--metric ID] [--period-start DATE --grain GRAIN | --from DATE --to DATE]\n' +
		'                      [--where DIM=VALUE ...] [--numerator true|false] [--sort KEY] [--order asc|desc]\n' +
		'                      [--limit N] [--offset N] [--hours business|calendar] [--as-of ISO] [--tz ZONE]\n' +
		'                      [--format table|json|csv] [--db PATH]',
	help: [
		...REPORT_HELP,
		'--metric ID          the metric whose sample to list (default: tickets created in the range)',
		'--period-start DATE  the cell\'s period (with --grain) instead of --from/--to',
		'--numerator BOOL     for a rate: only the tickets in its numerator (true) or the rest (false)',
		`--sort KEY           ${TICKET_SORTS.join(', ')} (default created_at)`,
		'--order ORDER        asc or desc (default desc)',
		'--limit N, --offset N  page size (default 50, at most 1000) and start',
		'--format FORMAT      table (default), json or csv'
	],
	options: {
		...REPORT_OPTIONS,
		metric: { type: 'string' },
		'period-start': { type: 'string' },
		numerator: { type: 'string' },
		sort: { type: 'string' },
		order: { type: 'string' },
		limit: { type: 'string' },
		offset: { type: 'string' }
	}
};

function minutes(v: unknown): string {
	return typeof v === 'number' ? v.toFixed(1) : '-';
}

const ticketsCommand: ReportCommand<TicketListQuery, TicketListResult> = {
	spec: ticketsSpec,
	endpoint: 'tickets',
	parse: (search) => parseTicketListQuery(search, parseKpiQuery(search)),
	toSearch: (query, flags) => {
		const search = new URLSearchParams(flags);
		search.set('as_of', query.asOf);
		return search;
	},
	local: listTickets,
	print: (result, format) => {
		if (format === 'json') return JSON.stringify(result, null, 2) + '\n';
		const rows = result.rows.map((r) => ({ ...r, tags: Array.isArray(r.tags) ? r.tags.join(';') : r.tags }));
		if (format === 'csv') return toCsv(rows.length ? Object.keys(rows[0]) : ['ticket_id'], rows);
		const m = result.meta;
		const header = ['ticket', 'created', 'status', 'priority', 'plan', `frt min (${m.hours})`, `resolution min (${m.hours})`, 'subject'];
		const body = result.rows.map((r) => [
			r.ticket_id,
			String(r.created_at).slice(0, 16).replace('T', ' '),
			r.status,
			r.priority ?? '-',
			r.plan ?? '-',
			minutes(r.frt_minutes),
			minutes(r.resolution_minutes),
			String(r.subject ?? '').slice(0, 60)
		]);
		const shown = `${m.offset + 1}-${m.offset + result.rows.length} of ${m.total}`;
		return `${m.metric ?? 'tickets created'}: tickets ${result.rows.length ? shown : `none of ${m.total}`}, times UTC\n${textTable(header, body, 5)}\n`;
	}
};

export function runTickets(argv: string[]): Promise<number> {
	return runReportCommand(ticketsCommand, argv);
}
