/**
 * The planted stories (seeds/README.md): the billing-bug spike, the KB article that cuts the
 * export topic, the churn org's escalations, and the weeks of high load and volume (the spike
 * and two release weeks). The topic mix is where stories 1 and 2 reach the tickets.
 */
import { HOUR, SECONDS_PER_DAY } from '../calendar';
import { TICKET_TOPICS } from '../catalog';
import { Rng, WeightedTable } from '../random';
import type { Span } from './span';

export interface Stories {
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

/** Where the planted stories fall in the span, and the load and volume of every span week. */
export function planStories(span: Span, seed: number): Stories {
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

// The topic mix: stories 1 and 2 change it.

export interface TopicMix {
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

/** The topic mix in force at instant t (seconds). */
export function topicMixFor(t: number, stories: Stories): TopicMix {
	const day = Math.floor(t / SECONDS_PER_DAY);
	const spike = day >= stories.spikeFirstDay && day <= stories.spikeLastDay;
	const articleLive = t >= stories.kbPublishSec;
	if (spike) return articleLive ? TOPIC_MIXES.spikeAfter : TOPIC_MIXES.spikeBefore;
	return articleLive ? TOPIC_MIXES.after : TOPIC_MIXES.before;
}
