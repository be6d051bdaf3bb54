import type { CommandSpec } from '../args';
import { REPORT_HELP, REPORT_OPTIONS, runReportCommand, textTable, type ReportCommand } from '../report-command';
import { parseKpiQuery } from '../../lib/filters';
import { toCsv } from '../../lib/csv';
import { computeKbGaps, KB_GAPS_COLUMNS, kbGapsCsvRows, parseKbGapsQuery, type KbGapsQuery, type KbGapsResult } from '../../lib/server/metrics/kb-gaps';

export const kbGapsSpec: CommandSpec = {
	name: 'kb-gaps',
	summary:
		'Ranks knowledge-base gaps per segment (or plan): the queries whose searches fail (no result or\n' +
		'no click), weighted up when a ticket followed within 24 h, with the week-over-week change.',
	usage:
		'deskpulse kb-gaps [--per segment|plan] [--from DATE] [--to DATE] [--where DIM=VALUE ...] [--limit N]\n' +
		'                      [--as-of ISO] [--tz ZONE] [--format table|json|csv] [--db PATH]',
	help: [
		'--per GROUP          rank per segment (default) or per plan',
		...REPORT_HELP.filter((l) => !/^--(grain|by|hours) /.test(l)).map((l) =>
			l.startsWith('--from') ? '--from DATE          first day, inclusive (default: the last complete ISO week before --as-of)' : l
		),
		'--limit N            queries per group (default 10, at most 100)',
		'--format FORMAT      table (default), json or csv'
	],
	options: { ...REPORT_OPTIONS, per: { type: 'string' }, limit: { type: 'string' } }
};

const kbGapsCommand: ReportCommand<KbGapsQuery, KbGapsResult> = {
	spec: kbGapsSpec,
	endpoint: 'kb-gaps',
	parse: (search) => parseKbGapsQuery(search, parseKpiQuery(search)),
	toSearch: (query, flags) => {
		const search = new URLSearchParams(flags);
		search.set('as_of', query.asOf);
		return search;
	},
	local: computeKbGaps,
	print: (result, format, query) => {
		if (format === 'json') return JSON.stringify(result, null, 2) + '\n';
		if (format === 'csv') return toCsv(KB_GAPS_COLUMNS(query.per), kbGapsCsvRows(result.rows));
		const m = result.meta;
		const header = [query.per, 'rank', 'query', 'searches', 'zero results', 'clicked', 'tickets after', 'score', 'change', 'ticket categories'];
		const body = result.rows.map((r) => [
			r[query.per] ?? '(none)',
			r.rank,
			r.query,
			r.searches,
			`${(r.zero_result_rate * 100).toFixed(0)} %`,
			`${(r.click_rate * 100).toFixed(0)} %`,
			r.tickets_after,
			r.kb_gap_score.toFixed(1),
			r.kb_gap_score_change === null ? 'new' : (r.kb_gap_score_change >= 0 ? '+' : '') + r.kb_gap_score_change.toFixed(1),
			r.example_categories.join(', ')
		]);
		return `KB gaps per ${query.per}, searches ${m.from} to ${m.to} (exclusive, ${m.tz}) vs ${m.previous_from} to ${m.previous_to}\n${textTable(header, body, 3)}\n`;
	}
};

export function runKbGaps(argv: string[]): Promise<number> {
	return runReportCommand(kbGapsCommand, argv);
}
