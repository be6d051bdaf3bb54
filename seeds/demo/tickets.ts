/**
 * Tickets, one at a time in created order: who files what, then the timeline of replies,
 * solves, reopens, close and rating as it stands at the end of the span, as tickets.csv lines.
 */
import { HOUR, MINUTE, SECONDS_PER_DAY, type TimestampFormatter } from '../calendar';
import {
	CHURN_SUBJECTS,
	GROUPS,
	OUTBOUND_TOPICS,
	SEARCH_TOPICS,
	SPIKE_SUBJECTS,
	TICKET_TOPICS,
	type Category,
	type Channel,
	type GroupName,
	type Plan,
	type TicketTopic
} from '../catalog';
import { Rng } from '../random';
import { csvField } from './csv';
import { drawOrg, requesterOf, type Org, type OrgBook } from './orgs';
import type { LinkedSession, SessionKind } from './self-service';
import { SLA_TARGETS, frtTargetMin } from './sla-policies';
import type { Span } from './span';
import { agentFor, type Staffing } from './staffing';
import { topicMixFor, type Stories } from './stories';
import type { ScheduleId, SupportHours } from './support-hours';
import {
	CHAT_REPLY_MEDIAN_MIN,
	CSAT_RESPONSE_RATE,
	FRT_MEDIAN_SHARE_OF_TARGET,
	HANDLE_BASE_MIN,
	HANDLE_BY_TIER,
	IN_PROGRESS_STATUSES,
	ONE_TOUCH_BY_TIER,
	REOPEN_BY_CATEGORY,
	RESOLUTION_BY_CATEGORY,
	RESOLUTION_BY_PLAN,
	RESOLUTION_MEDIAN_MIN,
	STUCK_BY_CATEGORY,
	STUCK_STATUSES,
	UNANSWERED_RECENT_SHARE,
	type TicketStatus
} from './ticket-lifecycle';
import { fillSubject } from './ticket-subjects';
import {
	CHANNELS_WITHOUT_PHONE,
	CHANNELS_WITH_PHONE,
	OUTBOUND_SHARE,
	PRIORITY_BY_CATEGORY,
	groupFor,
	tagsFor,
	tierFor,
	type Priority,
	type Tier
} from './ticket-traits';

/** The fields of one ticket before they become a CSV line. */
interface TicketRecord {
	id: string;
	createdSec: number;
	status: TicketStatus;
	channel: Channel;
	priority: Priority;
	subject: string;
	category: Category;
	tags: string;
	requesterId: string;
	org: Org;
	group: GroupName;
	tier: Tier;
	assigneeId: string;
	outbound: boolean;
	/** Instants in seconds; -1 when the event has not happened by the end. */
	ackSec: number;
	responseSec: number;
	solvedSec: number;
	finalSolvedSec: number;
	closedSec: number;
	reopens: number;
	agentReplies: number;
	csatScore: string;
	csatSec: number;
	handleMin: number;
}

/** Generates tickets one at a time, in created order. */
export class TicketFactory {
	private readonly rng: Rng;
	private readonly searchTopicIndex = new Map(SEARCH_TOPICS.map((t, i) => [t.key, i]));

	constructor(
		seed: number,
		private readonly span: Span,
		private readonly stories: Stories,
		private readonly book: OrgBook,
		private readonly staffing: Staffing,
		private readonly hours: Record<ScheduleId, SupportHours>,
		private readonly fmt: TimestampFormatter
	) {
		this.rng = new Rng(seed, 'tickets');
	}

