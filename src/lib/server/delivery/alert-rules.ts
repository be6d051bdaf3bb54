import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { UserError } from '../auth/users';
import { recordAudit } from '../auth/audit';
import { DIMENSIONS, FilterError, isTimeZone, parseKpiQuery } from '../../filters';
import { formatFilters, formatMetric } from '../../format';
import { METRIC_IDS, metricInfo, type MetricUnit } from '../../metric-catalog';
import { ALERT_CONDITIONS, CHANGE_DIRECTIONS, type AlertCondition, type AlertRule, type AlertRuleSummary, type ChangeDirection } from '../../delivery';
import { parseTargets, targetText } from './channels';
import { plainName, shownRecipients } from './digests';
import type { Actor } from '../auth/manage';

/** A new alert rule, checked: every field as it will be stored. */
export type AlertRuleInput = Pick<AlertRule, 'name' | 'metric' | 'filters' | 'condition' | 'threshold' | 'direction' | 'recipients' | 'tz'>;

/** The p-value level an anomaly rule uses when none is given: the anomalies report's own 5 %. */
export const DEFAULT_ANOMALY_LEVEL = 0.05;

/**
 * A threshold as a user writes it, in the metric's unit: rates as "85%", "85" (read as percent,
 * since no rate exceeds 1) or "0.85"; durations in minutes, or with h / min ("4h", "90min").
 */
export function parseMetricValue(text: string, unit: MetricUnit): number {
	const t = text.trim().toLowerCase().replace(/\s+/g, '');
	const m = /^(-?\d+(?:\.\d+)?)(%|pts?|h|hours?|m|mins?|minutes?)?$/.exec(t);
	if (!m) throw new UserError(`"${text.slice(0, 40)}" is not a number (a rate as 85% or 0.85, a duration as 240, 4h or 90min)`);
	const n = Number(m[1]);
	const suffix = m[2] ?? '';
	if (unit === 'rate') {
		if (suffix && suffix !== '%') throw new UserError(`a rate is a percentage such as 85% or a fraction such as 0.85, got "${text.slice(0, 40)}"`);
		return suffix === '%' || Math.abs(n) > 1 ? n / 100 : n;
	}
	if (unit === 'minutes') {
		if (suffix === '%') throw new UserError(`a duration is minutes (240), hours (4h) or minutes (90min), got "${text.slice(0, 40)}"`);
		return /^h/.test(suffix) ? n * 60 : n;
	}
	if (suffix) throw new UserError(`"${text.slice(0, 40)}": this metric is a plain number`);
	return n;
}

/** A change threshold: "20%" or "20" for percent, "5pts" or "5" for points. Positive. */
function parseChange(text: string): number {
	const m = /^(\d+(?:\.\d+)?)\s*(%|pts?|points?)?$/.exec(text.trim().toLowerCase());
	if (!m || Number(m[1]) <= 0) throw new UserError(`a change is a positive number such as 20% or 5pts, got "${text.slice(0, 40)}"`);
	return Number(m[1]);
}

/** Filters as a query string (`segment=enterprise&plan=premium`) from a string or an object; checked like a page's. */
function parseFilters(value: unknown): string {
	const search = new URLSearchParams();
	if (typeof value === 'string') {
		for (const [k, v] of new URLSearchParams(value.trim().replace(/^\?/, ''))) search.append(k, v);
	} else if (value && typeof value === 'object' && !Array.isArray(value)) {
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
			for (const item of Array.isArray(v) ? v : [v]) if (typeof item === 'string') search.append(k, item);
		}
	} else if (value !== undefined && value !== null) throw new UserError('filters must be a query string such as segment=enterprise, or an object');
	const kept = new URLSearchParams();
	for (const [k, v] of search) {
		if (!(DIMENSIONS as readonly string[]).includes(k) && k !== 'hours') throw new UserError(`filters take ${DIMENSIONS.join(', ')} and hours, got "${k.slice(0, 40)}"`);
		if (v.trim()) kept.append(k, v.trim());
	}
	try {
		parseKpiQuery(kept);
	} catch (e) {
		if (e instanceof FilterError) throw new UserError(`filters: ${e.message}`);
		throw e;
	}
	return kept.toString();
}

