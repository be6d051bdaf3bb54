import type { Database } from '../db/database';
import { sqlText } from '../db/sql-files';
import { UserError } from '../auth/users';
import type { KpiQuery } from '../../filters';
import { daysBetween, isCalendarDate, localDate, localMidnight } from '../../periods';
import {
	describeGroup,
	formatEffect,
	formatInterval,
	ORG_DIMENSIONS,
	PILOT_DIMENSIONS,
	PILOT_METRICS,
	pilotMetric,
	type Pilot,
	type PilotGroup,
	type PilotResult,
	type PilotRow,
	type PilotVerdict,
	type PilotWeek,
	type TeamFigure
} from '../../pilots';
import { computeKpis, reportHours } from './kpis';
import { cachedResult } from './result-cache';
import { recordAudit } from '../auth/audit';
import type { Actor } from '../auth/manage';
import { mayAccess } from '../../access';
import type { Principal } from '../../roles';

/**
 * Pilots (docs/pilots.md): a change tried on one group from a start date, stored in the
 * database, and its result: before/after for the treated and the control group, the
 * difference-in-differences of each metric with its 95 % interval (sql/reports/pilot.sql),
 * and a verdict against the threshold the pilot names. Pages, API and CLI call these.
 */

/** Weeks before the start the result compares with (fewer when the history is shorter). */
export const BEFORE_WEEKS = 13;
/** Weeks after the start it reads at most. */
export const MAX_AFTER_WEEKS = 26;
/** Bootstrap replicates behind the medians' and tickets per customer's intervals. */
export const REPLICATES = 1000;
/** After-weeks below which no verdict but "wait" is given. */
export const MIN_AFTER_WEEKS = 2;
/** A verdict's horizon: an effect that would need longer to settle is called too close to tell. */
const MAX_WEEKS_NEEDED = 52;

/** The verdict's rule when the pilot names none: deflection for customer groups, tickets per customer otherwise. */
export const DEFAULT_RULES = {
	deflection_rate: 5,
	tickets_per_customer: 10,
	csat_tolerance: 2
} as const;

export type PilotInput = Omit<Pilot, 'pilot_id' | 'created_at' | 'created_by'>;

const MAX_VALUES = 200;

/** A group from `{dimension: values}` (values a list or a comma-separated string). */
export function parseGroup(raw: unknown, what: string): PilotGroup | null {
	if (raw === null || raw === undefined || raw === '') return null;
	if (typeof raw !== 'object' || Array.isArray(raw)) throw new UserError(`${what} is an object of dimension -> values, e.g. {"category": ["how_to"]}`);
	const group: PilotGroup = {};
	for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
		if (!(PILOT_DIMENSIONS as readonly string[]).includes(key)) throw new UserError(`${what}: "${key}" is not a pilot dimension (${PILOT_DIMENSIONS.join(', ')})`);
		const list = (Array.isArray(value) ? value : String(value ?? '').split(','))
			.map((v) => String(v).trim())
			.filter((v) => v !== '');
		if (list.length > MAX_VALUES) throw new UserError(`${what}: at most ${MAX_VALUES} values per dimension`);
		if (list.some((v) => v.length > 200)) throw new UserError(`${what}: a value is at most 200 characters`);
		if (list.length) group[key as keyof PilotGroup] = [...new Set(list)];
	}
	return Object.keys(group).length ? group : null;
}

/** Whether a group names only what an org carries (so it has its own self-service sessions). */
export function isCustomerGroup(group: PilotGroup): boolean {
	return Object.keys(group).every((d) => (ORG_DIMENSIONS as readonly string[]).includes(d));
}

/**
 * An instant from what a person types: an ISO instant with its offset, or a local date or
 * date-time ('2026-05-18', '2026-05-18T15:00') in `tz`.
 */
export function parseInstant(value: unknown, tz: string, what: string): string {
	const text = String(value ?? '').trim();
	const local = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(text);
	if (local) {
		if (!isCalendarDate(local[1])) throw new UserError(`${what} "${text}" is not a date`);
		const minutes = local[2] ? Number(local[2]) * 60 + Number(local[3]) : 0;
		if (minutes >= 24 * 60) throw new UserError(`${what} "${text}" is not a time of day`);
		return new Date(localMidnight(local[1], tz) + minutes * 60_000).toISOString();
	}
	if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text) && Number.isFinite(Date.parse(text))) {
		return new Date(text).toISOString();
	}
	throw new UserError(`${what} must be a date (2026-05-18), a local time (2026-05-18T15:00) or an ISO instant, got "${text}"`);
}

