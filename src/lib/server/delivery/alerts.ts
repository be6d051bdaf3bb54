import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { parseKpiQuery, type KpiQuery } from '../../filters';
import { changeOf, formatChange, formatFilters, formatMetric, localTime } from '../../format';
import { metricInfo } from '../../metric-catalog';
import { addLocalDays, isoWeekLabel, isoWeekStart, lastLocalDate, localDate, weekProgress } from '../../periods';
import { ticketsPageHref, weekTicketsParams } from '../../links';
import { escapeHtml } from '../../html';
import type { AlertRule, SendOutcome } from '../../delivery';
import { computeKpis } from '../metrics/kpis';
import { computeFlags } from '../metrics/flags';
import { computeAnomalies } from '../metrics/anomalies';
import { activeAlertRules, conditionText, findAlertRule } from './alert-rules';
import { queueMessage, sendDueDeliveries, serialized, type StoredMessage } from './messages';
import { absoluteUrl } from './links';
import type { DeliveryOptions } from './channels';

/**
 * Alert rules, evaluated after every import and every hour. A rule judges one ISO week in its
 * zone: the week of the newest ticket event (created or solved) at or before now, which is the
 * current week for a team that imports daily and the week an import of older data reaches.
 * A value condition (above/below) reads that week so far; a week-over-week change compares
 * the last complete week with the one before (a week under way against a whole one would
 * always look like a fall); flags are the review's for the week; anomalies test the week's
 * complete days against the same weekdays before. A rule sends one message per week: the
 * week is the message's period, and the period's unique key keeps it from firing twice.
 */

/** What one rule found when it was evaluated. */
export interface AlertFinding {
	rule_id: number;
	name: string;
	/** The ISO week judged (the message's period). */
	week: string;
	fired: boolean;
	/** Whether the firing sent a message now (false: it already had for this week). */
	queued: boolean;
	/** The finding in a sentence, whether or not it fired. */
	summary: string;
}

interface Judgement {
	fired: boolean;
	week: string;
	/** Sentences with the numbers. */
	lines: string[];
	/** The page that shows it, and its tickets, as paths with their query. */
	view: string;
	tickets: string | null;
}

/** A query of the rule's filters in its zone at `asOf`, over [from, to). */
function ruleQuery(rule: AlertRule, asOf: string, from: string, to: string, metrics: string[]): KpiQuery {
	const search = new URLSearchParams(rule.filters);
	search.set('tz', rule.tz);
	search.set('as_of', asOf);
	return { ...parseKpiQuery(search), grain: 'week', from, to, by: [], metrics };
}

/** The page a metric is read on: SLA metrics on the SLA page, self-service on its own, the rest on the overview. */
function metricPage(metric: string): string {
	if (metric.startsWith('sla_')) return '/sla';
	if (/deflection|self_service|kb_|search/.test(metric)) return '/self-service';
	return '/';
}

/** The page that shows a rule's numbers, with its filters, zone, hours and as_of: what the message said. */
function viewPath(page: string, q: KpiQuery, extra: Record<string, string> = {}): string {
	const search = new URLSearchParams(q.where ? Object.entries(q.where).flatMap(([k, vs]) => (vs ?? []).map((v) => [k, v])) : []);
	search.set('tz', q.tz);
	if (q.hours) search.set('hours', q.hours);
	search.set('as_of', q.asOf);
	for (const [k, v] of Object.entries(extra)) search.set(k, v);
	return `${page}?${search}`;
}

/** The week a rule judges at `asOf`: the week of the newest ticket event, or null before any data. */
async function judgedWeek(db: Database, asOf: string, tz: string): Promise<{ week: string; instant: string } | null> {
	const [row] = await db.query(sqlText('delivery/newest_activity'), { as_of: asOf });
	if (!row?.newest) return null;
	const instant = new Date(String(row.newest)).toISOString();
	return { week: isoWeekLabel(localDate(instant, tz)), instant };
}