	/** One ticket; `churnIndex` >= 0 makes it story 3's escalation number churnIndex. */
	make(id: string, createdSec: number, churnIndex: number): { record: TicketRecord; linked: LinkedSession | null } {
		const rng = this.rng;
		if (churnIndex < 0 && rng.chance(OUTBOUND_SHARE)) return { record: this.outbound(id, createdSec), linked: null };

		const org = churnIndex >= 0 ? this.book.orgs[0] : drawOrg(this.book, this.book.ticketCumulative, createdSec, rng);
		const mix = topicMixFor(createdSec, this.stories);
		const topic = TICKET_TOPICS[mix.table.draw(rng)];
		let category = topic.category;
		let tags = tagsFor(topic, rng);
		let subject = fillSubject(rng.pick(topic.subjects), rng, createdSec);
		let priority = PRIORITY_BY_CATEGORY[category].draw(rng);
		let channel = (org.plan === 'premium' || org.plan === 'enterprise' ? CHANNELS_WITH_PHONE : CHANNELS_WITHOUT_PHONE).draw(rng);
		const inSpike = mix.spike && category === 'billing';
		if (inSpike && topic.key === 'billing.duplicate_charge') {
			subject = fillSubject(rng.pick(SPIKE_SUBJECTS), rng, createdSec);
			tags = 'duplicate_charge;invoice;vat';
		}
		let tier = tierFor(category, priority, rng);
		if (churnIndex >= 0) {
			const planted = CHURN_SUBJECTS[churnIndex % CHURN_SUBJECTS.length];
			category = planted.category;
			tags = planted.tags.join(';');
			subject = planted.subject;
			priority = churnIndex === 2 || churnIndex === 4 ? 'P0' : 'P1';
			channel = priority === 'P0' ? 'phone' : 'email';
			tier = churnIndex % 2 === 0 ? 'T3' : 'T2';
		}
		const group = churnIndex >= 0 ? GROUPS.enterprise : groupFor(category, tier, org.plan, rng);
		const requesterId = requesterOf(org, rng);
		const week = Math.floor((createdSec - this.span.startSec) / (7 * SECONDS_PER_DAY));
		const load = this.stories.weekLoad[Math.min(week, this.stories.weekLoad.length - 1)];

		const record: TicketRecord = {
			id,
			createdSec,
			status: 'new',
			channel,
			priority,
			subject,
			category,
			tags,
			requesterId,
			org,
			group,
			tier,
			assigneeId: '',
			outbound: false,
			ackSec: -1,
			responseSec: -1,
			solvedSec: -1,
			finalSolvedSec: -1,
			closedSec: -1,
			reopens: 0,
			agentReplies: 0,
			csatScore: '',
			csatSec: -1,
			handleMin: -1
		};
		this.timeline(record, load, inSpike, churnIndex >= 0);
		const linked = this.linkedSession(record, topic);
		return { record, linked };
	}

	/** Reply, solve, reopen, close and CSAT instants, and the status they leave the ticket in at the end. */
	private timeline(r: TicketRecord, load: number, inSpike: boolean, churn: boolean): void {
		const rng = this.rng;
		const end = this.span.endSec;
		// P0 incidents page the on-call engineer whatever the plan's hours.
		const hours = this.hours[r.priority === 'P0' ? '24x7' : SLA_TARGETS[r.org.plan].schedule];

		// Bots and auto-replies acknowledge chat, in-app and most email at once.
		const botAck =
			r.channel === 'chat' || r.channel === 'in_app' || (r.channel === 'email' && rng.chance(0.6))
				? r.createdSec + rng.int(5, 120)
				: -1;

		const recent = r.createdSec > end - 14 * SECONDS_PER_DAY;
		const forgotten = recent && !churn && rng.chance(UNANSWERED_RECENT_SHARE);
		const replyAfter = this.replyDelayMin(r.org.plan, r.priority, r.channel, load);
		// Outside working hours the ticket waits for the next shift, which first clears the queue.
		let start = hours.advance(r.createdSec, 0);
		if (start > r.createdSec) start = hours.advance(start, rng.float(0, 60));
		const reply = Math.max(r.createdSec + MINUTE, hours.advance(start, replyAfter));
		r.responseSec = forgotten ? -1 : this.within(reply);
		r.ackSec = this.within(botAck >= 0 && (r.responseSec < 0 || botAck < r.responseSec) ? botAck : r.responseSec);
		const month = this.staffing.months[this.staffing.monthOfDay[Math.floor(r.createdSec / SECONDS_PER_DAY) - this.span.startDay]];

		if (r.responseSec < 0) {
			r.status = rng.chance(0.7) ? 'new' : 'open';
			if (r.status === 'open') r.assigneeId = agentFor(month, r.group, rng, this.staffing.agentIdWidth);
			return;
		}
		r.assigneeId = agentFor(month, r.group, rng, this.staffing.agentIdWidth);

		const oneTouch = rng.chance(ONE_TOUCH_BY_TIER[r.tier] * (r.category === 'bug' ? 0.6 : r.category === 'feature_request' ? 1.3 : 1.1));
		const stuck = rng.chance(STUCK_BY_CATEGORY[r.category]);
		const workMin = rng.logNormal(
			RESOLUTION_MEDIAN_MIN[r.tier] * RESOLUTION_BY_CATEGORY[r.category] * RESOLUTION_BY_PLAN[r.org.plan] * Math.sqrt(load),
			0.9
		);
		const solved = oneTouch ? r.responseSec + rng.int(1, 20) * MINUTE : hours.advance(r.responseSec, workMin);
		let replies = oneTouch ? 1 : Math.min(15, 2 + this.geometric(0.5) + (r.tier === 'T2' ? 1 : r.tier === 'T3' ? 2 : 0));

		if (stuck || solved > end) {
			r.status = rng.pick(stuck ? STUCK_STATUSES : IN_PROGRESS_STATUSES);
			r.agentReplies = oneTouch ? 1 : Math.max(1, Math.min(replies, 1 + this.geometric(0.5)));
			r.handleMin = this.handleMin(r.channel, r.tier, r.agentReplies);
			return;
		}
		r.solvedSec = solved;
		r.finalSolvedSec = solved;
		if (rng.chance(REOPEN_BY_CATEGORY[r.category])) {
			r.reopens = rng.chance(0.8) ? 1 : 2;
			let final = solved;
			for (let i = 0; i < r.reopens; i++) final += rng.int(1 * 24 * HOUR, 5 * 24 * HOUR);
			replies += r.reopens * rng.int(1, 2);
			if (final > end) {
				// Reopened and still being worked on: the last solve has not happened yet.
				r.status = 'open';
				r.finalSolvedSec = -1;
				r.agentReplies = replies;
				r.handleMin = this.handleMin(r.channel, r.tier, replies);
				return;
			}
			r.finalSolvedSec = final;
		}
		r.agentReplies = replies;
		r.handleMin = this.handleMin(r.channel, r.tier, replies);
		// Solved tickets close automatically four days later.
		r.closedSec = this.within(r.finalSolvedSec + 4 * 24 * HOUR + rng.int(0, 8 * HOUR));
		r.status = r.closedSec >= 0 ? 'closed' : 'solved';
		this.csat(r, solved - r.createdSec, inSpike, churn);
	}