/** A pilot as entered (page form, API body, CLI flags), checked. Dates without an offset are local to `tz`. */
export function parsePilotInput(raw: Record<string, unknown>, tz: string): PilotInput {
	const name = String(raw.name ?? '').trim();
	if (name.length < 1 || name.length > 120 || /[\u0000-\u001f]/.test(name)) throw new UserError('a pilot needs a name of 1 to 120 characters');
	const startsAt = parseInstant(raw.start ?? raw.starts_at, tz, 'start');
	const endRaw = raw.end ?? raw.ends_at;
	const endsAt = endRaw === null || endRaw === undefined || endRaw === '' ? null : parseInstant(endRaw, tz, 'end');
	if (endsAt !== null && Date.parse(endsAt) <= Date.parse(startsAt)) throw new UserError('a pilot ends after it starts');
	const treated = parseGroup(raw.treated, 'treated');
	if (!treated) throw new UserError('a pilot needs a treated group: a segment, plan, category, channel, tag or list of orgs');
	const control = parseGroup(raw.control, 'control');
	const metricId = String(raw.metric ?? '').trim() || (isCustomerGroup(treated) ? 'deflection_rate' : 'tickets_per_customer');
	const metric = pilotMetric(metricId);
	if (!metric) throw new UserError(`metric must be one of ${PILOT_METRICS.map((m) => m.id).join(', ')}, got "${metricId}"`);
	if (metric.id === 'deflection_rate' && !(isCustomerGroup(treated) && (control === null || isCustomerGroup(control)))) {
		throw new UserError('deflection can only judge groups of customers (segment, plan, org, source): self-service sessions carry no category, channel or tag');
	}
	const minEffect = numberOr(raw.min_effect, metric.id === 'deflection_rate' ? DEFAULT_RULES.deflection_rate : metric.id === 'tickets_per_customer' ? DEFAULT_RULES.tickets_per_customer : 0, 'min_effect');
	const tolerance = numberOr(raw.csat_tolerance, DEFAULT_RULES.csat_tolerance, 'csat_tolerance');
	if (tolerance < 0 || tolerance > 100) throw new UserError('csat_tolerance is 0 to 100 points');
	// The improvement's size: its direction is the metric's (fewer tickets, more deflection).
	return { name, starts_at: startsAt, ends_at: endsAt, treated, control, metric: metric.id, min_effect: Math.abs(minEffect), csat_tolerance: tolerance };
}

function numberOr(value: unknown, fallback: number, what: string): number {
	if (value === null || value === undefined || String(value).trim() === '') return fallback;
	const n = Number(String(value).trim().replace(/\s*(%|points?|pts|min)$/i, ''));
	if (!Number.isFinite(n) || Math.abs(n) > 100_000) throw new UserError(`${what} must be a number, got "${value}"`);
	return n;
}

function pilotOf(row: Record<string, unknown>): Pilot {
	return {
		pilot_id: Number(row.pilot_id),
		name: String(row.name),
		starts_at: new Date(String(row.starts_at)).toISOString(),
		ends_at: row.ends_at === null ? null : new Date(String(row.ends_at)).toISOString(),
		treated: JSON.parse(String(row.treated)) as PilotGroup,
		control: row.control === null ? null : (JSON.parse(String(row.control)) as PilotGroup),
		metric: String(row.metric),
		min_effect: Number(row.min_effect),
		csat_tolerance: Number(row.csat_tolerance),
		created_at: new Date(String(row.created_at)).toISOString(),
		created_by: row.created_by === null ? null : String(row.created_by)
	};
}

export async function createPilot(db: Database, input: PilotInput, createdBy: string | null, now = new Date()): Promise<Pilot> {
	const [row] = await db.query(sqlText('pilots/insert_pilot'), {
		name: input.name,
		starts_at: input.starts_at,
		ends_at: input.ends_at,
		treated: JSON.stringify(input.treated),
		control: input.control === null ? null : JSON.stringify(input.control),
		metric: input.metric,
		min_effect: input.min_effect,
		csat_tolerance: input.csat_tolerance,
		created_at: now.toISOString(),
		created_by: createdBy
	});
	return pilotOf(row);
}

/** Every pilot, the newest start first. */
export async function listPilots(db: Database): Promise<Pilot[]> {
	return (await db.query(sqlText('pilots/list_pilots'), {})).map(pilotOf);
}

