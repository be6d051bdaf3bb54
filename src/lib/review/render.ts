import { formatChange, formatMetric } from '../format';
import { maturityWords } from '../maturity';
import { changeTone } from '../metric-catalog-direction';
import { NO_NOTABLE_CHANGE } from './wording';
import { sparklineSvg } from '../charts/sparkline';
import type { WeeklyReview } from '../server/metrics/weekly-review';
import { escapeHtml } from '../html';

/** What the notable changes say when there are none: none moved, or none computed yet. */
const noChanges = (r: WeeklyReview) => (r.meta.complete ? NO_NOTABLE_CHANGE : `None computed: ${r.meta.week} is not over.`);

/** A week with no ticket and no backlog (nothing imported, or filters that match nothing): zeros are no review. */
function emptyWeek(r: WeeklyReview): boolean {
	// No ticket created or solved: a week past the end of the data (open tickets still sit in
	// its backlog) is no quiet week to give an all-clear for.
	const value = (id: string) => r.headlines.find((h) => h.id === id)?.value;
	return !value('tickets_created') && !value('tickets_solved');
}

/** What the flags say when there are none: an empty week has nothing to flag, which is no all-clear. */
export function noFlags(r: WeeklyReview): string {
	return emptyWeek(r) ? 'Nothing to flag: no tickets in this week.' : 'No flags: every alert is within its threshold.';
}

/**
 * The flags that are hiring triggers (the domain documents' list: response time over the SLA,
 * CSAT below 85 %, utilization over 80 %, a backlog growing 3+ weeks); the rest are alerts.
 */
export const HIRING_TRIGGER_FLAGS: ReadonlySet<string> = new Set(['frt_above_target', 'csat_below_target', 'utilization_high', 'backlog_growing']);

/**
 * The review's answer to "do we need to hire?", said even when it is no: "No hiring trigger
 * this week." or the triggers that fired. A trigger resting on too few items (a segment's CSAT
 * on 2 ratings) is named but hires nobody. Null for a week without tickets (no all-clear).
 */
export function hiringVerdict(r: WeeklyReview): string | null {
	if (emptyWeek(r)) return null;
	const triggers = r.flags.filter((f) => HIRING_TRIGGER_FLAGS.has(f.flag));
	const thin = triggers.filter((f) => f.detail?.low_sample === true);
	const solid = triggers.filter((f) => f.detail?.low_sample !== true);
	const words = (flag: string) => flag.replace(/_/g, ' ');
	if (solid.length) return `Hiring trigger this week: ${[...new Set(solid.map((f) => words(f.flag)))].join(', ')}.`;
	if (thin.length) {
		return `No hiring trigger this week: ${thin.map((f) => `${words(f.flag)} for ${f.subject}`).join('; ')} rests on too few items to act on (low sample).`;
	}
	return 'No hiring trigger this week.';
}

/** A headline's change as the documents write it: "still maturing (…)" instead of a change that is no news yet. */
export function changeText(h: WeeklyReview['headlines'][number]): string {
	return h.maturity ? `still maturing (${maturityWords(h.id, h.maturity)})` : formatChange(h.change);
}

/** The words after an SLA cell that missed the achievement target (not colour alone). */
export const MISSED_MARK = '✗ missed';

/** The sentence under the SLA matrix that says what its marks mean. */
export function slaTargetNote(r: WeeklyReview): string {
	return `Target: ${formatMetric(r.sla.target, 'rate')} of the tickets within every SLA target; ${MISSED_MARK} marks a cell below it.`;
}

/** The label of a headline's sparkline: what it shows, its target, and whether its last week is over. */
export function sparklineLabel(r: WeeklyReview, h: WeeklyReview['headlines'][number]): string {
	const target = h.target === null ? '' : `, target ${formatMetric(h.target, h.unit)} (dotted)`;
	const partial = r.meta.complete ? '' : `, ${r.meta.week} so far (dashed)`;
	return `${h.label}, last ${h.trend.length} weeks${target}${partial}`;
}

/** A headline's sparkline, with its target line and an incomplete last week drawn apart. */
export function reviewSparkline(r: WeeklyReview, h: WeeklyReview['headlines'][number]): string {
	return sparklineSvg(h.trend, sparklineLabel(r, h), 120, 28, { target: h.target, lastIncomplete: !r.meta.complete });
}

function title(r: WeeklyReview): string {
	return `Weekly review ${r.meta.week}${r.meta.complete ? '' : ' so far'} (${r.meta.week_start} to ${r.meta.week_end}, exclusive)`;
}

function context(r: WeeklyReview): string {
	return `Weeks are ISO weeks in ${r.meta.tz}; durations in ${r.meta.hours} hours; as of ${r.meta.as_of}; changes against ${r.meta.previous_week}.`;
}

