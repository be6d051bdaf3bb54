import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { commandHelp, dbPathOf, parseCommand, UsageError, type CommandSpec } from '../args';
import { REPORT_HELP, REPORT_OPTIONS, searchFromFlags } from '../report-command';
import { serverJson, withDatabase } from '../target';
import { FilterError, parseKpiQuery } from '../../lib/filters';
import { computeWeeklyReview, parseReviewQuery, type WeeklyReview } from '../../lib/server/metrics/weekly-review';
import { renderReviewHtml, renderReviewMarkdown } from '../../lib/review/render';
import { htmlToPdf, pdfProblem } from '../../lib/server/export/pdf';

export const reviewSpec: CommandSpec = {
	name: 'review',
	summary:
		"Renders one ISO week's review as a document: headline KPIs with their change and 12-week\n" +
		'trend, notable changes in sentences, SLA by plan x priority, backlog and the review flags.',
	usage: 'deskpulse review [--week 2026-W46] [--format md|html|pdf] [--out FILE] [--where DIM=VALUE ...] [--hours ...] [--as-of ISO] [--tz ZONE] [--db PATH]',
	help: [
		'--week WEEK          ISO week (default: the last complete week before --as-of)',
		'--format FORMAT      md (default), html (self-contained, charts as inline SVG) or pdf (through headless Chromium)',
		'--out FILE           write to FILE (required for pdf; default: standard output)',
		...REPORT_HELP.filter((l) => !/^--(from|to|grain|by) /.test(l))
	],
	options: { ...REPORT_OPTIONS, week: { type: 'string' }, out: { type: 'string' } }
};

export async function runReview(argv: string[]): Promise<number> {
	const { values } = parseCommand(reviewSpec, argv);
	if (values.help) {
		console.log(commandHelp(reviewSpec));
		return 0;
	}
	const format = (values.format as string | undefined) ?? 'md';
	if (!['md', 'html', 'pdf'].includes(format)) throw new UsageError(`--format must be md, html or pdf, got "${format}"`);
	const out = typeof values.out === 'string' ? resolve(values.out) : null;
	if (format === 'pdf' && !out) throw new UsageError('--format pdf writes a file: give --out FILE');
	if (format === 'pdf' && pdfProblem()) throw new UsageError(`--format pdf: ${pdfProblem()}`);
	const search = searchFromFlags({ ...values, out: undefined });
	let query;
	try {
		query = parseReviewQuery(search, parseKpiQuery(search));
	} catch (e) {
		if (e instanceof FilterError) throw new UsageError(`--${e.param.replace(/_/g, '-')}: ${e.message}`);
		throw e;
	}
	const pinned = new URLSearchParams(search);
	pinned.set('as_of', query.asOf);
	pinned.set('week', query.week);
	const review = await withDatabase<WeeklyReview>(dbPathOf(values), {
		remote: (server) => serverJson<WeeklyReview>(server, `/api/v1/review?${pinned}`),
		local: (db) => computeWeeklyReview(db, query)
	});
	if (format === 'pdf') {
		writeFileSync(out!, await htmlToPdf(renderReviewHtml(review)));
		process.stderr.write(`deskpulse: wrote ${out}\n`);
		return 0;
	}
	const text = format === 'html' ? renderReviewHtml(review) : renderReviewMarkdown(review);
	if (out) {
		writeFileSync(out, text);
		process.stderr.write(`deskpulse: wrote ${out}\n`);
	} else process.stdout.write(text);
	return 0;
}
