/**
 * The demo data set: 18 months of a SaaS support operation in the generic CSV format
 * (docs/import-format.md), with three planted stories (seeds/README.md). Same (seed, end,
 * tickets) gives byte-identical files. Tickets, sessions and searches are generated day by
 * day and streamed to disk, so memory stays bounded by one day's rows plus the orgs.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import {
	SECONDS_PER_DAY,
	TimestampFormatter,
	dayOf,
	dayOfIsoDate,
	daysInMonth,
	isoDateOfDay,
	isoWeekday,
	mondayOf,
	newYorkHoursBehindUtc,
	partsOfDay,
	usFederalHolidays
} from './calendar';
import {
	AGENT_GROUP_PATTERN,
	ARTICLE_ID_RANGE,
	CATEGORY_EXTRA_TAGS,
	CHANNELS,
	CHURN_ORG,
	CHURN_SUBJECTS,
	EXPORT_ARTICLE,
	GROUPS,
	NAME_FIRST_WORDS,
	NAME_SECOND_WORDS,
	NAME_SUFFIXES,
	NAME_SURNAMES,
	OUTBOUND_TOPICS,
	SEARCH_TOPICS,
	SPIKE_SUBJECTS,
	SUBJECT_SLOTS,
	TICKET_TOPICS,
	TIMEZONES,
	WEAK_ARTICLES,
	type Category,
	type Channel,
	type GroupName,
	type Plan,
	type Segment,
	type TicketTopic
} from './catalog';
import { Rng, WeightedTable, upperBound } from './random';

export interface DemoOptions {
	tickets: number;
	seed: number;
	/** Last day of data, 'YYYY-MM-DD' (UTC). */
	end: string;
	outDir: string;
	/**
	 * Self-service sessions per ticket (default SESSIONS_PER_TICKET, which puts deflection near
	 * the domain's 40 % target). The benchmark keeps its heavier 3 per ticket, so its data, and
	 * the timings published against it, stay the same.
	 */
	sessionsPerTicket?: number;
	onProgress?: (done: number, total: number, label: string) => void;
}

export interface DemoSummary {
	/** First and last day of data, 'YYYY-MM-DD'. */
	start: string;
	end: string;
	/** Absolute paths of the files written. */
	files: string[];
}

// ---------------------------------------------------------------------------------------
// Span and planted stories
// ---------------------------------------------------------------------------------------

const SPAN_WEEKS_BEFORE_END_WEEK = 78;
const MINUTE = 60;
const HOUR = 3600;

interface Span {
	startDay: number;
	endDay: number;
	dayCount: number;
	/** Monday of the ISO week containing the end day: the planted stories are placed from it. */
	endWeekMonday: number;
	startSec: number;
	/** Last second of the end day (23:59:59Z): nothing happens after it. */
	endSec: number;
}

/** 'YYYY-MM-DD': the Sunday ending the last complete ISO week (UTC) before `today`. */
export function defaultDemoEnd(today: Date): string {
	const day = Math.floor(today.getTime() / (SECONDS_PER_DAY * 1000));
	return isoDateOfDay(day - isoWeekday(day));
}

function spanEnding(end: string): Span {
	const endDay = dayOfIsoDate(end);
	const endWeekMonday = mondayOf(endDay);
	const startDay = endWeekMonday - SPAN_WEEKS_BEFORE_END_WEEK * 7;
	return {
		startDay,
		endDay,
		dayCount: endDay - startDay + 1,
		endWeekMonday,
		startSec: startDay * SECONDS_PER_DAY,
		endSec: (endDay + 1) * SECONDS_PER_DAY - 1
	};
}

interface Stories {
	/** Story 1: the billing-bug spike, first and last day (inclusive). */
	spikeFirstDay: number;
	spikeLastDay: number;
	/** Story 2: when article kb-217 "Export contacts to CSV" goes live. */
	kbPublishSec: number;
	/** Story 3: days on which org-0001 files a P0/P1 escalation, with the escalation's index. */
	churnDays: Map<number, number>;
	/** Per span week: multiplier on reply and resolution delays (staffing vs. load). */
	weekLoad: Float64Array;
	/** Per span week: multiplier on ticket volume (release weeks bring more tickets). */
	weekVolume: Float64Array;
}

// Story 3's escalations: (weeks before the end week, ISO weekday), oldest first. Six within
// five weeks, so any 30-day window over the last weeks holds four or more.
const CHURN_SCHEDULE: ReadonlyArray<readonly [number, number]> = [
	[5, 4],
	[4, 2],
	[3, 3],
	[2, 1],
	[1, 4],
	[0, 2]
];

function planStories(span: Span, seed: number): Stories {
	const rng = new Rng(seed, 'stories');
	const spikeFirstDay = span.endWeekMonday - 10 * 7;
	const churnDays = new Map<number, number>();
	CHURN_SCHEDULE.forEach(([weeksBack, weekday], i) => {
		const day = span.endWeekMonday - weeksBack * 7 + weekday - 1;
		if (day <= span.endDay) churnDays.set(day, i);
	});

	const weekCount = Math.ceil(span.dayCount / 7);
	const weekLoad = new Float64Array(weekCount);
	const weekVolume = new Float64Array(weekCount).fill(1);
	for (let w = 0; w < weekCount; w++) weekLoad[w] = Math.min(1.2, Math.max(0.85, 1 + 0.08 * rng.normal()));
	const spikeWeek = (spikeFirstDay - span.startDay) / 7;
	for (const w of [spikeWeek, spikeWeek + 1]) if (w >= 0 && w < weekCount) weekLoad[w] = 2;
	// Two release weeks with more tickets than staff, away from the spike and the first month.
	const candidates: number[] = [];
	for (let w = 4; w < weekCount - 4; w++) if (Math.abs(w - spikeWeek) > 3) candidates.push(w);
	rng.shuffle(candidates);
	for (const w of candidates.slice(0, 2)) {
		weekLoad[w] = 1.6;
		weekVolume[w] = 1.12;
	}
	return {
		spikeFirstDay,
		spikeLastDay: spikeFirstDay + 13,
		kbPublishSec: (span.endWeekMonday - 26 * 7) * SECONDS_PER_DAY + 15 * HOUR,
		churnDays,
		weekLoad,
		weekVolume
	};
}

// ---------------------------------------------------------------------------------------
// Orgs
// ---------------------------------------------------------------------------------------

interface Org {
	id: string;
	name: string;
	plan: Plan;
	segment: Segment;
	arr: number;
	seats: number;
	signupSec: number;
	csmId: string;
	timezone: string;
	region: string;
	requesterCount: number;
	ticketWeight: number;
	sessionWeight: number;
}

/** Orgs with draw tables restricted to those that had signed up by a given instant. */
interface OrgBook {
	orgs: Org[];
	/** Org indexes in signup order, and their signup instants (ascending). */
	bySignup: Int32Array;
	signupSecs: Float64Array;
	/** Running sums of ticket and self-service weights in signup order. */
	ticketCumulative: Float64Array;
	sessionCumulative: Float64Array;
}

/** Number of orgs for a ticket volume: 1,500 at 60k tickets, at least 20, at most 25,000. */
function orgCountFor(tickets: number): number {
	return Math.min(25_000, Math.max(20, Math.round((1500 * tickets) / 60_000)));
}