	/** t, or -1 when t is after the end of the data (the event has not happened yet). */
	private within(t: number): number {
		return t <= this.span.endSec ? t : -1;
	}

	private replyDelayMin(plan: Plan, priority: Priority, channel: Channel, load: number): number {
		const rng = this.rng;
		if (channel === 'phone') return rng.logNormal(2, 0.6);
		if (channel === 'chat') return rng.logNormal(CHAT_REPLY_MEDIAN_MIN[plan] * load, 0.8);
		const channelFactor = channel === 'in_app' ? 0.5 : channel === 'social' ? 0.8 : 1;
		return frtTargetMin(plan, priority) * channelFactor * rng.logNormal(FRT_MEDIAN_SHARE_OF_TARGET[plan] * load, 0.9);
	}

	private csat(r: TicketRecord, resolutionSec: number, inSpike: boolean, churn: boolean): void {
		const rng = this.rng;
		if (!rng.chance(churn ? 0.8 : CSAT_RESPONSE_RATE)) return;
		const at = r.finalSolvedSec + rng.int(10 * MINUTE, 3 * 24 * HOUR);
		if (at > this.span.endSec) return;
		let satisfied = 0.95;
		const frtMin = (r.responseSec - r.createdSec) / MINUTE;
		if (frtMin > frtTargetMin(r.org.plan, r.priority) * 2) satisfied -= 0.2;
		if (r.reopens > 0) satisfied -= 0.25;
		if (resolutionSec > 5 * 24 * HOUR) satisfied -= 0.1;
		if (r.tier === 'T3') satisfied -= 0.05;
		if (inSpike) satisfied -= 0.3;
		if (churn) satisfied = 0.15;
		const score = rng.chance(satisfied) ? (rng.chance(0.72) ? 5 : 4) : rng.pick([1, 2, 2, 3, 3, 3]);
		r.csatScore = String(score);
		r.csatSec = at;
	}

	private handleMin(channel: Channel, tier: Tier, replies: number): number {
		const raw = HANDLE_BASE_MIN[channel] * HANDLE_BY_TIER[tier] * (0.7 + 0.15 * replies) * this.rng.logNormal(1, 0.3);
		return Math.round(Math.min(90, Math.max(3, raw)) * 10) / 10;
	}

