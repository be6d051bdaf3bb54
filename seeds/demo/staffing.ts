/**
 * Staffing: the calendar months of the span and the agents each is staffed with (from its
 * ticket volume), who take the tickets and whose cost the costs file carries.
 */
import { dayOf, daysInMonth, partsOfDay } from '../calendar';
import { AGENT_GROUP_PATTERN, CHANNELS, type Channel, type GroupName } from '../catalog';
import type { Rng } from '../random';
import type { Span } from './span';
import type { DayPlan } from './volume';

export const TICKETS_PER_AGENT_MONTH = 120;

export interface Month {
	year: number;
	month: number;
	firstDay: number;
	lastDay: number;
	/** Days of the month inside the span (the first and last months are partial). */
	spanDays: number;
	agents: number;
	/** Active agent numbers per group. */
	agentsByGroup: Map<GroupName, number[]>;
	ticketsCreated: number;
	handleMinutesByChannel: Map<Channel, number>;
}

export interface Staffing {
	months: Month[];
	/** Month index of each span day. */
	monthOfDay: Int32Array;
	agentIdWidth: number;
}

/** The span's calendar months, each staffed for its planned ticket volume. */
export function planStaffing(span: Span, plan: DayPlan): Staffing {
	const months: Month[] = [];
	const monthOfDay = new Int32Array(span.dayCount);
	const planned: number[] = [];
	for (let i = 0; i < span.dayCount; i++) {
		const { year, month } = partsOfDay(span.startDay + i);
		const current = months[months.length - 1];
		if (!current || current.month !== month || current.year !== year) {
			const firstDay = dayOf(year, month, 1);
			months.push({
				year,
				month,
				firstDay,
				lastDay: firstDay + daysInMonth(year, month) - 1,
				spanDays: 0,
				agents: 0,
				agentsByGroup: new Map(),
				ticketsCreated: 0,
				handleMinutesByChannel: new Map(CHANNELS.map((c) => [c, 0]))
			});
			planned.push(0);
		}
		monthOfDay[i] = months.length - 1;
		months[months.length - 1].spanDays++;
		planned[months.length - 1] += plan.tickets[i];
	}
	months.forEach((m, i) => {
		// Staffed for the whole month's volume, extrapolated from the days inside the span.
		const fullMonth = (planned[i] / m.spanDays) * (m.lastDay - m.firstDay + 1);
		m.agents = Math.max(2, Math.ceil(fullMonth / TICKETS_PER_AGENT_MONTH));
		for (let a = 1; a <= m.agents; a++) {
			const group = AGENT_GROUP_PATTERN[(a - 1) % AGENT_GROUP_PATTERN.length];
			const list = m.agentsByGroup.get(group) ?? [];
			list.push(a);
			m.agentsByGroup.set(group, list);
		}
	});
	const maxAgents = Math.max(...months.map((m) => m.agents));
	return { months, monthOfDay, agentIdWidth: Math.max(2, String(maxAgents).length) };
}

/** An agent of the month's team, from the group when it has any. */
export function agentFor(month: Month, group: GroupName, rng: Rng, width: number): string {
	const inGroup = month.agentsByGroup.get(group);
	const n = inGroup && inGroup.length > 0 ? rng.pick(inGroup) : rng.int(1, month.agents);
	return `agent-${String(n).padStart(width, '0')}`;
}