/** The anomaly sentences of the review, and what is left out or why there are none. */
export function anomalyLines(r: WeeklyReview): string[] {
	const { anomalies, anomaliesFlagged, kpiAnomalies } = r.next;
	const kpis = kpiAnomalies.map((a) => a.message);
	if (anomaliesFlagged === 0) return [...kpis, 'No category, tag or channel had an unusual week (at a 5 % false discovery rate).'];
	const more = anomaliesFlagged - anomalies.length;
	return [...kpis, ...anomalies.map((a) => a.message), ...(more > 0 ? [`${more} more in the anomalies report (deskpulse anomalies --week ${r.meta.week}).`] : [])];
}

/**
 * Where a sent copy of the review leads: a sentence and a link to the same view in deskpulse
 * (a digest's email, delivery/compose-digest.ts). The page itself needs none.
 */
export interface ReviewLink {
	lead: string;
	href: string;
	text: string;
}

/** The review as Markdown: headlines, notable changes, SLA matrix, backlog, flags. */
export function renderReviewMarkdown(r: WeeklyReview, link: ReviewLink | null = null): string {
	const lines = [`# ${title(r)}`, '', context(r), ...r.meta.notes.map((n) => `Note: ${n}.`), ''];
	if (link) lines.push(`${link.lead} [${link.text}](${link.href})`, '');
	lines.push('## Headlines', '', '| KPI | this week | previous | change |', '|---|---:|---:|---:|');
	for (const h of r.headlines) {
		lines.push(`| ${h.label}${h.lowSample ? ' (low sample)' : ''} | ${formatMetric(h.value, h.unit, r.meta.currency)} | ${formatMetric(h.previous, h.unit, r.meta.currency)} | ${changeText(h)} |`);
	}
	lines.push('', '## Notable changes', '');
	lines.push(...(r.changes.length ? r.changes.map((c) => `- ${c}`) : [`- ${noChanges(r)}`]));
	lines.push('', '## SLA achievement by plan and priority', '');
	if (r.sla.cells.length === 0) lines.push('No tickets with an SLA target this week.');
	else {
		lines.push(`| plan | ${r.sla.priorities.map((p) => p ?? '(none)').join(' | ')} |`, `|---|${r.sla.priorities.map(() => '---:').join('|')}|`);
		for (const plan of r.sla.plans) {
			const cells = r.sla.priorities.map((priority) => {
				const c = r.sla.cells.find((x) => x.plan === plan && x.priority === priority);
				return c ? `${formatMetric(c.rate, 'rate')} (${c.tickets}${c.lowSample ? ', low sample' : ''})${c.missed ? ` ${MISSED_MARK}` : ''}` : '–';
			});
			lines.push(`| ${plan ?? '(none)'} | ${cells.join(' | ')} |`);
		}
		lines.push('', slaTargetNote(r));
	}
	lines.push('', '## Backlog', '', `Open at the week's end: ${formatMetric(r.backlog.open, 'count')}; age p90: ${formatMetric(r.backlog.age_p90_min, 'minutes')}.`);
	lines.push('', '## Flags', '');
	const verdict = hiringVerdict(r);
	if (verdict) lines.push(`- ${verdict}`);
	lines.push(...(r.flags.length ? r.flags.map((f) => `- **${f.flag.replace(/_/g, ' ')}**: ${f.message}`) : [`- ${noFlags(r)}`]));
	for (const [flag, why] of Object.entries(r.notEvaluated)) lines.push(`- ${flag.replace(/_/g, ' ')}: not evaluated (${why}).`);
	lines.push('', '## Next: anomalies', '', ...anomalyLines(r).map((line) => `- ${line}`));
	lines.push('', '## Next: staffing outlook', '', ...r.next.staffing.map((sentence) => `- ${sentence}`));
	lines.push('', '## Next: running pilots', '', ...pilotLines(r).map((line) => `- ${line}`));
	return lines.join('\n') + '\n';
}

/** The running pilots' sentences, or why there are none. */
export function pilotLines(r: WeeklyReview): string[] {
	return r.next.pilots.length ? r.next.pilots.map((p) => p.sentence) : ['No pilot ran this week (add one on the Pilots page or with deskpulse pilot add).'];
}

/**
 * The review as one self-contained HTML document (inline CSS and SVG sparklines, no scripts);
 * `sparkline` draws them otherwise (an email's inline images, delivery/compose-digest.ts).
 */
