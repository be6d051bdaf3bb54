/**
 * The customer orgs: plan, ARR, seats, segment, signup and name, and the draw of an org by
 * its ticket or self-service demand among those signed up at an instant.
 */
import { SECONDS_PER_DAY, type TimestampFormatter } from '../calendar';
import {
	CHURN_ORG,
	NAME_FIRST_WORDS,
	NAME_SECOND_WORDS,
	NAME_SUFFIXES,
	NAME_SURNAMES,
	TIMEZONES,
	type Plan,
	type Segment
} from '../catalog';
import { Rng, WeightedTable, upperBound } from '../random';
import { CsvFile, HEADERS, csvField } from './csv';
import type { Span } from './span';

export interface Org {
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
export interface OrgBook {
	orgs: Org[];
	/** Org indexes in signup order, and their signup instants (ascending). */
	bySignup: Int32Array;
	signupSecs: Float64Array;
	/** Running sums of ticket and self-service weights in signup order. */
	ticketCumulative: Float64Array;
	sessionCumulative: Float64Array;
}

/** Number of orgs for a ticket volume: 1,500 at 60k tickets, at least 20, at most 25,000. */
export function orgCountFor(tickets: number): number {
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

/** The `count` orgs of a data set (org-0001 is the churn org) and their draw tables. */
export function buildOrgs(count: number, span: Span, seed: number): OrgBook {
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
export function drawOrg(book: OrgBook, cumulative: Float64Array, t: number, rng: Rng): Org {
	// org-0001 signs up long before the span starts, so at least one org is always there.
	const available = Math.max(1, signedUpBy(book, t));
	const k = upperBound(cumulative, rng.next() * cumulative[available - 1], available);
	return book.orgs[book.bySignup[k]];
}

/** A requester id of the org's. */
export function requesterOf(org: Org, rng: Rng): string {
	// A few people file most of an org's tickets: the squared uniform favours low numbers.
	const r = rng.next();
	return `u-${org.id}-${1 + Math.floor(r * r * org.requesterCount)}`;
}

/** Writes orgs.csv. */
export async function writeOrgs(path: string, book: OrgBook, fmt: TimestampFormatter): Promise<void> {
	const file = new CsvFile(path, HEADERS.orgs);
	for (const o of book.orgs) {
		const signup = fmt.format(o.signupSec);
		file.add([o.id, csvField(o.name), o.plan, o.segment, o.arr, o.seats, signup, o.csmId, o.timezone, o.region].join(','));
		await file.flushIfFull();
	}
	await file.close();
}