async function judgeMetric(db: Database, rule: AlertRule, asOf: string, judged: { week: string }): Promise<Judgement> {
	const metric = rule.metric!;
	const info = metricInfo(metric)!;
	const change = rule.condition === 'change_pct' || rule.condition === 'change_points';
	let week = judged.week;
	// A change compares whole weeks: a week under way is judged once it is over.
	if (change && weekProgress(week, asOf, rule.tz) !== 'complete') week = isoWeekLabel(addLocalDays(isoWeekStart(week), -7));
	const start = isoWeekStart(week);
	const previousStart = addLocalDays(start, -7);
	const q = ruleQuery(rule, asOf, previousStart, addLocalDays(start, 7), [metric]);
	const result = await computeKpis(db, q);
	const at = (s: string) => result.rows.findIndex((r) => r.period_start === s);
	const i = at(start);
	const value = i < 0 ? null : ((result.rows[i][metric] as number | null) ?? null);
	const n = i < 0 ? 0 : (result.samples[i].n[metric] ?? 0);
	const p = at(previousStart);
	const previous = p < 0 ? null : ((result.rows[p][metric] as number | null) ?? null);
	const so = weekProgress(week, asOf, rule.tz) === 'complete' ? '' : ' so far';
	const currency = result.meta.currency;
	const shown = (v: number | null) => formatMetric(v, info.unit, currency);
	// Counts are their own sample; rates and medians say how many items they rest on.
	const sample = info.unit === 'count' ? '' : ` (${n} ${n === 1 ? 'item' : 'items'}${result.samples[i]?.low_sample.includes(metric) ? ', low sample' : ''})`;
	const valueLine = `${info.label} in ${week}${so}: ${shown(value)}${sample}; ${isoWeekLabel(previousStart)}: ${shown(previous)}.`;
	let fired = false;
	const lines = [valueLine];
	if (value !== null && (rule.condition === 'above' || rule.condition === 'below')) {
		fired = rule.condition === 'above' ? value > rule.threshold! : value < rule.threshold!;
		lines.push(`Threshold: ${rule.condition} ${shown(rule.threshold)}.`);
	} else if (change && value !== null && previous !== null) {
		const delta = rule.condition === 'change_points' ? (value - previous) * 100 : previous === 0 ? null : ((value - previous) / previous) * 100;
		if (delta !== null) {
			const beyond = Math.abs(delta) > rule.threshold!;
			fired = beyond && (rule.direction === 'any' || (rule.direction === 'up' ? delta > 0 : delta < 0));
			lines.push(`Change week over week: ${formatChange(changeOf(value, previous, rule.condition === 'change_points' ? 'rate' : 'number'))}; the rule's threshold: ${rule.threshold} ${rule.condition === 'change_points' ? 'points' : '%'} (${rule.direction}).`);
		}
	}
	const ticketMetric = info.drill ? metric : 'tickets_created';
	return {
		fired,
		week,
		lines,
		view: viewPath(metricPage(metric), q),
		tickets: ticketsPageHref(weekTicketsParams(q, start, ticketMetric))
	};
}

async function judgeFlags(db: Database, rule: AlertRule, asOf: string, judged: { week: string }): Promise<Judgement> {
	const start = isoWeekStart(judged.week);
	const q = ruleQuery(rule, asOf, start, addLocalDays(start, 7), []);
	const flags = await computeFlags(db, { ...q, week: judged.week });
	const lines = flags.rows.length ? flags.rows.map((f) => `${f.flag.replace(/_/g, ' ')}: ${f.message}`) : [`No review flag in ${judged.week}.`];
	const first = flags.rows[0];
	return {
		fired: flags.rows.length > 0,
		week: judged.week,
		lines,
		view: viewPath('/review', q, { week: judged.week }),
		tickets: first ? ticketsPageHref(first.tickets) : null
	};
}

async function judgeAnomalies(db: Database, rule: AlertRule, asOf: string, judged: { week: string; instant: string }): Promise<Judgement> {
	let week = judged.week;
	let from = isoWeekStart(week);
	let to = addLocalDays(from, 7);
	if (weekProgress(week, asOf, rule.tz) !== 'complete') {
		// The week's complete days, tested against the same weekdays before; none yet on its
		// Monday, when the last complete week is judged instead.
		const today = lastLocalDate(judged.instant, rule.tz);
		if (today > from) to = today;
		else {
			week = isoWeekLabel(addLocalDays(from, -7));
			from = isoWeekStart(week);
			to = addLocalDays(from, 7);
		}
	}
	const q = ruleQuery(rule, asOf, from, to, []);
	const result = await computeAnomalies(db, { ...q, windowFrom: from, windowTo: to, week: to === addLocalDays(from, 7) ? week : null });
	const level = rule.threshold!;
	const found = [...result.kpis.filter((k) => k.p_value < level), ...result.rows.filter((r) => r.p_value < level)];
	const lines = found.length ? found.slice(0, 10).map((a) => a.message) : [`No anomaly with p below ${level} from ${from} to ${to} (exclusive).`];
	if (found.length > 10) lines.push(`and ${found.length - 10} more in the anomalies report.`);
	return {
		fired: found.length > 0,
		week,
		lines,
		view: viewPath('/review', q, { week }),
		tickets: found[0] ? ticketsPageHref(found[0].tickets_params) : null
	};
}

function judge(db: Database, rule: AlertRule, asOf: string, judged: { week: string; instant: string }): Promise<Judgement> {
	if (rule.condition === 'flag') return judgeFlags(db, rule, asOf, judged);
	if (rule.condition === 'anomaly') return judgeAnomalies(db, rule, asOf, judged);
	return judgeMetric(db, rule, asOf, judged);
}