const PLAN_SHARES: Record<Plan, number> = { free: 0.45, standard: 0.35, premium: 0.15, enterprise: 0.05 };
// Relative ticket and self-service demand per org; seats scale it within a plan.
const PLAN_TICKET_WEIGHT: Record<Plan, number> = { free: 0.5, standard: 1, premium: 1.7, enterprise: 3.2 };
const PLAN_SESSION_WEIGHT: Record<Plan, number> = { free: 1.2, standard: 1, premium: 1.1, enterprise: 1.5 };
const PLAN_MEDIAN_SEATS: Record<Plan, number> = { free: 3, standard: 25, premium: 100, enterprise: 1000 };

/** The plan of each org, in quota (so small data sets still have every plan), shuffled; org-0001 is enterprise. */
function assignPlans(count: number, rng: Rng): Plan[] {
	const enterprise = Math.max(1, Math.round(count * PLAN_SHARES.enterprise));
	const premium = Math.max(1, Math.round(count * PLAN_SHARES.premium));
	const standard = Math.max(1, Math.round(count * PLAN_SHARES.standard));
	const plans: Plan[] = [
		...Array<Plan>(enterprise - 1).fill('enterprise'),
		...Array<Plan>(premium).fill('premium'),
		...Array<Plan>(standard).fill('standard'),
		...Array<Plan>(count - enterprise - premium - standard).fill('free')
	];
	return ['enterprise', ...rng.shuffle(plans)];
}

/** Uniform on a log scale between lo and hi: most contracts are small, a few are large. */
function logUniform(rng: Rng, lo: number, hi: number): number {
	return Math.exp(rng.float(Math.log(lo), Math.log(hi)));
}

function arrFor(plan: Plan, rng: Rng): number {
	const ranges: Record<Plan, [number, number]> = {
		free: [0, 0],
		standard: [2_000, 20_000],
		premium: [15_000, 90_000],
		enterprise: [100_000, 600_000]
	};
	const [lo, hi] = ranges[plan];
	return hi === 0 ? 0 : Math.min(hi, Math.round(logUniform(rng, lo, hi) / 100) * 100);
}

function seatsFor(plan: Plan, arr: number, rng: Rng): number {
	if (plan === 'free') return rng.int(1, 8);
	// Seat price per year falls with volume: ~$250-450 standard, ~$150-400 enterprise.
	const pricePerSeat: Record<Plan, [number, number]> = {
		free: [1, 1],
		standard: [250, 450],
		premium: [300, 600],
		enterprise: [150, 400]
	};
	const [lo, hi] = pricePerSeat[plan];
	return Math.max(3, Math.round(arr / rng.float(lo, hi)));
}

/** The format's default segment rule, written out explicitly. */
function segmentFor(plan: Plan, arr: number): Segment {
	if (plan === 'enterprise' || arr >= 100_000) return 'high_touch';
	if (plan === 'premium' || arr >= 20_000) return 'blended';
	return 'scaled';
}

function companyName(rng: Rng, taken: Set<string>): string {
	for (let attempt = 0; attempt < 50; attempt++) {
		const style = rng.next();
		const name =
			style < 0.45
				? `${rng.pick(NAME_FIRST_WORDS)} ${rng.pick(NAME_SECOND_WORDS)} ${rng.pick(NAME_SUFFIXES)}`
				: style < 0.7
					? `${rng.pick(NAME_FIRST_WORDS)}${rng.pick(NAME_SECOND_WORDS).toLowerCase()}`
					: style < 0.85
						? `${rng.pick(NAME_SURNAMES)} ${rng.pick(NAME_SUFFIXES)}`
						: `${rng.pick(NAME_SURNAMES)} & ${rng.pick(NAME_SURNAMES)}`;
		if (!taken.has(name)) {
			taken.add(name);
			return name;
		}
	}
	// 50 collisions in a row only happens near the name space's size: number the name.
	const fallback = `${rng.pick(NAME_FIRST_WORDS)} ${rng.pick(NAME_SUFFIXES)} ${taken.size + 1}`;
	taken.add(fallback);
	return fallback;
}

const timezoneTable = new WeightedTable(TIMEZONES.map((z) => [z, z.weight] as const));

function buildOrgs(count: number, span: Span, seed: number): OrgBook {
	const rng = new Rng(seed, 'orgs');
	const plans = assignPlans(count, rng);
	const width = Math.max(4, String(count).length);
	const names = new Set<string>([CHURN_ORG.name]);
	const signupWindow = 3 * 365 * SECONDS_PER_DAY;
	const premiumOrHigher = plans.filter((p) => p === 'premium' || p === 'enterprise').length;
	const csmCount = Math.max(1, Math.ceil(premiumOrHigher / 40));
	const csmWidth = Math.max(2, String(csmCount).length);

	const orgs: Org[] = plans.map((plan, i) => {
		const churnOrg = i === 0;
		const arr = churnOrg ? CHURN_ORG.arr : arrFor(plan, rng);
		const seats = churnOrg ? CHURN_ORG.seats : seatsFor(plan, arr, rng);
		const zone = timezoneTable.draw(rng);
		// Signups spread over the 3 years before the end; the churn org is an old customer.
		const signupSec = churnOrg
			? span.startSec - 400 * SECONDS_PER_DAY + Math.floor(rng.next() * SECONDS_PER_DAY)
			: span.endSec - 3 * SECONDS_PER_DAY - Math.floor(rng.next() * signupWindow);
		const seatScale = seats / PLAN_MEDIAN_SEATS[plan];
		return {
			id: `org-${String(i + 1).padStart(width, '0')}`,
			name: churnOrg ? CHURN_ORG.name : companyName(rng, names),
			plan,
			segment: segmentFor(plan, arr),
			arr,
			seats,
			signupSec,
			csmId:
				plan === 'premium' || plan === 'enterprise' ? `csm-${String(rng.int(1, csmCount)).padStart(csmWidth, '0')}` : '',
			timezone: churnOrg ? CHURN_ORG.timezone : zone.timezone,
			region: churnOrg ? CHURN_ORG.region : zone.region,
			requesterCount: Math.max(1, Math.min(40, Math.round(Math.sqrt(seats) * rng.float(0.4, 0.9)))),
			ticketWeight: PLAN_TICKET_WEIGHT[plan] * Math.pow(seatScale, 0.35),
			sessionWeight: PLAN_SESSION_WEIGHT[plan] * Math.pow(seatScale, 0.3)
		};
	});

	const order = orgs.map((_, i) => i).sort((a, b) => orgs[a].signupSec - orgs[b].signupSec || a - b);
	const bySignup = Int32Array.from(order);
	const signupSecs = Float64Array.from(order, (i) => orgs[i].signupSec);
	const ticketCumulative = new Float64Array(count);
	const sessionCumulative = new Float64Array(count);
	let tickets = 0;
	let sessions = 0;
	order.forEach((orgIndex, k) => {
		tickets += orgs[orgIndex].ticketWeight;
		sessions += orgs[orgIndex].sessionWeight;
		ticketCumulative[k] = tickets;
		sessionCumulative[k] = sessions;
	});
	return { orgs, bySignup, signupSecs, ticketCumulative, sessionCumulative };
}

