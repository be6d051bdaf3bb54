import type { CommandSpec } from '../args';
import { REPORT_HELP, REPORT_OPTIONS, runReportCommand, textTable, type ReportCommand } from '../report-command';
import { parseKpiQuery } from '../../lib/filters';
import { toCsv } from '../../lib/csv';
import {
	drillCsvColumns,
	drillCsvRows,
	listDrill,
	parseDrillQuery,
	TICKET_SORTS,
	type DrillKind,
	type DrillQuery,
	type DrillResult
} from '../../lib/server/metrics/drill-through';

/** What each list prints in a terminal table: a few columns that identify an item. */
const TABLE_COLUMNS: Record<DrillKind, Array<[string, (r: DrillResult['rows'][number], hours: string) => unknown]>> = {
	tickets: [
		['ticket', (r) => r.ticket_id],
		['created (UTC)', (r) => String(r.created_at).slice(0, 16).replace('T', ' ')],
		['status', (r) => r.status],
		['priority', (r) => r.priority ?? '-'],
		['plan', (r) => r.plan ?? '-'],
		['frt min', (r) => minutes(r.frt_minutes)],
		['resolution min', (r) => minutes(r.resolution_minutes)],
		['subject', (r) => String(r.subject ?? '').slice(0, 60)]
	],
	sessions: [
		['session', (r) => r.session_id],
		['started (UTC)', (r) => String(r.started_at).slice(0, 16).replace('T', ' ')],
		['kind', (r) => r.kind],
		['org', (r) => r.org_id ?? '-'],
		['handed off', (r) => (r.is_handed_off ? 'yes' : 'no')],
		['ticket after', (r) => r.ticket_id ?? (r.has_ticket_after ? r.next_ticket_id : '-')],
		['deflected', (r) => (r.is_deflection_pending ? 'pending' : r.is_deflected ? 'yes' : 'no')]
	],
	searches: [
		['search', (r) => r.search_id],
		['searched (UTC)', (r) => String(r.searched_at).slice(0, 16).replace('T', ' ')],
		['org', (r) => r.org_id ?? '-'],
		['results', (r) => r.results_count ?? '-'],
		['clicked', (r) => r.clicked_article_id ?? '-'],
		['ticket after', (r) => (r.has_ticket_after ? r.next_ticket_id : '-')],
		['query', (r) => String(r.query_text ?? '').slice(0, 50)]
	]
};

function minutes(v: unknown): string {
	return typeof v === 'number' ? v.toFixed(1) : '-';
}

function drillSpec(kind: DrillKind): CommandSpec {
	const noun = { tickets: 'ticket', sessions: 'session', searches: 'search' }[kind];
	return {
		name: kind,
		summary:
			`Lists the ${kind} behind a metric cell (drill-through), with the per-${noun} values that\n` +
			`went into it: the same list as GET /api/v1/${kind}.`,
		usage:
			`deskpulse ${kind} [--metric ID] [--period-start DATE --grain GRAIN | --from DATE --to DATE]\n` +
			'                      [--where DIM=VALUE ...] [--numerator true|false] [--sort KEY] [--order asc|desc]\n' +
			'                      [--limit N] [--offset N] [--as-of ISO] [--tz ZONE] [--format table|json|csv] [--db PATH]',
		help: [
			...REPORT_HELP.filter((l) => !l.startsWith('--by ')),
			`--metric ID          the metric whose sample to list (default: every ${noun} of the range)`,
			"--period-start DATE  the cell's period (with --grain) instead of --from/--to",
			'--numerator BOOL     for a rate: only the items in its numerator (true) or the rest (false)',
			kind === 'tickets' ? `--sort KEY           ${TICKET_SORTS.join(', ')} (default created_at)` : '--sort KEY           the time (the only key)',
			...(kind === 'searches' ? ['--query TEXT         one query (normalized: lower-case, single spaces)'] : []),
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
			offset: { type: 'string' },
			...(kind === 'searches' ? { query: { type: 'string' } } : {})
		}
	};
}

function drillCommand(kind: DrillKind): ReportCommand<DrillQuery, DrillResult> {
	return {
		spec: drillSpec(kind),
		endpoint: kind,
		parse: (search) => parseDrillQuery(kind, search, parseKpiQuery(search)),
		toSearch: (query, flags) => {
			const search = new URLSearchParams(flags);
			search.set('as_of', query.asOf);
			return search;
		},
		local: listDrill,
		print: (result, format) => {
			if (format === 'json') return JSON.stringify(result, null, 2) + '\n';
			if (format === 'csv') return toCsv(drillCsvColumns(result.rows), drillCsvRows(result.rows));
			const m = result.meta;
			const columns = TABLE_COLUMNS[kind];
			const header = columns.map(([h]) => (h.endsWith(' min') ? `${h} (${m.hours})` : h));
			const body = result.rows.map((r) => columns.map(([, cell]) => cell(r, m.hours)));
			const shown = result.rows.length ? `${m.offset + 1}-${m.offset + result.rows.length} of ${m.total}` : `none of ${m.total}`;
			return `${m.metric ?? `all ${kind}`}: ${kind} ${shown}\n${textTable(header, body, columns.length - 1)}\n`;
		}
	};
}

export const ticketsSpec = drillSpec('tickets');
export const sessionsSpec = drillSpec('sessions');
export const searchesSpec = drillSpec('searches');

/** Runs `deskpulse tickets|sessions|searches`. */
export function runDrill(kind: DrillKind): (argv: string[]) => Promise<number> {
	return (argv) => runReportCommand(drillCommand(kind), argv);
}