	/** Failures before the first success, each try succeeding with probability p. */
	private geometric(p: number): number {
		let n = 0;
		while (n < 20 && !this.rng.chance(p)) n++;
		return n;
	}

	/** An agent-created ticket: renewals, check-ins, follow-ups. Never acknowledged, usually solved. */
	private outbound(id: string, createdSec: number): TicketRecord {
		const rng = this.rng;
		const org = drawOrg(this.book, this.book.ticketCumulative, createdSec, rng);
		const topic = rng.pick(OUTBOUND_TOPICS);
		const channel: Channel = (org.plan === 'premium' || org.plan === 'enterprise') && rng.chance(0.2) ? 'phone' : 'email';
		const group = topic.category === 'billing' ? GROUPS.billing : org.plan === 'enterprise' ? GROUPS.enterprise : GROUPS.tier1;
		const month = this.staffing.months[this.staffing.monthOfDay[Math.floor(createdSec / SECONDS_PER_DAY) - this.span.startDay]];
		const solved = createdSec + rng.int(30 * MINUTE, 3 * 24 * HOUR);
		const end = this.span.endSec;
		const closed = solved + 4 * 24 * HOUR + rng.int(0, 8 * HOUR);
		const replies = rng.int(1, 3);
		return {
			id,
			createdSec,
			status: solved > end ? 'pending' : closed > end ? 'solved' : 'closed',
			channel,
			priority: rng.chance(0.7) ? 'P3' : 'P4',
			subject: fillSubject(rng.pick(topic.subjects), rng, createdSec),
			category: topic.category,
			tags: topic.tags.join(';'),
			requesterId: requesterOf(org, rng),
			org,
			group,
			tier: 'T1',
			assigneeId: agentFor(month, group, rng, this.staffing.agentIdWidth),
			outbound: true,
			ackSec: -1,
			// The agent's opening message is the first public reply.
			responseSec: createdSec,
			solvedSec: solved > end ? -1 : solved,
			finalSolvedSec: solved > end ? -1 : solved,
			closedSec: closed > end ? -1 : closed,
			reopens: 0,
			agentReplies: replies,
			csatScore: '',
			csatSec: -1,
			handleMin: this.handleMin(channel, 'T1', replies)
		};
	}

	/** The help-center visit or bot chat some requesters had just before filing (0-60 min). */
	private linkedSession(r: TicketRecord, topic: TicketTopic): LinkedSession | null {
		const rng = this.rng;
		let kind: SessionKind | null = null;
		const u = rng.next();
		if (r.channel === 'chat' && u < 0.3) kind = 'bot';
		else if (r.channel === 'in_app' && u < 0.35) kind = u < 0.25 ? 'bot' : 'kb';
		else if (r.channel === 'web' && u < 0.3) kind = u < 0.15 ? 'search' : 'kb';
		else if (r.channel === 'email' && u < 0.08) kind = 'kb';
		if (kind === null) return null;
		const lead = rng.int(30, 55 * MINUTE);
		return {
			kind,
			startSec: Math.max(this.span.startSec, r.createdSec - lead),
			requesterId: r.requesterId,
			org: r.org,
			ticketId: r.id,
			searchTopic: this.searchTopicIndex.get(topic.searchTopic) ?? -1
		};
	}

	/** An instant as written to the file, or '' when it has not happened. */
	private stamp(t: number): string {
		return t >= 0 ? this.fmt.format(t) : '';
	}

	/** The ticket as a tickets.csv line. */
	line(r: TicketRecord): string {
		return [
			r.id,
			this.fmt.format(r.createdSec),
			r.status,
			r.channel,
			r.priority,
			csvField(r.subject),
			r.category,
			r.tags,
			r.requesterId,
			r.org.id,
			r.group,
			r.tier,
			r.assigneeId,
			r.outbound ? 'true' : 'false',
			this.stamp(r.ackSec),
			this.stamp(r.responseSec),
			this.stamp(r.solvedSec),
			this.stamp(r.finalSolvedSec),
			this.stamp(r.closedSec),
			String(r.reopens),
			String(r.agentReplies),
			r.csatScore,
			this.stamp(r.csatSec),
			r.handleMin >= 0 ? String(r.handleMin) : ''
		].join(',');
	}
}