/** No pilot has the id a request names (a 404, not a bad request). */
export class PilotNotFound extends UserError {}

export async function findPilot(db: Database, id: number): Promise<Pilot> {
	const [row] = Number.isInteger(id) && id > 0 && id < 2 ** 31 ? await db.query(sqlText('pilots/find_pilot'), { pilot_id: id }) : [];
	if (!row) throw new PilotNotFound(`no pilot ${id}`);
	return pilotOf(row);
}

/** Creates a pilot and records who did in the audit log. */
export async function addPilotAudited(db: Database, actor: Actor, input: PilotInput): Promise<Pilot> {
	const pilot = await createPilot(db, input, actor.principal.name);
	await recordAudit(db, { actor: actor.principal, action: 'pilot-add', subject: pilot.name, detail: { pilot_id: pilot.pilot_id }, ip: actor.ip });
	return pilot;
}

/**
 * Ends a pilot at `end` (a date, a local time in `tz`, an instant; empty: now), after its
 * start and not already ended: the after period stops there and the verdict becomes final.
 */
export async function endPilotAudited(db: Database, actor: Actor, id: number, end: unknown, tz: string, now = new Date()): Promise<Pilot> {
	const pilot = await findPilot(db, id);
	if (pilot.ends_at !== null && Date.parse(pilot.ends_at) <= now.getTime()) throw new UserError(`pilot ${id} already ended at ${pilot.ends_at}`);
	const endsAt = end === undefined || end === null || end === '' ? now.toISOString() : parseInstant(end, tz, 'end');
	if (Date.parse(endsAt) <= Date.parse(pilot.starts_at)) throw new UserError('a pilot ends after it starts');
	const [row] = await db.query(sqlText('pilots/end_pilot'), { pilot_id: id, ends_at: endsAt });
	await recordAudit(db, { actor: actor.principal, action: 'pilot-end', subject: pilot.name, detail: { pilot_id: id, ends_at: endsAt }, ip: actor.ip });
	return pilotOf(row);
}

/** One line of the pilots list: the pilot, whether it runs, and its verdict as of `asOf`. */
export interface PilotSummary extends Pilot {
	running: boolean;
	after_weeks: number;
	verdict: PilotVerdict;
	effect: number | null;
	effect_lo: number | null;
	effect_hi: number | null;
}

/**
 * Every pilot with its verdict (the newest start first), or those `keep` picks: each verdict
 * is a pilot report, so a caller that needs some pilots picks them before they are computed.
 */
export async function listPilotSummaries(
	db: Database,
	q: Pick<KpiQuery, 'asOf' | 'hours' | 'tz'>,
	keep: (pilot: Pilot) => boolean = () => true
): Promise<PilotSummary[]> {
	const summaries: PilotSummary[] = [];
	for (const pilot of (await listPilots(db)).filter(keep)) {
		const result = await computePilot(db, pilot, q);
		const row = result.rows.find((r) => r.metric === pilot.metric);
		summaries.push({
			...pilot,
			running: isRunning(pilot, q.asOf),
			after_weeks: result.meta.after.weeks,
			verdict: result.meta.verdict,
			effect: row?.effect ?? null,
			effect_lo: row?.effect_lo ?? null,
			effect_hi: row?.effect_hi ?? null
		});
	}
	return summaries;
}

/** Who may see who added a pilot: a colleague's sign-in is personal data, which a viewer does not get. */
const CREATOR_ACCESS = 'analyst';

/** A pilot (or a list line) as `principal` may see it: without its creator below CREATOR_ACCESS. */
export function pilotFor<T extends Pilot>(principal: Principal | null, pilot: T): T {
	return mayAccess(principal, CREATOR_ACCESS) ? pilot : { ...pilot, created_by: null };
}

/** A pilot's result as `principal` may see it (pilotFor on its pilot). */
export function pilotResultFor(principal: Principal | null, result: PilotResult): PilotResult {
	return { ...result, meta: { ...result.meta, pilot: pilotFor(principal, result.meta.pilot) } };
}

/** Whether a pilot is running at `asOf`: started, and not ended. */
export function isRunning(pilot: Pilot, asOf: string): boolean {
	const t = Date.parse(asOf);
	return Date.parse(pilot.starts_at) <= t && (pilot.ends_at === null || Date.parse(pilot.ends_at) > t);
}

type Cell = { value: number | null; n: number };

