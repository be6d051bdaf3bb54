/**
 * Pilots, shared by the server and the page: what a pilot is, the metrics it is judged on
 * and the shape of its result (src/lib/server/metrics/pilots.ts computes it from
 * sql/reports/pilot.sql; docs/pilots.md explains the method).
 */

/** The dimensions a pilot's groups are given by: what a ticket or a customer carries. */
export const PILOT_DIMENSIONS = ['segment', 'plan', 'channel', 'category', 'tag', 'org', 'priority', 'source'] as const;
export type PilotDimension = (typeof PILOT_DIMENSIONS)[number];

/** The dimensions an org carries: a group named by these alone is a set of customers. */
export const ORG_DIMENSIONS: readonly PilotDimension[] = ['segment', 'plan', 'org', 'source'];

/** A group of tickets: dimension -> accepted values (any of them; for tags any of the ticket's). */
export type PilotGroup = Partial<Record<PilotDimension, string[]>>;

export interface PilotMetric {
	id: string;
	label: string;
	/** The unit of its difference-in-differences. */
	unit: 'points' | 'percent' | 'minutes';
	/** Which way is better. */
	better: 'up' | 'down';
	/** How its cells' values are shown. */
	value: 'rate' | 'per_customer' | 'minutes';
}

export const PILOT_METRICS: readonly PilotMetric[] = [
	{ id: 'deflection_rate', label: 'Deflection rate', unit: 'points', better: 'up', value: 'rate' },
	{ id: 'tickets_per_customer', label: 'Tickets per customer per week', unit: 'percent', better: 'down', value: 'per_customer' },
	{ id: 'frt_median_min', label: 'First response, median', unit: 'minutes', better: 'down', value: 'minutes' },
	{ id: 'resolution_median_min', label: 'Resolution, median', unit: 'minutes', better: 'down', value: 'minutes' },
	{ id: 'csat_rate', label: 'CSAT', unit: 'points', better: 'up', value: 'rate' },
	{ id: 'reopen_rate', label: 'Reopen rate', unit: 'points', better: 'down', value: 'rate' }
];

export function pilotMetric(id: string): PilotMetric | undefined {
	return PILOT_METRICS.find((m) => m.id === id);
}

/** A stored pilot. */
export interface Pilot {
	pilot_id: number;
	name: string;
	/** ISO instant. */
	starts_at: string;
	/** ISO instant, or null while it runs. */
	ends_at: string | null;
	treated: PilotGroup;
	/** Null: every ticket not in the treated group. */
	control: PilotGroup | null;
	/** The metric the verdict judges, and the least improvement that counts, in its unit. */
	metric: string;
	min_effect: number;
	/** CSAT may fall by at most this many points (and not significantly) for "scale it". */
	csat_tolerance: number;
	created_at: string;
	created_by: string | null;
}

/** One metric of a pilot's result: the four cells and the difference-in-differences. */
export interface PilotRow {
	metric: string;
	label: string;
	unit: PilotMetric['unit'];
	treated_before: number | null;
	treated_after: number | null;
	control_before: number | null;
	control_after: number | null;
	/** Sample sizes of the four cells (tickets, ratings, sessions + tickets). */
	treated_before_n: number;
	treated_after_n: number;
	control_before_n: number;
	control_after_n: number;
	effect: number | null;
	effect_lo: number | null;
	effect_hi: number | null;
	/** Why there is no effect, when there is none. */
	note: string | null;
}

export type VerdictStatus = 'scale' | 'stop' | 'wait' | 'hold' | 'no_data';

export interface PilotVerdict {
	status: VerdictStatus;
	/** The verdict in one sentence, e.g. "Scale it: tickets per customer -62 % [-70, -53] ...". */
	text: string;
	/** For 'wait': after-weeks the interval would need to settle, when it can. */
	weeks_needed: number | null;
	/** A caution that does not change the verdict (the groups drifting apart before the start). */
	caution: string | null;
}

export interface PilotWeek {
	/** Weeks since the start (negative: before). */
	week: number;
	/** The week's first instant (ISO). */
	starts_at: string;
	treated_tickets: number;
	control_tickets: number;
	treated_per_customer: number | null;
	control_per_customer: number | null;
}

/** The whole team's unit economics before and after (costs and FTE carry no group). */
export interface TeamFigure {
	metric: 'cost_per_ticket' | 'tickets_per_agent';
	label: string;
	before: number | null;
	after: number | null;
}

export interface PilotResult {
	meta: {
		pilot: Pilot;
		as_of: string;
		hours: 'business' | 'calendar';
		tz: string;
		before: { from: string; to: string; weeks: number };
		after: { from: string; to: string; weeks: number };
		verdict: PilotVerdict;
		pre_trend: { effect: number; lo: number; hi: number } | null;
		team: TeamFigure[];
		weeks: PilotWeek[];
		notes: string[];
	};
	rows: PilotRow[];
}

export const PILOT_CSV_COLUMNS = [
	'metric',
	'unit',
	'treated_before',
	'treated_after',
	'control_before',
	'control_after',
	'treated_before_n',
	'treated_after_n',
	'control_before_n',
	'control_after_n',
	'effect',
	'effect_lo',
	'effect_hi',
	'note'
] as const;

/** What each verdict is called where a word is enough (a list, a badge). */
export const VERDICT_LABEL: Record<VerdictStatus, string> = { scale: 'Scale it', stop: 'Do not scale', wait: 'Wait', hold: 'Hold', no_data: 'No verdict' };

/** A cell's value as tables show it: rates in %, tickets per customer to 3 places, durations. */
export function formatPilotValue(metric: string, value: number | null, minutes: (m: number) => string): string {
	if (value === null || !Number.isFinite(value)) return '–';
	const kind = pilotMetric(metric)?.value;
	if (kind === 'rate') return `${(value * 100).toFixed(1)} %`;
	if (kind === 'minutes') return minutes(value);
	return value.toFixed(3);
}

/** "+9.0 points", "-62 %", "-36 min": a difference in its unit, with its sign. */
export function formatEffect(value: number | null, unit: PilotMetric['unit']): string {
	if (value === null || !Number.isFinite(value)) return '–';
	const sign = value > 0 ? '+' : value < 0 ? '−' : '';
	const size = Math.abs(value);
	if (unit === 'points') return `${sign}${size.toFixed(1)} points`;
	if (unit === 'percent') return `${sign}${size.toFixed(0)} %`;
	return `${sign}${size.toFixed(0)} min`;
}

/** "[-70, -53]": an interval in the effect's unit, without the unit. */
export function formatInterval(lo: number | null, hi: number | null, unit: PilotMetric['unit']): string {
	if (lo === null || hi === null) return '';
	const digits = unit === 'points' ? 1 : 0;
	const f = (v: number) => (v < 0 ? '−' : '') + Math.abs(v).toFixed(digits);
	return `[${f(lo)}, ${f(hi)}]`;
}

/** A group in words: "category how_to, tag export". */
export function describeGroup(group: PilotGroup | null): string {
	if (group === null) return 'every other ticket';
	const parts = PILOT_DIMENSIONS.filter((d) => group[d]?.length).map((d) => `${d} ${group[d]!.join(' or ')}`);
	return parts.length ? parts.join(', ') : 'every ticket';
}
