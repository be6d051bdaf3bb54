/**
 * What a ticket is when filed: priority, channel, tier, group and tags, drawn by category
 * and plan, and how many tickets are outbound.
 */
import { CATEGORY_EXTRA_TAGS, GROUPS, type Category, type Channel, type GroupName, type Plan, type TicketTopic } from '../catalog';
import { WeightedTable, type Rng } from '../random';

export type Priority = 'P0' | 'P1' | 'P2' | 'P3' | 'P4';
export type Tier = 'T1' | 'T2' | 'T3';

const PRIORITIES: readonly Priority[] = ['P0', 'P1', 'P2', 'P3', 'P4'];
const priorityTable = (weights: readonly number[]) => new WeightedTable(PRIORITIES.map((p, i) => [p, weights[i]] as const));
// Breakage (bugs, performance, integrations) is urgent more often than questions are;
// together about 0.5 / 4 / 20 / 55 / 20 %.
export const PRIORITY_BY_CATEGORY: Record<Category, WeightedTable<Priority>> = (() => {
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
export const CHANNELS_WITHOUT_PHONE = channelTable(0);
export const CHANNELS_WITH_PHONE = channelTable(8);

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

export const OUTBOUND_SHARE = 0.03;

/** The topic's tags, joined with ';', sometimes with one more of its category's. */
export function tagsFor(topic: TicketTopic, rng: Rng): string {
	const tags = [...topic.tags];
	if (tags.length < 3 && rng.chance(0.3)) {
		const extra = rng.pick(CATEGORY_EXTRA_TAGS[topic.category]);
		if (!tags.includes(extra)) tags.push(extra);
	}
	return tags.join(';');
}

/** The tier a ticket ends at: T1, or T2/T3 when escalated. */
export function tierFor(category: Category, priority: Priority, rng: Rng): Tier {
	const escalated = rng.chance(Math.min(0.95, ESCALATION_BY_CATEGORY[category] * ESCALATION_BY_PRIORITY[priority]));
	if (!escalated) return 'T1';
	const breakage = category === 'bug' || category === 'performance' || category === 'integration';
	const severe = breakage && (priority === 'P0' || priority === 'P1');
	return rng.chance(severe ? 0.45 : 0.18) ? 'T3' : 'T2';
}

/** The group that works a ticket. */
export function groupFor(category: Category, tier: Tier, plan: Plan, rng: Rng): GroupName {
	if (category === 'billing') return GROUPS.billing;
	if (plan === 'enterprise' && rng.chance(0.8)) return GROUPS.enterprise;
	if (category === 'integration') return GROUPS.integrations;
	if (tier !== 'T1' && (category === 'bug' || category === 'performance' || category === 'data_export')) return GROUPS.technical;
	return GROUPS.tier1;
}