/** A pilot's result as of `q.asOf`, in `q.hours` (the default hours when unset) and `q.tz`. */
export function computePilot(db: Database, pilot: Pilot, q: Pick<KpiQuery, 'asOf' | 'hours' | 'tz'>): Promise<PilotResult> {
	return cachedResult(db, 'pilot', { pilot, asOf: q.asOf, hours: q.hours, tz: q.tz }, (version) => computePilotUncached(db, pilot, q, version));
}

async function computePilotUncached(db: Database, pilot: Pilot, q: Pick<KpiQuery, 'asOf' | 'hours' | 'tz'>, version: string): Promise<PilotResult> {
	const hours = await reportHours(db, q, version);
	const raw = await db.query(sqlText('reports/pilot'), {
		as_of: q.asOf,
		hours,
		starts_at: pilot.starts_at,
		ends_at: pilot.ends_at,
		treated: JSON.stringify(pilot.treated),
		control: pilot.control === null ? null : JSON.stringify(pilot.control),
		before_weeks: BEFORE_WEEKS,
		max_after_weeks: MAX_AFTER_WEEKS,
		replicates: REPLICATES
	});
	const windowRow = raw.find((r) => r.kind === 'window');
	const beforeWeeks = Number(windowRow?.before_weeks ?? 0);
	const afterWeeks = Number(windowRow?.after_weeks ?? 0);
	const start = Date.parse(pilot.starts_at);
	const weekMs = 7 * 86_400_000;
	const at = (weeks: number) => new Date(start + weeks * weekMs).toISOString();

	const cells = new Map<string, Cell>();
	for (const r of raw.filter((r) => r.kind === 'cell')) {
		cells.set(`${r.metric}|${r.grp}|${r.period}`, {
			value: r.value === null ? null : Number(r.value),
			n: Number(r.n ?? 0)
		});
	}
	const effects = new Map(raw.filter((r) => r.kind === 'effect').map((r) => [String(r.metric), r]));
	const sessionsMeasured = isCustomerGroup(pilot.treated) && (pilot.control === null || isCustomerGroup(pilot.control));

	const rows: PilotRow[] = PILOT_METRICS.map((m) => {
		const cell = (grp: string, period: string) => cells.get(`${m.id}|${grp}|${period}`) ?? { value: null, n: 0 };
		const e = effects.get(m.id);
		const [tb, ta, cb, ca] = [cell('treated', 'before'), cell('treated', 'after'), cell('control', 'before'), cell('control', 'after')];
		let note: string | null = null;
		if (!e) {
			if (m.id === 'deflection_rate' && !sessionsMeasured) note = 'not measured for these groups: self-service sessions carry no category, channel or tag';
			else if (afterWeeks === 0) note = 'no complete week since the start yet';
			else note = 'a group has no tickets (or ratings, sessions) in a period';
		}
		return {
			metric: m.id,
			label: m.label,
			unit: m.unit,
			treated_before: tb.value,
			treated_after: ta.value,
			control_before: cb.value,
			control_after: ca.value,
			treated_before_n: tb.n,
			treated_after_n: ta.n,
			control_before_n: cb.n,
			control_after_n: ca.n,
			effect: e ? Number(e.value) : null,
			effect_lo: e ? Number(e.lo) : null,
			effect_hi: e ? Number(e.hi) : null,
			note
		};
	});

	const pre = effects.get('pre_trend');
	const preTrend = pre ? { effect: Number(pre.value), lo: Number(pre.lo), hi: Number(pre.hi) } : null;

	const weekly = new Map<number, PilotWeek>();
	for (const r of raw.filter((r) => r.kind === 'week')) {
		const w = Number(r.week);
		const entry = weekly.get(w) ?? { week: w, starts_at: at(w), treated_tickets: 0, control_tickets: 0, treated_per_customer: null, control_per_customer: null };
		const perCustomer = Number(r.customers) > 0 ? Number(r.tickets) / Number(r.customers) : null;
		if (r.grp === 'treated') {
			entry.treated_tickets = Number(r.tickets);
			entry.treated_per_customer = perCustomer;
		} else {
			entry.control_tickets = Number(r.tickets);
			entry.control_per_customer = perCustomer;
		}
		weekly.set(w, entry);
	}

	const before = { from: at(-beforeWeeks), to: pilot.starts_at, weeks: beforeWeeks };
	const after = { from: pilot.starts_at, to: at(afterWeeks), weeks: afterWeeks };
	const team = await teamFigures(db, q, before, after);
	const notes = [
		`Treated: ${describeGroup(pilot.treated)}. Control: ${pilot.control ? describeGroup(pilot.control) : 'every ticket not treated'}${pilot.control ? ' (without treated tickets)' : ''}.`,
		`Before: the ${beforeWeeks} weeks before the start; after: ${afterWeeks} complete week${afterWeeks === 1 ? '' : 's'} since it${afterWeeks === MAX_AFTER_WEEKS ? ` (at most ${MAX_AFTER_WEEKS} are read)` : ''}. Weeks run from the start instant, 7 x 24 h.`,
		'Each metric on the tickets created in the period; intervals are 95 %: bootstrap for the medians and tickets per customer, Wilson and MOVER (Newcombe) for the rates.',
		'Cost per ticket and tickets per agent are the whole team\u2019s: costs and agent FTE carry no segment or category, so they have a before and after but no difference-in-differences.'
	];
	return {
		meta: {
			pilot,
			as_of: q.asOf,
			hours,
			tz: q.tz,
			before,
			after,
			verdict: verdictOf(pilot, rows, afterWeeks, beforeWeeks, preTrend, pilot.ends_at !== null && Date.parse(pilot.ends_at) <= Date.parse(q.asOf)),
			pre_trend: preTrend,
			team,
			weeks: [...weekly.values()].sort((a, b) => a.week - b.week),
			notes
		},
		rows
	};
}

