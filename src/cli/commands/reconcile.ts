import type { CommandSpec } from '../args';
import { runReportCommand, textTable, type ReportCommand } from '../report-command';
import { toCsv } from '../../lib/csv';
import { spokenMetric } from '../../lib/format';
import { computeReconcile, parseReconcileQuery, RECONCILE_TICKET_COLUMNS, type ReconcileQuery, type ReconcileResult } from '../../lib/server/metrics/reconcile';

export const reconcileSpec: CommandSpec = {
	name: 'reconcile',
	summary:
		"Compares deskpulse's per-ticket values with the ones the vendor's export computed (Zendesk\n" +
		'durations, Freshdesk business hours and SLA statuses, Intercom statistics): how many tickets\n' +
		'agree within a minute, the median difference, and the disagreeing tickets with the likely reason.',
	usage: 'deskpulse reconcile [--source LABEL] [--tolerance MINUTES] [--limit N] [--format table|json|csv] [--db PATH]',
	help: [
		'--source LABEL       one source label (zendesk, freshdesk, ...; default: all)',
		'--tolerance MINUTES  values within this many minutes agree (default 1)',
		'--limit N            disagreeing tickets listed per metric (default 20)',
		'--format FORMAT      table (default), json or csv (csv: the disagreeing tickets)'
	],
	options: { source: { type: 'string' }, tolerance: { type: 'string' }, limit: { type: 'string' }, format: { type: 'string' } }
};

function minutes(v: number | null): string {
	return v === null ? '-' : v.toFixed(1);
}

const reconcileCommand: ReportCommand<ReconcileQuery, ReconcileResult> = {
	spec: reconcileSpec,
	endpoint: 'reconcile',
	parse: parseReconcileQuery,
	toSearch: (_query, flags) => flags,
	local: computeReconcile,
	print: (result, format) => {
		if (format === 'json') return JSON.stringify(result, null, 2) + '\n';
		if (format === 'csv') return toCsv(RECONCILE_TICKET_COLUMNS, result.disagreeing);
		if (result.rows.length === 0) return 'Nothing to reconcile: no imported ticket carries a value its vendor computed.\n';
		const header = ['source', 'metric', 'flavour', 'compared', 'agree', 'median diff (min)', 'schedule', 'bot reply', 'reopen', 'other'];
		const body = result.rows.map((r) => [
			r.source,
			r.metric,
			r.flavour,
			r.tickets_compared,
			`${r.tickets_agreeing} (${spokenMetric(r.agree_rate, 'rate')})`,
			minutes(r.median_difference_min),
			r.disagreeing_schedule,
			r.disagreeing_bot_reply,
			r.disagreeing_reopen,
			r.disagreeing_other
		]);
		const lines = [`deskpulse vs vendor, agreeing within ${result.meta.tolerance_minutes} min (difference = deskpulse - vendor)`, textTable(header, body, 3)];
		if (result.disagreeing.length) {
			lines.push('', 'disagreeing tickets:');
			lines.push(
				textTable(
					['source', 'ticket', 'metric', 'flavour', 'deskpulse', 'vendor', 'likely reason'],
					result.disagreeing.map((d) => [
						d.source,
						d.ticket_id,
						d.metric,
						d.flavour,
						d.flavour === 'outcome' ? d.deskpulse_outcome : minutes(d.deskpulse_minutes),
						d.flavour === 'outcome' ? d.vendor_outcome : minutes(d.vendor_minutes),
						d.likely_reason
					]),
					4
				)
			);
		}
		return lines.join('\n') + '\n';
	}
};

export function runReconcile(argv: string[]): Promise<number> {
	return runReportCommand(reconcileCommand, argv);
}