/** Reads and checks a new alert rule (API JSON, a page's form, the CLI's flags); throws UserError. */
export function parseAlertRuleInput(body: Record<string, unknown>, defaultTz = 'UTC'): AlertRuleInput {
	const tz = typeof body.tz === 'string' && body.tz.trim() ? body.tz.trim() : defaultTz;
	if (!isTimeZone(tz)) throw new UserError(`tz must be an IANA time zone such as Europe/Berlin, got "${tz.slice(0, 64)}"`);
	// `{"below": "85%"}` says the condition and its threshold in one key, as the CLI's flags do.
	const shorthand = (['above', 'below', 'change_pct', 'change_points', 'anomaly'] as const).filter((key) => body[key] !== undefined && body[key] !== null && body[key] !== false);
	if (body.condition === undefined && shorthand.length === 1) {
		const [key] = shorthand;
		body = { ...body, condition: key, threshold: body[key] === true ? null : body[key] };
	}
	const condition = String(body.condition ?? '').trim();
	if (!(ALERT_CONDITIONS as readonly string[]).includes(condition)) throw new UserError(`condition must be one of ${ALERT_CONDITIONS.join(', ')}, got "${condition.slice(0, 40)}"`);
	const needsMetric = condition !== 'flag' && condition !== 'anomaly';
	const metricText = typeof body.metric === 'string' ? body.metric.trim() : '';
	if (needsMetric && !metricText) throw new UserError(`a ${condition} rule needs a metric (deskpulse kpis --help lists them)`);
	if (!needsMetric && metricText) throw new UserError(`a ${condition} rule takes no metric: it watches every ${condition === 'flag' ? 'review flag' : 'anomaly'} of its filters`);
	if (metricText && !METRIC_IDS.includes(metricText)) throw new UserError(`unknown metric "${metricText.slice(0, 60)}"`);
	const unit = metricText ? metricInfo(metricText)!.unit : null;
	const raw = body.threshold === undefined || body.threshold === null ? '' : String(body.threshold);
	let threshold: number | null = null;
	if (condition === 'above' || condition === 'below') {
		if (!raw) throw new UserError(`a ${condition} rule needs a threshold (e.g. 85% for a rate)`);
		threshold = parseMetricValue(raw, unit!);
	} else if (condition === 'change_pct' || condition === 'change_points') {
		if (!raw) throw new UserError(`a ${condition} rule needs a threshold (${condition === 'change_pct' ? 'percent, e.g. 20' : 'points, e.g. 5'})`);
		if (condition === 'change_points' && unit !== 'rate') throw new UserError('a change in points is for rates; use change_pct for this metric');
		threshold = parseChange(raw);
	} else if (condition === 'anomaly') {
		threshold = raw ? Number(raw) : DEFAULT_ANOMALY_LEVEL;
		if (!Number.isFinite(threshold) || threshold <= 0 || threshold > 1) throw new UserError(`an anomaly rule's level is a p-value above 0 and at most 1, got "${raw.slice(0, 40)}"`);
	}
	const direction = String(body.direction ?? 'any').trim() || 'any';
	if (!(CHANGE_DIRECTIONS as readonly string[]).includes(direction)) throw new UserError(`direction must be ${CHANGE_DIRECTIONS.join(', ')}, got "${direction.slice(0, 20)}"`);
	const to = body.to ?? body.recipients ?? body.channels;
	if (to === undefined || to === null || to === '') throw new UserError('say who receives it: to (email addresses, slack:URL or teams:URL, comma-separated)');
	const recipients = parseTargets(to as string | string[]).map(targetText);
	const filters = parseFilters(body.filters ?? body.where);
	const input: AlertRuleInput = { name: '', metric: metricText || null, filters, condition: condition as AlertCondition, threshold, direction: direction as ChangeDirection, recipients, tz };
	const name = plainName(body.name) ?? conditionText(input);
	return { ...input, name };
}

function signedWord(direction: ChangeDirection): string {
	return direction === 'up' ? 'rises' : direction === 'down' ? 'falls' : 'moves';
}