/** The team's cost per ticket and tickets per agent per week in the two windows, from the metric registry. */
async function teamFigures(
	db: Database,
	q: Pick<KpiQuery, 'asOf' | 'hours' | 'tz'>,
	before: { from: string; to: string },
	after: { from: string; to: string }
): Promise<TeamFigure[]> {
	const window = async (range: { from: string; to: string }) => {
		const from = localDate(range.from, q.tz);
		const to = localDate(range.to, q.tz);
		if (daysBetween(from, to) <= 0) return { costPerTicket: null, perAgent: null };
		const result = await computeKpis(db, {
			grain: 'day',
			from,
			to,
			tz: q.tz,
			hours: q.hours,
			by: [],
			where: {},
			metrics: ['support_cost', 'tickets_solved', 'agent_fte'],
			asOf: q.asOf
		});
		let cost = 0;
		let costSolved = 0;
		let solvedWithFte = 0;
		let fteDays = 0;
		for (const row of result.rows) {
			const solved = Number(row.tickets_solved ?? 0);
			if (row.support_cost !== null && row.support_cost !== undefined) {
				cost += Number(row.support_cost);
				costSolved += solved;
			}
			if (row.agent_fte !== null && row.agent_fte !== undefined && Number(row.agent_fte) > 0) {
				solvedWithFte += solved;
				fteDays += Number(row.agent_fte);
			}
		}
		return {
			costPerTicket: costSolved > 0 ? cost / costSolved : null,
			// Solved per FTE-day, as a week's worth: the same as a week's tickets per agent.
			perAgent: fteDays > 0 ? (solvedWithFte / fteDays) * 7 : null
		};
	};
	const [b, a] = await Promise.all([window(before), window(after)]);
	return [
		{ metric: 'cost_per_ticket', label: 'Cost per ticket (whole team)', before: b.costPerTicket, after: a.costPerTicket },
		{ metric: 'tickets_per_agent', label: 'Tickets per agent per week (whole team)', before: b.perAgent, after: a.perAgent }
	];
}

/**
 * The verdict against the pilot's rule: "scale" when the whole interval of its metric is past
 * the threshold in the good direction and CSAT held (not significantly worse, and not worse
 * than the tolerance); "stop" when even the interval's best end does not reach the
 * threshold, or when the pilot ended with its interval still across the threshold; "hold"
 * when the metric passed but CSAT did not; "wait" while a running pilot's interval still
 * straddles the threshold, with the weeks it would need at its present width (the width
 * shrinks as sqrt(1/after + 1/before)).
 */