/** The alert's message: what held, the numbers, the view and its tickets. */
function alertMessage(rule: AlertRule, j: Judgement, asOf: string): StoredMessage {
	const view = absoluteUrl(j.view);
	const tickets = j.tickets ? absoluteUrl(j.tickets) : null;
	const headline = `${conditionText(rule)}: true in ${j.week}`;
	const context = `Evaluated ${localTime(asOf, rule.tz)}; weeks are ISO weeks in ${rule.tz}; filters: ${formatFilters(parseKpiQuery(new URLSearchParams(rule.filters)).where)}.`;
	const links = [`Open the view in deskpulse: ${view}`, ...(tickets ? [`The tickets (analysts sign in): ${tickets}`] : [])];
	const text = [`# ${rule.name}`, '', headline + '.', '', ...j.lines.map((l) => `- ${l}`), '', context, '', ...links, ''].join('\n');
	const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(rule.name)}</title></head><body style="font:14px/1.45 system-ui,sans-serif;color:#1d2125">
<h1 style="font-size:1.3rem">${escapeHtml(rule.name)}</h1><p><strong>${escapeHtml(headline)}.</strong></p>
<ul>${j.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>
<p style="color:#5c6670">${escapeHtml(context)}</p>
<p><a href="${escapeHtml(view)}">Open the view in deskpulse</a>${tickets ? ` · <a href="${escapeHtml(tickets)}">the tickets</a> (analysts sign in)` : ''}</p></body></html>`;
	return {
		subject: `deskpulse alert: ${rule.name} (${j.week})`,
		html,
		text,
		chat: { title: `Alert: ${headline}`, lines: [...j.lines, ...(tickets ? [`Tickets: ${tickets}`] : [])], link: view },
		attach: [],
		file_stem: `deskpulse-alert-${rule.rule_id}-${j.week}`,
		message_key: `alert-${rule.rule_id}-${j.week}`
	};
}

/**
 * Evaluates every rule not muted (or the given ones) at `now` and sends what fired for a
 * week it had not fired for. `trigger` says why (an import, the schedule, an admin) for the log.
 */
export function evaluateAlerts(
	db: Database,
	now: Date,
	trigger: 'import' | 'schedule' | 'admin',
	options: { ruleIds?: number[]; delivery?: DeliveryOptions } = {}
): Promise<{ findings: AlertFinding[]; outcomes: SendOutcome[] }> {
	return serialized(async () => {
		const asOf = new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString();
		const rules = options.ruleIds ? await Promise.all(options.ruleIds.map((id) => findAlertRule(db, id))) : await activeAlertRules(db);
		const findings: AlertFinding[] = [];
		const messages: number[] = [];
		for (const rule of rules) {
			const judged = await judgedWeek(db, asOf, rule.tz);
			if (!judged) {
				findings.push({ rule_id: rule.rule_id, name: rule.name, week: '', fired: false, queued: false, summary: 'no tickets to judge yet' });
				continue;
			}
			let j: Judgement;
			try {
				j = await judge(db, rule, asOf, judged);
			} catch (e) {
				console.error(`[delivery] alert rule ${rule.rule_id} (${trigger}):`, e);
				findings.push({ rule_id: rule.rule_id, name: rule.name, week: judged.week, fired: false, queued: false, summary: `could not be evaluated: ${(e as Error).message}` });
				continue;
			}
			let queued = false;
			if (j.fired && !rule.muted) {
				const id = await queueMessage(db, { kind: 'alert', sourceId: rule.rule_id, period: j.week, stored: alertMessage(rule, j, asOf), recipients: rule.recipients }, now);
				if (id !== null) {
					messages.push(id);
					queued = true;
				}
			}
			findings.push({ rule_id: rule.rule_id, name: rule.name, week: j.week, fired: j.fired, queued, summary: j.lines.join(' ') });
		}
		const outcomes: SendOutcome[] = [];
		for (const messageId of messages) outcomes.push(...(await sendDueDeliveries(db, now, { messageId, delivery: options.delivery })));
		return { findings, outcomes };
	});
}

/** How long an import waits for its alerts before it reports done; the scheduler sends what is left. */
const AFTER_IMPORT_WAIT_MS = 15_000;

/**
 * The alert rules after an import that changed the data: evaluated and sent before the import
 * reports done (so a script that imports and then reads its mailbox finds the alert), but
 * never holding an import longer than AFTER_IMPORT_WAIT_MS behind a slow mail server: the
 * rest is sent in the background, and the scheduler retries what failed.
 */
export async function alertsAfterImport(db: Database): Promise<void> {
	const work = evaluateAlerts(db, new Date(), 'import').catch((e) => console.error('[delivery] alerts after an import:', e));
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, AFTER_IMPORT_WAIT_MS).unref()))]);
	clearTimeout(timer);
}
