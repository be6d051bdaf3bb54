import type { Database, Params } from '../db/database';
import { sqlText } from '../db/sql-files';
import { DIMENSIONS, FilterError, parseShare, type KpiQuery } from '../../filters';
import { filterParam } from './kpis';

/**
 * Agents needed for a channel forecast (sql/reports/staffing.sql): Erlang C per hour of the
 * week for the live channels, workload for the others, as FTE per week; and what that need is
 * held against (the agents on hand, the customers served).
 */

/** The domain's staffing guide: one agent per 400-600 customers. */
export const CUSTOMERS_PER_AGENT = { low: 400, high: 600 } as const;
/** Paid hours per FTE and week (the same 40 h the utilization flag uses). */
export const PAID_HOURS_PER_WEEK = 40;
/** Weeks the agents on hand are counted over (assignees who worked tickets). */
export const AGENT_WEEKS = 4;

export interface StaffingAssumptions {
	/** Share of live contacts to answer within answer_seconds. */
	service_level: number;
	answer_seconds: number;
	/** Paid time not spent on contacts (leave, training, meetings). */
	shrinkage: number;
	/** The most of productive time deferred work (email, forms) may fill. */
	occupancy: number;
	paid_hours: number;
	/** Handle minutes typed by the reader, per channel, over the observed or estimated ones. */
	handle_minutes: Record<string, number>;
	/** Agents on hand typed by the reader; null: counted from the data. */
	agents: number | null;
	/** Customers to plan for, typed by the reader; null: as served now. */
	customers: number | null;
}

export const STAFFING_DEFAULTS = { service_level: 0.8, answer_seconds: 60, shrinkage: 0.3, occupancy: 0.8 } as const;

/** The staffing what-ifs of a forecast query: service level, answer time, shrinkage, occupancy, handle times, agents, customers. */
export function parseStaffingAssumptions(search: URLSearchParams): StaffingAssumptions {
	const number = (param: string, min: number, max: number, integer = false): number | null => {
		const text = search.get(param)?.trim();
		if (!text) return null;
		const value = Number(text);
		if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
			throw new FilterError(param, `${param} must be a ${integer ? 'whole ' : ''}number from ${min} to ${max}, got "${text}"`);
		}
		return value;
	};
	// An empty field of the page's form is the default, as an absent parameter is.
	const given = (param: string) => search.get(param)?.trim() || null;
	const serviceLevel = parseShare('service_level', given('service_level'));
	const shrinkage = parseShare('shrinkage', given('shrinkage'));
	const occupancy = parseShare('occupancy', given('occupancy'));
	if (shrinkage !== null && shrinkage >= 0.95) throw new FilterError('shrinkage', 'shrinkage must be below 95 %: an agent must have some time for contacts');
	if (occupancy !== null && occupancy < 0.1) throw new FilterError('occupancy', 'occupancy must be at least 10 %');
	if (serviceLevel !== null && (serviceLevel <= 0 || serviceLevel >= 1)) throw new FilterError('service_level', 'service_level must be above 0 % and below 100 %');
	return {
		service_level: serviceLevel ?? STAFFING_DEFAULTS.service_level,
		answer_seconds: number('answer_seconds', 1, 86_400, true) ?? STAFFING_DEFAULTS.answer_seconds,
		shrinkage: shrinkage ?? STAFFING_DEFAULTS.shrinkage,
		occupancy: occupancy ?? STAFFING_DEFAULTS.occupancy,
		paid_hours: PAID_HOURS_PER_WEEK,
		handle_minutes: parseHandleMinutes(given('handle_minutes')),
		agents: number('agents', 0, 1_000_000),
		customers: number('customers', 1, 1_000_000_000, true)
	};
}

/** `chat:12,email:6.5`: minutes of agent work per ticket, by channel. */
function parseHandleMinutes(text: string | null): Record<string, number> {
	const out: Record<string, number> = {};
	if (!text?.trim()) return out;
	for (const part of text.split(',')) {
		const at = part.lastIndexOf(':');
		const channel = part.slice(0, at).trim();
		const minutes = Number(part.slice(at + 1).trim());
		if (at < 1 || !channel || !Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60) {
			throw new FilterError('handle_minutes', `handle_minutes takes channel:minutes pairs, e.g. chat:12,email:6.5 (minutes above 0, at most a day), got "${part.trim()}"`);
		}
		out[channel] = minutes;
	}
	return out;
}