export function renderReviewHtml(r: WeeklyReview, link: ReviewLink | null = null, sparkline: (h: WeeklyReview['headlines'][number]) => string = (h) => reviewSparkline(r, h)): string {
	const cards = r.headlines
		.map((h) => {
			const good = changeTone(h.change, h);
			return `<div class="card"><div class="label">${escapeHtml(h.label)}</div><div class="value">${escapeHtml(formatMetric(h.value, h.unit, r.meta.currency))}${h.lowSample ? ' <span class="low">low sample</span>' : ''}</div><div class="change ${good}">${escapeHtml(changeText(h))} vs ${escapeHtml(r.meta.previous_week)} (${escapeHtml(formatMetric(h.previous, h.unit, r.meta.currency))})</div>${sparkline(h)}</div>`;
		})
		.join('\n');
	const matrix = r.sla.cells.length
		? `<table><thead><tr><th>plan</th>${r.sla.priorities.map((p) => `<th class="num">${escapeHtml(p ?? '(none)')}</th>`).join('')}</tr></thead><tbody>${r.sla.plans
				.map(
					(plan) =>
						`<tr><th>${escapeHtml(plan ?? '(none)')}</th>${r.sla.priorities
							.map((priority) => {
								const c = r.sla.cells.find((x) => x.plan === plan && x.priority === priority);
								if (!c) return '<td class="num">–</td>';
								const missed = c.missed ? ` <strong class="missed">${MISSED_MARK}</strong>` : '';
								return `<td class="num${c.missed ? ' missed' : ''}">${escapeHtml(formatMetric(c.rate, 'rate'))} <small>(${c.tickets}${c.lowSample ? ', low' : ''})</small>${missed}</td>`;
							})
							.join('')}</tr>`
				)
				.join('')}</tbody></table><p class="note">${escapeHtml(slaTargetNote(r))}</p>`
		: '<p>No tickets with an SLA target this week.</p>';
	const verdict = hiringVerdict(r);
	const flags =
		(verdict ? `<li>${escapeHtml(verdict)}</li>` : '') +
		(r.flags.length ? r.flags.map((f) => `<li><strong>${escapeHtml(f.flag.replace(/_/g, ' '))}</strong>: ${escapeHtml(f.message)}</li>`).join('') : `<li>${escapeHtml(noFlags(r))}</li>`);
	const notEvaluated = Object.entries(r.notEvaluated)
		.map(([flag, why]) => `<li>${escapeHtml(flag.replace(/_/g, ' '))}: not evaluated (${escapeHtml(why)}).</li>`)
		.join('');
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title(r))}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;color:#1d2125;margin:2rem auto;max-width:1100px;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}.context{color:#5c6670;margin:0 0 1rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:.75rem}
.card{border:1px solid #dde1e5;border-radius:8px;padding:.6rem .75rem;color:#3b5b9a}.label{color:#5c6670;font-size:.8rem}
.value{color:#1d2125;font-size:1.3rem;font-weight:600}.change{font-size:.8rem;color:#5c6670}.good{color:#1f7a3f}.bad{color:#b3261e}
.low{font-size:.7rem;color:#8a5a00;font-weight:400}table{border-collapse:collapse;font-variant-numeric:tabular-nums}
th,td{border-bottom:1px solid #dde1e5;padding:.3rem .6rem;text-align:left}.num{text-align:right}small{color:#5c6670}
td.missed{background:#fbe9e7}.open{background:#eef3fb;border-radius:6px;padding:.5rem .75rem}strong.missed{color:#b3261e;font-size:.8rem}.note{color:#5c6670;font-size:.85rem}
@media print{body{margin:0}.card{break-inside:avoid}}
</style></head><body>
<h1>${escapeHtml(title(r))}</h1>
<p class="context">${escapeHtml(context(r))}${r.meta.notes.map((n) => ` Note: ${escapeHtml(n)}.`).join('')}</p>
${link ? `<p class="open">${escapeHtml(link.lead)} <a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>\n` : ''}<h2>Headlines</h2><div class="cards">${cards}</div>
<h2>Notable changes</h2><ul>${r.changes.length ? r.changes.map((c) => `<li>${escapeHtml(c)}</li>`).join('') : `<li>${escapeHtml(noChanges(r))}</li>`}</ul>
<h2>SLA achievement by plan and priority</h2>${matrix}
<h2>Backlog</h2><p>Open at the week's end: ${escapeHtml(formatMetric(r.backlog.open, 'count'))}; age p90: ${escapeHtml(formatMetric(r.backlog.age_p90_min, 'minutes'))}.</p>
<h2>Flags</h2><ul>${flags}${notEvaluated}</ul>
<h2>Next: anomalies</h2><ul>${anomalyLines(r).map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>
<h2>Next: staffing outlook</h2><ul>${r.next.staffing.map((sentence) => `<li>${escapeHtml(sentence)}</li>`).join('')}</ul>
<h2>Next: running pilots</h2><ul>${pilotLines(r).map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>
</body></html>
`;
}