/** Number of orgs signed up at or before instant t. */
function signedUpBy(book: OrgBook, t: number): number {
	let lo = 0;
	let hi = book.signupSecs.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (book.signupSecs[mid] <= t) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** An org that had signed up by t, drawn by weight (ticket or self-service demand). */
function drawOrg(book: OrgBook, cumulative: Float64Array, t: number, rng: Rng): Org {
	// org-0001 signs up long before the span starts, so at least one org is always there.
	const available = Math.max(1, signedUpBy(book, t));
	const k = upperBound(cumulative, rng.next() * cumulative[available - 1], available);
	return book.orgs[book.bySignup[k]];
}

function requesterOf(org: Org, rng: Rng): string {
	// A few people file most of an org's tickets: the squared uniform favours low numbers.
	const r = rng.next();
	return `u-${org.id}-${1 + Math.floor(r * r * org.requesterCount)}`;
}

// ---------------------------------------------------------------------------------------
// Volume: how many tickets, sessions and searches each day gets
// ---------------------------------------------------------------------------------------

// Monday .. Sunday; weekends about a quarter of a weekday.
const WEEKDAY_FACTOR = [1.1, 1.06, 1.0, 0.97, 0.87, 0.25, 0.24];
// UTC hour of day: EU morning, then the peak while both Europe and the Americas work (14-17).
const HOUR_WEIGHTS = [
	0.16, 0.12, 0.1, 0.1, 0.12, 0.2, 0.32, 0.5, 0.75, 0.92, 1.0, 1.05, 1.1, 1.25, 1.55, 1.62, 1.6, 1.5, 1.15, 0.85, 0.62,
	0.45, 0.3, 0.2
];
const hourTable = new WeightedTable(HOUR_WEIGHTS.map((w, h) => [h, w] as const));

const TICKET_GROWTH = 1.6;
const SESSION_GROWTH = 1.9;
// About 0.85 sessions per ticket, most of them answered, puts the demo's deflection rate at
// 36 % a year and a half back rising to 42 % (the domain's target is above 40 %); the old 3 per
// ticket gave 75 %, far above what real teams see.
export const SESSIONS_PER_TICKET = 0.85;
const SEARCHES_PER_TICKET = 2;

interface DayPlan {
	tickets: Int32Array;
	sessions: Int32Array;
	searches: Int32Array;
}

/** Splits `total` over days in proportion to `weights`, exactly (cumulative rounding). */
function allocate(total: number, weights: Float64Array): Int32Array {
	const sum = weights.reduce((a, b) => a + b, 0);
	const counts = new Int32Array(weights.length);
	let running = 0;
	let given = 0;
	weights.forEach((w, i) => {
		running += w;
		const upTo = Math.round((total * running) / sum);
		counts[i] = upTo - given;
		given = upTo;
	});
	return counts;
}

function planDays(total: number, span: Span, stories: Stories, holidays: Set<number>, seed: number, sessionsPerTicket: number): DayPlan {
	const rng = new Rng(seed, 'days');
	const ticketWeights = new Float64Array(span.dayCount);
	const sessionWeights = new Float64Array(span.dayCount);
	const last = Math.max(1, span.dayCount - 1);
	for (let i = 0; i < span.dayCount; i++) {
		const day = span.startDay + i;
		const { month, dayOfMonth } = partsOfDay(day);
		const yearEnd = (month === 12 && dayOfMonth >= 23) || (month === 1 && dayOfMonth <= 2) ? 0.7 : 1;
		const holiday = holidays.has(day) ? 0.65 : 1;
		const seasonal = WEEKDAY_FACTOR[isoWeekday(day) - 1] * yearEnd * holiday * (1 + 0.07 * rng.normal());
		const mix = topicMixFor(day * SECONDS_PER_DAY + 12 * HOUR, stories);
		ticketWeights[i] =
			seasonal * Math.pow(TICKET_GROWTH, i / last) * stories.weekVolume[Math.floor(i / 7)] * mix.volumeFactor;
		sessionWeights[i] = seasonal * Math.pow(SESSION_GROWTH, i / last);
	}
	return {
		tickets: allocate(total, ticketWeights),
		sessions: allocate(total * sessionsPerTicket, sessionWeights),
		searches: allocate(total * SEARCHES_PER_TICKET, sessionWeights)
	};
}

/** `n` instants within a day, ascending, following the hour-of-day profile. */
function instantsOfDay(day: number, n: number, rng: Rng): Float64Array {
	const instants = new Float64Array(n);
	const dayStart = day * SECONDS_PER_DAY;
	for (let i = 0; i < n; i++) instants[i] = dayStart + hourTable.draw(rng) * HOUR + Math.floor(rng.next() * HOUR);
	return instants.sort();
}

// ---------------------------------------------------------------------------------------
// Topic mix (stories 1 and 2 change it)
// ---------------------------------------------------------------------------------------

interface TopicMix {
	table: WeightedTable<number>;
	/** Inbound volume relative to the ordinary mix. */
	volumeFactor: number;
	spike: boolean;
}

const BASE_TOPIC_TOTAL = TICKET_TOPICS.reduce((sum, t) => sum + t.weight, 0);
const BILLING_SHARE = TICKET_TOPICS.filter((t) => t.category === 'billing').reduce((sum, t) => sum + t.weight, 0);
const EXPORT_TOPIC = TICKET_TOPICS.findIndex((t) => t.key === 'how_to.export');
const DUPLICATE_CHARGE_TOPIC = TICKET_TOPICS.findIndex((t) => t.key === 'billing.duplicate_charge');
// Story 2: the article answers most export questions.
const EXPORT_AFTER_ARTICLE = 0.4;

function buildTopicMix(spike: boolean, articleLive: boolean): TopicMix {
	const weights = TICKET_TOPICS.map((t) => t.weight);
	// Story 1: billing volume triples, all of the extra about duplicate charges.
	if (spike) weights[DUPLICATE_CHARGE_TOPIC] += 2 * BILLING_SHARE;
	if (articleLive) weights[EXPORT_TOPIC] *= EXPORT_AFTER_ARTICLE;
	const total = weights.reduce((a, b) => a + b, 0);
	return {
		table: new WeightedTable(weights.map((w, i) => [i, w] as const)),
		volumeFactor: total / BASE_TOPIC_TOTAL,
		spike
	};
}

const TOPIC_MIXES = {
	before: buildTopicMix(false, false),
	after: buildTopicMix(false, true),
	spikeBefore: buildTopicMix(true, false),
	spikeAfter: buildTopicMix(true, true)
};

function topicMixFor(t: number, stories: Stories): TopicMix {
	const day = Math.floor(t / SECONDS_PER_DAY);
	const spike = day >= stories.spikeFirstDay && day <= stories.spikeLastDay;
	const articleLive = t >= stories.kbPublishSec;
	if (spike) return articleLive ? TOPIC_MIXES.spikeAfter : TOPIC_MIXES.spikeBefore;
	return articleLive ? TOPIC_MIXES.after : TOPIC_MIXES.before;
}

// ---------------------------------------------------------------------------------------
// Staffing: months, agents, support hours
// ---------------------------------------------------------------------------------------

const TICKETS_PER_AGENT_MONTH = 120;

interface Month {
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

interface Staffing {
	months: Month[];
	/** Month index of each span day. */
	monthOfDay: Int32Array;
	agentIdWidth: number;
}

function planStaffing(span: Span, plan: DayPlan): Staffing {
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

function agentFor(month: Month, group: GroupName, rng: Rng, width: number): string {
	const inGroup = month.agentsByGroup.get(group);
	const n = inGroup && inGroup.length > 0 ? rng.pick(inGroup) : rng.int(1, month.agents);
	return `agent-${String(n).padStart(width, '0')}`;
}

/**
 * When agents answer a plan's tickets: the team works the hours its SLA schedule promises
 * (business: Mon-Fri 09:00-17:00 New York, extended: Mon-Fri 06:00-22:00 New York, closed on
 * US holidays), so a ticket filed on Friday evening waits for Monday morning. Enterprise
 * tickets and P0 incidents are answered around the clock.
 */
class SupportHours {
	/** Open hours per local day, computed once: the daylight-saving rule is not free. */
	private readonly byDay = new Map<number, [number, number] | null>();

	constructor(
		private readonly openMinute: number,
		private readonly closeMinute: number,
		private readonly holidays: Set<number> | null
	) {}

	/** Open and close instant (UTC seconds) of a New York local day, or null when closed. */
	private hoursOf(localDay: number): [number, number] | null {
		let hours = this.byDay.get(localDay);
		if (hours === undefined) {
			hours = this.computeHours(localDay);
			this.byDay.set(localDay, hours);
		}
		return hours;
	}

	private computeHours(localDay: number): [number, number] | null {
		if (isoWeekday(localDay) >= 6 || this.holidays?.has(localDay)) return null;
		const shift = localDay * SECONDS_PER_DAY + newYorkHoursBehindUtc(localDay) * HOUR;
		return [shift + this.openMinute * MINUTE, shift + this.closeMinute * MINUTE];
	}

	/** The instant `minutes` of open time after t (the next opening when minutes is 0 and t is outside hours). */
	advance(t: number, minutes: number): number {
		if (this.holidays === null) return t + Math.round(minutes * MINUTE);
		let remaining = Math.round(minutes * MINUTE);
		// Start a day early: an evening opening of the local day before may still be running at t.
		for (let localDay = Math.floor(t / SECONDS_PER_DAY) - 1; ; localDay++) {
			const hours = this.hoursOf(localDay);
			if (!hours || t >= hours[1]) continue;
			const from = Math.max(t, hours[0]);
			const available = hours[1] - from;
			if (remaining <= available) return from + remaining;
			remaining -= available;
		}
	}
}

type ScheduleId = 'business' | 'extended' | '24x7';

function supportHours(usHolidays: Set<number>): Record<ScheduleId, SupportHours> {
	return {
		business: new SupportHours(9 * 60, 17 * 60, usHolidays),
		extended: new SupportHours(6 * 60, 22 * 60, usHolidays),
		'24x7': new SupportHours(0, 24 * 60, null)
	};
}

// ---------------------------------------------------------------------------------------
// CSV output
// ---------------------------------------------------------------------------------------

const FLUSH_AT_CHARS = 1 << 20;

/** Quotes a field when it holds a comma, quote or line break. */
function csvField(value: string): string {
	return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A CSV file written through a buffered stream that waits for the disk when it lags. Lines
 * are collected in an array and joined once per ~1 MB: faster than growing one string.
 */
class CsvFile {
	private lines: string[] = [];
	private bufferedChars = 0;
	private failure: Error | null = null;
	private readonly stream: WriteStream;

	constructor(
		readonly path: string,
		header: readonly string[]
	) {
		this.stream = createWriteStream(path, { encoding: 'utf8' });
		this.stream.on('error', (e) => (this.failure = e));
		this.add(header.join(','));
	}

	add(line: string): void {
		this.lines.push(line);
		this.bufferedChars += line.length + 1;
	}

	/** Writes the buffer out once it is large, waiting for 'drain' when the stream asks to. */
	async flushIfFull(): Promise<void> {
		if (this.bufferedChars >= FLUSH_AT_CHARS) await this.flush();
	}

	async flush(): Promise<void> {
		if (this.failure) throw this.failure;
		if (this.lines.length === 0) return;
		const ready = this.stream.write(`${this.lines.join('\n')}\n`);
		this.lines = [];
		this.bufferedChars = 0;
		if (!ready) await once(this.stream, 'drain');
	}

	async close(): Promise<void> {
		await this.flush();
		this.stream.end();
		await once(this.stream, 'finish');
		if (this.failure) throw this.failure;
	}
}

const HEADERS = {
	tickets: [
		'ticket_id', 'created_at', 'status', 'channel', 'priority', 'subject', 'category', 'tags', 'requester_id', 'org_id',
		'group', 'tier', 'assignee_id', 'outbound', 'first_ack_at', 'first_response_at', 'solved_at', 'final_solved_at',
		'closed_at', 'reopens', 'agent_replies', 'csat_score', 'csat_at', 'handle_time_min'
	],
	orgs: ['org_id', 'name', 'plan', 'segment', 'arr', 'seats', 'signup_at', 'csm_id', 'timezone', 'region'],
	self_service: ['session_id', 'started_at', 'kind', 'requester_id', 'org_id', 'handed_off', 'ticket_id', 'article_id', 'helpful'],
	kb_searches: ['search_id', 'searched_at', 'session_id', 'requester_id', 'org_id', 'query', 'results_count', 'clicked_article_id'],
	costs: ['period_start', 'period_end', 'cost_type', 'channel', 'amount', 'currency', 'agent_fte'],
	sla_policies: ['plan', 'priority', 'frt_target_min', 'resolution_target_min', 'schedule_id'],
	schedules: ['schedule_id', 'timezone', 'weekday', 'open_time', 'close_time'],
	holidays: ['schedule_id', 'date', 'name']
} as const;

// ---------------------------------------------------------------------------------------
// Tickets
// ---------------------------------------------------------------------------------------

type Priority = 'P0' | 'P1' | 'P2' | 'P3' | 'P4';
type Tier = 'T1' | 'T2' | 'T3';

/** Targets from metrics.md: plan FRT, critical (P0/P1) response, resolution, in minutes. */
const SLA_TARGETS: Record<Plan, { frt: number; critical: number | null; resolution: number | null; schedule: ScheduleId }> = {
	free: { frt: 2880, critical: null, resolution: null, schedule: 'business' },
	standard: { frt: 480, critical: 240, resolution: 2880, schedule: 'business' },
	premium: { frt: 240, critical: 60, resolution: 1440, schedule: 'extended' },
	enterprise: { frt: 60, critical: 15, resolution: 480, schedule: '24x7' }
};

function frtTargetMin(plan: Plan, priority: Priority): number {
	const critical = SLA_TARGETS[plan].critical;
	return critical !== null && (priority === 'P0' || priority === 'P1') ? critical : SLA_TARGETS[plan].frt;
}

const PRIORITIES: readonly Priority[] = ['P0', 'P1', 'P2', 'P3', 'P4'];
const priorityTable = (weights: readonly number[]) => new WeightedTable(PRIORITIES.map((p, i) => [p, weights[i]] as const));
// Breakage (bugs, performance, integrations) is urgent more often than questions are;
// together about 0.5 / 4 / 20 / 55 / 20 %.
const PRIORITY_BY_CATEGORY: Record<Category, WeightedTable<Priority>> = (() => {
	const urgentProne = priorityTable([1.2, 8, 30, 46, 14.8]);
	const calm = priorityTable([0, 0.8, 11, 62, 26.2]);
	const neutral = priorityTable([0.3, 3.5, 20, 57, 19.2]);
	return {
		bug: urgentProne,
		performance: urgentProne,
		integration: urgentProne,
		how_to: calm,
		feature_request: calm,
		billing: neutral,
		account: neutral,
		data_export: neutral
	};
})();

// Phone support is sold with premium and enterprise only.
const channelTable = (phone: number) =>
	new WeightedTable<Channel>([
		['email', 38],
		['chat', 24],
		['web', 18],
		['in_app', 10],
		['social', 3],
		['phone', phone]
	]);
const CHANNELS_WITHOUT_PHONE = channelTable(0);
const CHANNELS_WITH_PHONE = channelTable(8);

// Chance of escalation beyond tier 1, by category and by priority (about 30 % overall).
const ESCALATION_BY_CATEGORY: Record<Category, number> = {
	bug: 0.6,
	integration: 0.55,
	performance: 0.55,
	data_export: 0.35,
	account: 0.18,
	billing: 0.14,
	how_to: 0.12,
	feature_request: 0.18
};
const ESCALATION_BY_PRIORITY: Record<Priority, number> = { P0: 1.6, P1: 1.4, P2: 1.15, P3: 0.85, P4: 0.6 };

// Median first human reply on email-like channels as a share of the plan's FRT target (in
// its schedule's open minutes): with the spread used, about 6 % of them miss the target in
// an ordinary week and far more in an overloaded one. Free tickets wait in the slowest queue
// but have a 48-hour target, so they rarely breach.
const FRT_MEDIAN_SHARE_OF_TARGET: Record<Plan, number> = { free: 0.2, standard: 0.3, premium: 0.3, enterprise: 0.3 };
// Median first human reply on live channels, minutes of working time.
const CHAT_REPLY_MEDIAN_MIN: Record<Plan, number> = { free: 7, standard: 4, premium: 3, enterprise: 2 };
// Resolution work after the first reply, minutes of working time.
const RESOLUTION_MEDIAN_MIN: Record<Tier, number> = { T1: 240, T2: 1300, T3: 3600 };
const RESOLUTION_BY_CATEGORY: Record<Category, number> = {
	bug: 1.4,
	integration: 1.2,
	performance: 1.3,
	data_export: 1.1,
	how_to: 0.8,
	billing: 0.9,
	account: 0.8,
	feature_request: 0.6
};
const RESOLUTION_BY_PLAN: Record<Plan, number> = { free: 1.3, standard: 1, premium: 0.75, enterprise: 0.3 };
const ONE_TOUCH_BY_TIER: Record<Tier, number> = { T1: 0.47, T2: 0.12, T3: 0.03 };
const REOPEN_BY_CATEGORY: Record<Category, number> = {
	bug: 0.09,
	integration: 0.08,
	performance: 0.07,
	data_export: 0.05,
	how_to: 0.05,
	billing: 0.05,
	account: 0.04,
	feature_request: 0.04
};
// Tickets parked for months (waiting on engineering or the customer): the aged backlog.
const STUCK_BY_CATEGORY: Record<Category, number> = {
	bug: 0.003,
	feature_request: 0.004,
	integration: 0.0025,
	performance: 0.0015,
	data_export: 0.001,
	how_to: 0.0005,
	billing: 0.0008,
	account: 0.0008
};
// Where an unsolved, answered ticket stands: parked ones mostly wait on engineering.
const STUCK_STATUSES: readonly TicketStatus[] = ['on_hold', 'on_hold', 'pending', 'open'];
const IN_PROGRESS_STATUSES: readonly TicketStatus[] = ['open', 'open', 'pending', 'pending', 'on_hold'];
const HANDLE_BASE_MIN: Record<Channel, number> = { email: 9, web: 9, chat: 14, phone: 16, in_app: 8, social: 6 };
const HANDLE_BY_TIER: Record<Tier, number> = { T1: 1, T2: 1.7, T3: 2.6 };

const CSAT_RESPONSE_RATE = 0.3;
const OUTBOUND_SHARE = 0.03;
const UNANSWERED_RECENT_SHARE = 0.015;

const MONTH_NAMES = [
	'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'
];

/** A subject template split into literal text and `{slot}` names, so filling it is a loop. */
interface SubjectTemplate {
	parts: readonly string[];
}

function compileTemplate(template: string): SubjectTemplate {
	return { parts: template.split(/\{(\w+)\}/) };
}

const compiledSubjects = new Map<string, SubjectTemplate>();
function compiled(template: string): SubjectTemplate {
	let found = compiledSubjects.get(template);
	if (!found) {
		found = compileTemplate(template);
		compiledSubjects.set(template, found);
	}
	return found;
}

function fillSubject(template: string, rng: Rng, createdSec: number): string {
	const { parts } = compiled(template);
	let text = parts[0];
	for (let i = 1; i < parts.length; i += 2) {
		const slot = parts[i];
		let value: string;
		if (slot === 'month') value = MONTH_NAMES[partsOfDay(Math.floor(createdSec / SECONDS_PER_DAY)).month - 1];
		else if (slot === 'year') value = String(partsOfDay(Math.floor(createdSec / SECONDS_PER_DAY)).year + 1);
		else if (slot === 'invoice') value = `INV-${rng.int(10_000, 99_999)}`;
		else if (slot === 'n') value = String(rng.int(2, 40));
		else value = rng.pick(SUBJECT_SLOTS[slot] ?? [slot]);
		text += value + parts[i + 1];
	}
	return text;
}

function tagsFor(topic: TicketTopic, rng: Rng): string {
	const tags = [...topic.tags];
	if (tags.length < 3 && rng.chance(0.3)) {
		const extra = rng.pick(CATEGORY_EXTRA_TAGS[topic.category]);
		if (!tags.includes(extra)) tags.push(extra);
	}
	return tags.join(';');
}

function tierFor(category: Category, priority: Priority, rng: Rng): Tier {
	const escalated = rng.chance(Math.min(0.95, ESCALATION_BY_CATEGORY[category] * ESCALATION_BY_PRIORITY[priority]));
	if (!escalated) return 'T1';
	const breakage = category === 'bug' || category === 'performance' || category === 'integration';
	const severe = breakage && (priority === 'P0' || priority === 'P1');
	return rng.chance(severe ? 0.45 : 0.18) ? 'T3' : 'T2';
}

function groupFor(category: Category, tier: Tier, plan: Plan, rng: Rng): GroupName {
	if (category === 'billing') return GROUPS.billing;
	if (plan === 'enterprise' && rng.chance(0.8)) return GROUPS.enterprise;
	if (category === 'integration') return GROUPS.integrations;
	if (tier !== 'T1' && (category === 'bug' || category === 'performance' || category === 'data_export')) return GROUPS.technical;
	return GROUPS.tier1;
}

/** What a ticket leaves behind for the self-service file: the session that led to it. */
interface LinkedSession {
	kind: SessionKind;
	startSec: number;
	requesterId: string;
	org: Org;
	ticketId: string;
	searchTopic: number;
}

type TicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';

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
class TicketFactory {
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

// ---------------------------------------------------------------------------------------
// Self-service sessions and KB searches
// ---------------------------------------------------------------------------------------

type SessionKind = 'kb' | 'search' | 'bot' | 'community';

const sessionKindTable = new WeightedTable<SessionKind>([
	['kb', 55],
	['search', 25],
	['bot', 15],
	['community', 5]
]);

interface SessionDraft {
	startSec: number;
	kind: SessionKind;
	requesterId: string;
	org: Org;
	handedOff: boolean;
	ticketId: string;
	articleId: string;
	helpful: '' | 'true' | 'false';
	/** Search topic index for a search session, or -1 to draw one per the org's segment. */
	searchTopic: number;
	beforeTicket: boolean;
}

interface SearchDraft {
	searchedSec: number;
	sessionId: string;
	requesterId: string;
	org: Org;
	searchTopic: number;
	beforeTicket: boolean;
}

const ARTICLE_HELPFUL_RATE = 0.86;
const WEAK_ARTICLE_HELPFUL_RATE = 0.4;
const VOTE_RATE = 0.4;
const SESSION_ANONYMOUS_SHARE = 0.25;
const STANDALONE_BOT_HANDOFF = 0.12;

/** Articles per search topic, and the popularity tables kb sessions draw from. */
class KnowledgeBase {
	/** Article ids answering each search topic (empty for gaps and, before kb-217, for export). */
	readonly articlesByTopic: string[][];
	readonly helpfulRate = new Map<string, number>();
	private readonly before: WeightedTable<string>;
	private readonly after: WeightedTable<string>;
	private readonly exportTopic = SEARCH_TOPICS.findIndex((t) => t.key === EXPORT_ARTICLE.searchTopic);

	constructor(
		seed: number,
		private readonly publishSec: number
	) {
		const rng = new Rng(seed, 'articles');
		const answered = SEARCH_TOPICS.map((t, i) => i).filter((i) => SEARCH_TOPICS[i].answered && i !== this.exportTopic);
		this.articlesByTopic = SEARCH_TOPICS.map(() => []);
		const popularity: Array<[string, number]> = [];
		for (let n = ARTICLE_ID_RANGE.first; n <= ARTICLE_ID_RANGE.last; n++) {
			const id = `kb-${n}`;
			const topic = answered[(n - ARTICLE_ID_RANGE.first) % answered.length];
			this.articlesByTopic[topic].push(id);
			popularity.push([id, rng.logNormal(1, 0.9)]);
			this.helpfulRate.set(id, WEAK_ARTICLES.has(id) ? WEAK_ARTICLE_HELPFUL_RATE : ARTICLE_HELPFUL_RATE);
		}
		this.helpfulRate.set(EXPORT_ARTICLE.id, 0.9);
		this.before = new WeightedTable(popularity);
		// Once live, the export article is among the most read.
		this.after = new WeightedTable([...popularity, [EXPORT_ARTICLE.id, 6]]);
	}

	/** Articles answering a search topic at instant t. */
	articlesFor(topic: number, t: number): readonly string[] {
		if (topic === this.exportTopic) return t >= this.publishSec ? [EXPORT_ARTICLE.id] : [];
		return this.articlesByTopic[topic];
	}

	/** An article a help-center visitor reads at instant t. */
	popularArticle(t: number, rng: Rng): string {
		return (t >= this.publishSec ? this.after : this.before).draw(rng);
	}
}

/** Search topics by segment: what scaled, blended and high-touch customers look for. */
const SEARCH_TOPICS_BY_SEGMENT: Record<Segment, WeightedTable<number>> = {
	scaled: new WeightedTable(SEARCH_TOPICS.map((t, i) => [i, t.demand.scaled] as const)),
	blended: new WeightedTable(SEARCH_TOPICS.map((t, i) => [i, t.demand.blended] as const)),
	high_touch: new WeightedTable(SEARCH_TOPICS.map((t, i) => [i, t.demand.high_touch] as const))
};

/** A query as people type it: mostly lower case, sometimes capitalised, spaced oddly or upper case. */
function styleQuery(phrase: string, rng: Rng): string {
	const u = rng.next();
	if (u < 0.55) return phrase;
	if (u < 0.7) return phrase.charAt(0).toUpperCase() + phrase.slice(1);
	if (u < 0.8) return phrase.replace(/\b[a-z]/g, (c) => c.toUpperCase()).replace(/\bCsv\b/, 'CSV').replace(/\bApi\b/, 'API');
	if (u < 0.9) return ` ${phrase.replace(' ', '  ')}`;
	if (u < 0.96) return `${phrase}?`;
	return phrase.toUpperCase();
}

class SelfServiceFactory {
	private readonly sessionRng: Rng;
	private readonly searchRng: Rng;
	private sessionCount = 0;
	private searchCount = 0;

	constructor(
		seed: number,
		private readonly span: Span,
		private readonly book: OrgBook,
		private readonly kb: KnowledgeBase,
		private readonly fmt: TimestampFormatter,
		private readonly idWidth: number
	) {
		this.sessionRng = new Rng(seed, 'sessions');
		this.searchRng = new Rng(seed, 'searches');
	}

	/** The session that preceded a ticket, as a draft: it handed off (bot) or failed to answer. */
	fromTicket(linked: LinkedSession): SessionDraft {
		const rng = this.sessionRng;
		let articleId = '';
		let helpful: SessionDraft['helpful'] = '';
		if (linked.kind === 'kb') {
			const answering = linked.searchTopic >= 0 ? this.kb.articlesFor(linked.searchTopic, linked.startSec) : [];
			articleId = answering.length > 0 ? rng.pick(answering) : this.kb.popularArticle(linked.startSec, rng);
			// They filed a ticket afterwards: when they vote, the article did not help.
			if (rng.chance(0.5)) helpful = 'false';
		}
		return {
			startSec: linked.startSec,
			kind: linked.kind,
			requesterId: linked.requesterId,
			org: linked.org,
			handedOff: linked.kind === 'bot',
			ticketId: linked.ticketId,
			articleId,
			helpful,
			searchTopic: linked.searchTopic,
			beforeTicket: true
		};
	}

	/** A session that did not lead to a ticket right away. */
	standalone(startSec: number): SessionDraft {
		const rng = this.sessionRng;
		const org = drawOrg(this.book, this.book.sessionCumulative, startSec, rng);
		const kind = sessionKindTable.draw(rng);
		let articleId = '';
		let helpful: SessionDraft['helpful'] = '';
		if (kind === 'kb') {
			articleId = this.kb.popularArticle(startSec, rng);
			if (rng.chance(VOTE_RATE)) helpful = rng.chance(this.kb.helpfulRate.get(articleId) ?? ARTICLE_HELPFUL_RATE) ? 'true' : 'false';
		}
		return {
			startSec,
			kind,
			requesterId: rng.chance(SESSION_ANONYMOUS_SHARE) ? '' : requesterOf(org, rng),
			org,
			handedOff: kind === 'bot' && rng.chance(STANDALONE_BOT_HANDOFF),
			ticketId: '',
			articleId,
			helpful,
			searchTopic: -1,
			beforeTicket: false
		};
	}

	nextSessionId(): string {
		this.sessionCount++;
		return `S-${String(this.sessionCount).padStart(this.idWidth, '0')}`;
	}

	sessionLine(id: string, s: SessionDraft): string {
		return [
			id,
			this.fmt.format(s.startSec),
			s.kind,
			s.requesterId,
			s.org.id,
			s.handedOff ? 'true' : 'false',
			s.ticketId,
			s.articleId,
			s.helpful
		].join(',');
	}

	/** The 1-3 searches of a search session, a few seconds to a minute and a half apart. */
	searchesOfSession(id: string, s: SessionDraft, into: SearchDraft[]): void {
		const rng = this.searchRng;
		const count = rng.chance(0.5) ? 1 : rng.chance(0.7) ? 2 : 3;
		const topic = s.searchTopic >= 0 ? s.searchTopic : SEARCH_TOPICS_BY_SEGMENT[s.org.segment].draw(rng);
		let at = s.startSec + rng.int(3, 40);
		// A session started in the end day's last minute may not finish its searches by the end.
		for (let i = 0; i < count && at <= this.span.endSec; i++) {
			into.push({ searchedSec: at, sessionId: id, requesterId: s.requesterId, org: s.org, searchTopic: topic, beforeTicket: s.beforeTicket });
			at += rng.int(8, 90);
		}
	}

	/** A search typed outside a tracked session. */
	standaloneSearch(searchedSec: number): SearchDraft {
		const rng = this.searchRng;
		const org = drawOrg(this.book, this.book.sessionCumulative, searchedSec, rng);
		return {
			searchedSec,
			sessionId: '',
			requesterId: rng.chance(0.3) ? '' : requesterOf(org, rng),
			org,
			searchTopic: SEARCH_TOPICS_BY_SEGMENT[org.segment].draw(rng),
			beforeTicket: false
		};
	}

	/** A search as a kb_searches.csv line: the query, what it found and what was clicked. */
	searchLine(q: SearchDraft): string {
		const rng = this.searchRng;
		this.searchCount++;
		const topic = SEARCH_TOPICS[q.searchTopic];
		const query = styleQuery(rng.pick(topic.phrasings), rng);
		const articles = this.kb.articlesFor(q.searchTopic, q.searchedSec);
		// Gaps find nothing; answered topics occasionally miss too (typos, odd wording).
		const found = articles.length > 0 && rng.chance(0.96);
		const results = found ? articles.length + rng.int(1, 12) : 0;
		const clickRate = (articles.length === 1 ? 0.7 : 0.55) * (q.beforeTicket ? 0.4 : 1);
		const clicked = found && rng.chance(clickRate) ? rng.pick(articles) : '';
		const id = `Q-${String(this.searchCount).padStart(this.idWidth, '0')}`;
		return [id, this.fmt.format(q.searchedSec), q.sessionId, q.requesterId, q.org.id, csvField(query), String(results), clicked].join(',');
	}
}

// ---------------------------------------------------------------------------------------
// Reference files: orgs, SLA policies, schedules, holidays, costs
// ---------------------------------------------------------------------------------------

function holidaysOfSpan(span: Span): Array<{ day: number; name: string }> {
	const first = partsOfDay(span.startDay).year;
	const last = partsOfDay(span.endDay).year;
	const all = [];
	for (let y = first; y <= last; y++) all.push(...usFederalHolidays(y));
	return all;
}

async function writeOrgs(path: string, book: OrgBook, fmt: TimestampFormatter): Promise<void> {
	const file = new CsvFile(path, HEADERS.orgs);
	for (const o of book.orgs) {
		const signup = fmt.format(o.signupSec);
		file.add([o.id, csvField(o.name), o.plan, o.segment, o.arr, o.seats, signup, o.csmId, o.timezone, o.region].join(','));
		await file.flushIfFull();
	}
	await file.close();
}

async function writeSlaPolicies(path: string): Promise<void> {
	const file = new CsvFile(path, HEADERS.sla_policies);
	const plans = Object.keys(SLA_TARGETS) as Plan[];
	for (const plan of plans) {
		const t = SLA_TARGETS[plan];
		file.add([plan, '', String(t.frt), t.resolution === null ? '' : String(t.resolution), t.schedule].join(','));
	}
	for (const plan of plans) {
		const t = SLA_TARGETS[plan];
		if (t.critical === null) continue;
		for (const priority of ['P0', 'P1']) file.add([plan, priority, String(t.critical), '', t.schedule].join(','));
	}
	await file.close();
}

async function writeSchedules(path: string): Promise<void> {
	const file = new CsvFile(path, HEADERS.schedules);
	for (let d = 1; d <= 5; d++) file.add(`business,America/New_York,${d},09:00,17:00`);
	for (let d = 1; d <= 5; d++) file.add(`extended,America/New_York,${d},06:00,22:00`);
	for (let d = 1; d <= 7; d++) file.add(`24x7,UTC,${d},00:00,24:00`);
	await file.close();
}

async function writeHolidays(path: string, holidays: Array<{ day: number; name: string }>): Promise<void> {
	const file = new CsvFile(path, HEADERS.holidays);
	for (const schedule of ['business', 'extended']) {
		for (const h of holidays) file.add([schedule, isoDateOfDay(h.day), csvField(h.name)].join(','));
	}
	await file.close();
}

const AGENT_MONTHLY_COST = 6_500;
const TOOLS_SHARE_OF_AGENTS = 0.09;
const OUTSOURCED_AGENT_MONTHLY_COST = 4_200;
// An outsourcing partner takes overflow from 45 % into the span (a cost line that starts mid-way).
const OUTSOURCING_FROM_SHARE = 0.45;

const money = (amount: number) => amount.toFixed(2);

async function writeCosts(path: string, staffing: Staffing): Promise<void> {
	const file = new CsvFile(path, HEADERS.costs);
	const months = staffing.months;
	const outsourcingFrom = Math.floor(months.length * OUTSOURCING_FROM_SHARE);
	months.forEach((m, i) => {
		const start = isoDateOfDay(m.firstDay);
		const end = isoDateOfDay(m.lastDay);
		const fullMonthTickets = (m.ticketsCreated / m.spanDays) * (m.lastDay - m.firstDay + 1);
		const fte = Math.max(1, Math.round((fullMonthTickets / TICKETS_PER_AGENT_MONTH) * 10) / 10);
		const agentsTotal = fte * AGENT_MONTHLY_COST;
		// Agent cost per channel, in proportion to the handle time each channel took.
		const handleTotal = [...m.handleMinutesByChannel.values()].reduce((a, b) => a + b, 0);
		for (const channel of CHANNELS) {
			const share = handleTotal > 0 ? (m.handleMinutesByChannel.get(channel) ?? 0) / handleTotal : 1 / CHANNELS.length;
			if (share === 0) continue;
			file.add([start, end, 'agents', channel, money(agentsTotal * share), 'USD', (fte * share).toFixed(2)].join(','));
		}
		file.add([start, end, 'tools', '', money(agentsTotal * TOOLS_SHARE_OF_AGENTS), 'USD', ''].join(','));
		if (i >= outsourcingFrom) {
			const outsourcedFte = Math.max(1, Math.round(fte * 0.15 * 2) / 2);
			file.add([start, end, 'outsourcing', '', money(outsourcedFte * OUTSOURCED_AGENT_MONTHLY_COST), 'USD', String(outsourcedFte)].join(','));
		}
		file.add([start, end, 'other', '', money(1_200 + 90 * fte), 'USD', ''].join(','));
	});
	await file.close();
}

// ---------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------

const PROGRESS_EVERY = 5_000;

/** Writes the demo data set's eight CSV files into outDir and returns the span and the paths. */
export async function generateDemo(o: DemoOptions): Promise<DemoSummary> {
	if (!Number.isInteger(o.tickets) || o.tickets < 1) throw new Error(`tickets must be a whole number >= 1, got ${o.tickets}`);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(o.end) || Number.isNaN(Date.parse(o.end))) throw new Error(`end must be YYYY-MM-DD, got "${o.end}"`);
	const outDir = resolve(o.outDir);
	mkdirSync(outDir, { recursive: true });
	const paths = Object.fromEntries(Object.keys(HEADERS).map((name) => [name, join(outDir, `${name}.csv`)])) as Record<
		keyof typeof HEADERS,
		string
	>;

	const span = spanEnding(o.end);
	const stories = planStories(span, o.seed);
	const holidays = holidaysOfSpan(span);
	const holidayDays = new Set(holidays.map((h) => h.day));
	const fmt = new TimestampFormatter();
	const book = buildOrgs(orgCountFor(o.tickets), span, o.seed);
	const days = planDays(o.tickets, span, stories, holidayDays, o.seed, o.sessionsPerTicket ?? SESSIONS_PER_TICKET);
	const staffing = planStaffing(span, days);
	const kb = new KnowledgeBase(o.seed, stories.kbPublishSec);

	await writeOrgs(paths.orgs, book, fmt);
	await writeSlaPolicies(paths.sla_policies);
	await writeSchedules(paths.schedules);
	await writeHolidays(paths.holidays, holidays);
	await writeActivity(o, span, stories, book, staffing, days, kb, supportHours(holidayDays), fmt, paths);
	await writeCosts(paths.costs, staffing);

	return {
		start: isoDateOfDay(span.startDay),
		end: isoDateOfDay(span.endDay),
		files: [
			paths.orgs,
			paths.sla_policies,
			paths.schedules,
			paths.holidays,
			paths.tickets,
			paths.self_service,
			paths.kb_searches,
			paths.costs
		]
	};
}

/** Tickets, sessions and searches, day by day, streamed to their three files. */
async function writeActivity(
	o: DemoOptions,
	span: Span,
	stories: Stories,
	book: OrgBook,
	staffing: Staffing,
	days: DayPlan,
	kb: KnowledgeBase,
	hours: Record<ScheduleId, SupportHours>,
	fmt: TimestampFormatter,
	paths: Record<keyof typeof HEADERS, string>
): Promise<void> {
	const writer = new ActivityWriter(o, span, stories, book, staffing, days, kb, hours, fmt, paths);
	let reported = 0;
	for (let i = 0; i < span.dayCount; i++) {
		await writer.writeDay(i);
		if (writer.ticketsWritten - reported >= PROGRESS_EVERY || i === span.dayCount - 1) {
			reported = writer.ticketsWritten;
			o.onProgress?.(writer.ticketsWritten, o.tickets, 'tickets');
		}
	}
	await writer.close();
}

/** One day at a time: the day's tickets, then its sessions (some just before a ticket), then its searches. */
class ActivityWriter {
	ticketsWritten = 0;
	// Sessions and searches follow their daily plan cumulatively: a day whose ticket-linked
	// sessions (or session searches) overshoot its share takes it from the days after.
	private sessionsPlanned = 0;
	private sessionsWritten = 0;
	private searchesPlanned = 0;
	private searchesWritten = 0;
	private readonly searchesTotal: number;
	private readonly ticketsFile: CsvFile;
	private readonly sessionsFile: CsvFile;
	private readonly searchesFile: CsvFile;
	private readonly tickets: TicketFactory;
	private readonly selfService: SelfServiceFactory;
	private readonly timesRng: Rng;
	private readonly ticketIdWidth: number;

	constructor(
		o: DemoOptions,
		private readonly span: Span,
		private readonly stories: Stories,
		book: OrgBook,
		private readonly staffing: Staffing,
		private readonly days: DayPlan,
		kb: KnowledgeBase,
		hours: Record<ScheduleId, SupportHours>,
		fmt: TimestampFormatter,
		paths: Record<keyof typeof HEADERS, string>
	) {
		this.ticketsFile = new CsvFile(paths.tickets, HEADERS.tickets);
		this.sessionsFile = new CsvFile(paths.self_service, HEADERS.self_service);
		this.searchesFile = new CsvFile(paths.kb_searches, HEADERS.kb_searches);
		this.tickets = new TicketFactory(o.seed, span, stories, book, staffing, hours, fmt);
		const selfServiceIdWidth = Math.max(7, String(Math.ceil(o.tickets * ((o.sessionsPerTicket ?? SESSIONS_PER_TICKET) + 1))).length);
		this.selfService = new SelfServiceFactory(o.seed, span, book, kb, fmt, selfServiceIdWidth);
		this.timesRng = new Rng(o.seed, 'instants');
		this.ticketIdWidth = Math.max(6, String(o.tickets).length);
		this.searchesTotal = o.tickets * SEARCHES_PER_TICKET;
	}

	/** Writes span day i (0-based) and flushes the files when their buffers are large. */
	async writeDay(i: number): Promise<void> {
		const sessions = this.writeTickets(i);
		const searches = this.writeSessions(i, sessions);
		this.writeSearches(i, searches);
		await this.ticketsFile.flushIfFull();
		await this.sessionsFile.flushIfFull();
		await this.searchesFile.flushIfFull();
	}

	/** The day's tickets; returns the sessions that led to some of them. */
	private writeTickets(i: number): SessionDraft[] {
		const day = this.span.startDay + i;
		const month = this.staffing.months[this.staffing.monthOfDay[i]];
		const created = instantsOfDay(day, this.days.tickets[i], this.timesRng);
		const churnIndex = this.stories.churnDays.get(day) ?? -1;
		// The planted escalation is the day's first ticket from 14:00 UTC on (the day's last otherwise).
		let churnSlot = -1;
		if (churnIndex >= 0 && created.length > 0) {
			churnSlot = created.findIndex((t) => t >= day * SECONDS_PER_DAY + 14 * HOUR);
			if (churnSlot < 0) churnSlot = created.length - 1;
		}
		const linked: SessionDraft[] = [];
		for (let k = 0; k < created.length; k++) {
			this.ticketsWritten++;
			const id = `T-${String(this.ticketsWritten).padStart(this.ticketIdWidth, '0')}`;
			const { record, linked: session } = this.tickets.make(id, created[k], k === churnSlot ? churnIndex : -1);
			this.ticketsFile.add(this.tickets.line(record));
			month.ticketsCreated++;
			if (record.handleMin > 0) {
				const sum = month.handleMinutesByChannel.get(record.channel) ?? 0;
				month.handleMinutesByChannel.set(record.channel, sum + record.handleMin);
			}
			if (session) linked.push(this.selfService.fromTicket(session));
		}
		return linked;
	}

	/** The day's sessions: the ticket-linked ones plus enough others; returns the searches of search sessions. */
	private writeSessions(i: number, sessions: SessionDraft[]): SearchDraft[] {
		this.sessionsPlanned += this.days.sessions[i];
		const standalone = Math.max(0, this.sessionsPlanned - this.sessionsWritten - sessions.length);
		for (const t of instantsOfDay(this.span.startDay + i, standalone, this.timesRng)) {
			sessions.push(this.selfService.standalone(t));
		}
		// Stable sort: equal instants keep their (deterministic) order of creation.
		sessions.sort((a, b) => a.startSec - b.startSec);
		const searches: SearchDraft[] = [];
		for (const s of sessions) {
			const id = this.selfService.nextSessionId();
			this.sessionsFile.add(this.selfService.sessionLine(id, s));
			if (s.kind === 'search') this.selfService.searchesOfSession(id, s, searches);
		}
		this.sessionsWritten += sessions.length;
		return searches;
	}

	/** The day's searches: those of search sessions plus enough typed outside a session. */
	private writeSearches(i: number, searches: SearchDraft[]): void {
		// The last days' session searches may not exceed the total (it matters for tiny data sets).
		searches.length = Math.min(searches.length, this.searchesTotal - this.searchesWritten);
		this.searchesPlanned += this.days.searches[i];
		const standalone = Math.max(0, this.searchesPlanned - this.searchesWritten - searches.length);
		for (const t of instantsOfDay(this.span.startDay + i, standalone, this.timesRng)) {
			searches.push(this.selfService.standaloneSearch(t));
		}
		searches.sort((a, b) => a.searchedSec - b.searchedSec);
		for (const q of searches) this.searchesFile.add(this.selfService.searchLine(q));
		this.searchesWritten += searches.length;
	}

	async close(): Promise<void> {
		await Promise.all([this.ticketsFile.close(), this.sessionsFile.close(), this.searchesFile.close()]);
	}
}