export interface StaffingWeek {
	channel: string | null;
	week_start: string;
	tickets: number;
	handle_minutes: number | null;
	handle_source: 'imported' | 'estimate' | 'entered' | null;
	model: 'erlang_c' | 'workload';
	staffed_hours: number | null;
	fte: number | null;
	/** Live channels: the most agents any hour of the week needs at once. */
	agents: number | null;
}

export interface StaffingHour {
	channel: string;
	week_start: string;
	/** 0 = Monday 00:00 in the report's zone. */
	hour_of_week: number;
	/** Whether the channel's schedule is open then: closed hours' contacts wait, worked as deferred. */
	open: boolean;
	arrivals: number;
	handle_minutes: number;
	agents: number;
}

export interface StaffingBase {
	customers: number;
	/** Assignees of the last AGENT_WEEKS weeks' tickets. */
	active_agents: number;
}

/** The windows the mix, the handle times, the customers and the agents are read from. */
export interface StaffingWindow {
	from: string;
	to: string;
	agentsFrom: string;
}

function filterParams(q: KpiQuery): Params {
	const params: Params = {};
	for (const dim of DIMENSIONS) params[`f_${dim}`] = filterParam(q.where[dim]);
	return params;
}

export async function staffingBase(db: Database, q: KpiQuery, window: StaffingWindow): Promise<StaffingBase> {
	const [row] = await db.query<{ customers: number; agents: number }>(sqlText('reports/staffing_base'), {
		...filterParams(q),
		as_of: q.asOf,
		tz: q.tz,
		from: window.from,
		to: window.to,
		agents_from: window.agentsFrom
	});
	return { customers: row?.customers ?? 0, active_agents: row?.agents ?? 0 };
}

/** The staffing of weekly channel forecasts, and the hours of one week for the live channels. */
export async function staffForecasts(
	db: Database,
	q: KpiQuery,
	window: StaffingWindow,
	forecasts: Array<{ channel: string | null; week_start: string; tickets: number }>,
	hoursWeek: string | null,
	assume: StaffingAssumptions
): Promise<{ weeks: StaffingWeek[]; hours: StaffingHour[] }> {
	const rows = await db.query<Record<string, unknown>>(sqlText('reports/staffing'), {
		...filterParams(q),
		as_of: q.asOf,
		tz: q.tz,
		from: window.from,
		to: window.to,
		forecasts: JSON.stringify(forecasts),
		hours_week: hoursWeek,
		service_level: assume.service_level,
		answer_seconds: assume.answer_seconds,
		shrinkage: assume.shrinkage,
		occupancy: assume.occupancy,
		paid_hours: assume.paid_hours,
		handle_minutes: JSON.stringify(assume.handle_minutes)
	});
	const weeks: StaffingWeek[] = [];
	const hours: StaffingHour[] = [];
	for (const r of rows) {
		if (r.kind === 'hour') {
			hours.push({
				channel: String(r.channel),
				week_start: String(r.week_start),
				hour_of_week: Number(r.hour_of_week),
				open: r.model === 'erlang_c',
				arrivals: Number(r.tickets),
				handle_minutes: Number(r.handle_minutes),
				agents: Number(r.agents)
			});
		} else {
			weeks.push({
				channel: (r.channel as string | null) ?? null,
				week_start: String(r.week_start),
				tickets: Number(r.tickets),
				handle_minutes: (r.handle_minutes as number | null) ?? null,
				handle_source: (r.handle_source as StaffingWeek['handle_source']) ?? null,
				model: r.model as StaffingWeek['model'],
				staffed_hours: (r.staffed_hours as number | null) ?? null,
				fte: (r.fte as number | null) ?? null,
				agents: (r.agents as number | null) ?? null
			});
		}
	}
	return { weeks, hours };
}