/** A rule's condition in words: "CSAT below 85.0 % for segment = enterprise". */
export function conditionText(rule: Pick<AlertRule, 'metric' | 'filters' | 'condition' | 'threshold' | 'direction'>): string {
	const where = formatFilters(parseKpiQuery(new URLSearchParams(rule.filters)).where);
	const scope = where === 'none' ? '' : ` for ${where}`;
	const info = rule.metric ? metricInfo(rule.metric) : undefined;
	const label = info?.label ?? rule.metric ?? '';
	switch (rule.condition) {
		case 'above':
		case 'below':
			return `${label} ${rule.condition} ${formatMetric(rule.threshold, info?.unit ?? 'number')}${scope}`;
		case 'change_pct':
			return `${label} ${signedWord(rule.direction)} by more than ${rule.threshold} % week over week${scope}`;
		case 'change_points':
			return `${label} ${signedWord(rule.direction)} by more than ${rule.threshold} points week over week${scope}`;
		case 'flag':
			return `any review flag${scope}`;
		case 'anomaly':
			return `any anomaly with p below ${rule.threshold}${scope}`;
	}
}

export function ruleOf(row: Record<string, unknown>): AlertRule {
	return {
		rule_id: Number(row.rule_id),
		name: String(row.name),
		metric: row.metric === null ? null : String(row.metric),
		filters: String(row.filters ?? ''),
		condition: String(row.condition) as AlertCondition,
		threshold: row.threshold === null ? null : Number(row.threshold),
		direction: String(row.direction ?? 'any') as ChangeDirection,
		recipients: JSON.parse(String(row.recipients)) as string[],
		tz: String(row.tz),
		muted: row.muted === true,
		created_at: new Date(String(row.created_at)).toISOString(),
		created_by: row.created_by === null ? null : String(row.created_by)
	};
}

export class AlertRuleNotFound extends UserError {}

export async function createAlertRule(db: Database, input: AlertRuleInput, createdBy: string | null, now = new Date()): Promise<AlertRule> {
	const [row] = await db.query(sqlText('delivery/insert_rule'), {
		...input,
		recipients: JSON.stringify(input.recipients),
		created_at: now.toISOString(),
		created_by: createdBy
	});
	return ruleOf(row);
}

export async function findAlertRule(db: Database, id: number): Promise<AlertRule> {
	const [row] = Number.isInteger(id) && id > 0 && id < 2 ** 31 ? await db.query(sqlText('delivery/find_rule'), { rule_id: id }) : [];
	if (!row) throw new AlertRuleNotFound(`no alert rule ${id}`);
	return ruleOf(row);
}

/** The rules not muted, as stored: what an evaluation judges. */
export async function activeAlertRules(db: Database): Promise<AlertRule[]> {
	return (await db.query(sqlText('delivery/active_rule_rows'), {})).map(ruleOf);
}

export async function listAlertRules(db: Database): Promise<AlertRuleSummary[]> {
	return (await db.query(sqlText('delivery/list_rules'), {})).map((row) => {
		const { recipients, ...rule } = ruleOf(row);
		return {
			...rule,
			condition_text: conditionText(rule),
			recipients_shown: shownRecipients(recipients),
			last_fired_week: row.last_fired_week === null ? null : String(row.last_fired_week),
			failed_deliveries: Number(row.failed_deliveries ?? 0)
		};
	});
}

export async function addAlertRuleAudited(db: Database, actor: Actor, input: AlertRuleInput): Promise<AlertRule> {
	const rule = await createAlertRule(db, input, actor.principal.name);
	await recordAudit(db, { actor: actor.principal, action: 'alert-add', subject: rule.name, detail: { rule_id: rule.rule_id, recipients: rule.recipients.length }, ip: actor.ip });
	return rule;
}

/** Mutes or unmutes a rule: a muted rule stays listed and is not evaluated. */
export async function setAlertRuleMutedAudited(db: Database, actor: Actor, id: number, muted: boolean): Promise<AlertRule> {
	await findAlertRule(db, id);
	const [row] = await db.query(sqlText('delivery/set_rule_muted'), { rule_id: id, muted });
	const rule = ruleOf(row);
	await recordAudit(db, { actor: actor.principal, action: muted ? 'alert-mute' : 'alert-unmute', subject: rule.name, detail: { rule_id: id }, ip: actor.ip });
	return rule;
}

export async function removeAlertRuleAudited(db: Database, actor: Actor, id: number): Promise<void> {
	const rule = await findAlertRule(db, id);
	await db.transaction(async (conn) => {
		await conn.run(sqlText('delivery/drop_unsent_alert_deliveries'), { rule_id: id });
		await conn.run(sqlText('delivery/remove_rule'), { rule_id: id });
	});
	await recordAudit(db, { actor: actor.principal, action: 'alert-remove', subject: rule.name, detail: { rule_id: id }, ip: actor.ip });
}