export function verdictOf(
	pilot: Pick<Pilot, 'metric' | 'min_effect' | 'csat_tolerance'>,
	rows: PilotRow[],
	afterWeeks: number,
	beforeWeeks: number,
	preTrend: { effect: number; lo: number; hi: number } | null,
	ended = false
): PilotVerdict {
	const metric = pilotMetric(pilot.metric)!;
	const row = rows.find((r) => r.metric === metric.id);
	const sign = metric.better === 'up' ? 1 : -1;
	const threshold = sign * pilot.min_effect;
	const thresholdText = formatEffect(threshold, metric.unit);
	const label = metric.label.toLowerCase();
	const caution =
		preTrend && (preTrend.lo > 0 || preTrend.hi < 0)
			? `Before the start the groups were already drifting apart (tickets per customer ${formatEffect(preTrend.effect, 'percent')} ${formatInterval(preTrend.lo, preTrend.hi, 'percent')} between the two halves of the before period): part of the effect may be that drift.`
			: null;
	if (afterWeeks === 0) return { status: 'no_data', text: 'Not started yet: no complete week since the start.', weeks_needed: MIN_AFTER_WEEKS, caution: null };
	if (!row || row.effect === null || row.effect_lo === null || row.effect_hi === null) {
		return { status: 'no_data', text: `No verdict: ${label} ${row?.note ?? 'is not measured'}.`, weeks_needed: null, caution };
	}
	const said = `${label} ${formatEffect(row.effect, metric.unit)} ${formatInterval(row.effect_lo, row.effect_hi, metric.unit)}`;
	// The interval's ends, as improvements (positive = better).
	const worst = Math.min(sign * row.effect_lo, sign * row.effect_hi);
	const best = Math.max(sign * row.effect_lo, sign * row.effect_hi);
	const csat = rows.find((r) => r.metric === 'csat_rate');
	const csatSaid = csat && csat.effect !== null ? `CSAT ${formatEffect(csat.effect, 'points')} ${formatInterval(csat.effect_lo, csat.effect_hi, 'points')}` : 'CSAT not measured';
	const csatHeld =
		metric.id === 'csat_rate' || !csat || csat.effect === null || csat.effect_hi === null
			? true
			: !(csat.effect_hi < 0) && csat.effect >= -pilot.csat_tolerance;

	if (afterWeeks >= MIN_AFTER_WEEKS && worst >= pilot.min_effect) {
		if (csatHeld) return { status: 'scale', text: `Scale it: ${said}, beyond the ${thresholdText} threshold; ${csatSaid}.`, weeks_needed: null, caution };
		return { status: 'hold', text: `Hold: ${said} passes ${thresholdText}, but ${csatSaid} fell more than the ${pilot.csat_tolerance}-point tolerance allows.`, weeks_needed: null, caution };
	}
	if (afterWeeks >= MIN_AFTER_WEEKS && best < pilot.min_effect) {
		return { status: 'stop', text: `Do not scale: ${said} does not reach the ${thresholdText} threshold; ${csatSaid}.`, weeks_needed: null, caution };
	}
	if (ended && afterWeeks >= MIN_AFTER_WEEKS) {
		return { status: 'stop', text: `Inconclusive, do not scale on this: ${said} against the ${thresholdText} threshold, and the pilot has ended.`, weeks_needed: null, caution };
	}
	const needed = weeksNeeded(sign * row.effect, (best - worst) / 2, pilot.min_effect, afterWeeks, beforeWeeks);
	const weeksSaid = `${afterWeeks} week${afterWeeks === 1 ? '' : 's'}`;
	if (needed === null) {
		return {
			status: 'wait',
			text: `Not settled: ${said} against the ${thresholdText} threshold after ${weeksSaid}; at this spread it would take more than a year to settle (the ${beforeWeeks} weeks before the start limit how narrow the interval gets).`,
			weeks_needed: null,
			caution
		};
	}
	return { status: 'wait', text: `Not enough data yet: ${weeksSaid}, need about ${needed} (${said}; threshold ${thresholdText}).`, weeks_needed: needed, caution };
}

/**
 * After-weeks at which an interval of half-width `half` (now, after `after` weeks against
 * `before`) would no longer cover the threshold, if the estimate stays where it is; null
 * when that is more than a year or never (the estimate is at the threshold).
 */
export function weeksNeeded(estimate: number, half: number, threshold: number, after: number, before: number): number | null {
	const distance = Math.abs(estimate - threshold);
	if (half <= 0) return Math.max(after, MIN_AFTER_WEEKS);
	if (after < 1 || before < 1) return null;
	const room = (distance / half) ** 2 * (1 / after + 1 / before) - 1 / before;
	if (room <= 0) return null;
	const weeks = Math.max(MIN_AFTER_WEEKS, Math.ceil(1 / room));
	return weeks > MAX_WEEKS_NEEDED ? null : Math.max(weeks, after + 1);
}

