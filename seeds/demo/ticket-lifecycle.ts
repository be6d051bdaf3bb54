/**
 * The odds and medians of a ticket's life after filing: first reply, resolution, one-touch,
 * reopens, parking, handle time, ratings, and the statuses it can be left in.
 */
import type { Category, Channel, Plan } from '../catalog';
import type { Tier } from './ticket-traits';

export type TicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';

// Median first human reply on email-like channels as a share of the plan's FRT target (in
// its schedule's open minutes): with the spread used, about 6 % of them miss the target in
// an ordinary week and far more in an overloaded one. Free tickets wait in the slowest queue
// but have a 48-hour target, so they rarely breach.
export const FRT_MEDIAN_SHARE_OF_TARGET: Record<Plan, number> = { free: 0.2, standard: 0.3, premium: 0.3, enterprise: 0.3 };
// Median first human reply on live channels, minutes of working time.
export const CHAT_REPLY_MEDIAN_MIN: Record<Plan, number> = { free: 7, standard: 4, premium: 3, enterprise: 2 };
// Resolution work after the first reply, minutes of working time.
export const RESOLUTION_MEDIAN_MIN: Record<Tier, number> = { T1: 240, T2: 1300, T3: 3600 };
export const RESOLUTION_BY_CATEGORY: Record<Category, number> = {
	bug: 1.4,
	integration: 1.2,
	performance: 1.3,
	data_export: 1.1,
	how_to: 0.8,
	billing: 0.9,
	account: 0.8,
	feature_request: 0.6
};
export const RESOLUTION_BY_PLAN: Record<Plan, number> = { free: 1.3, standard: 1, premium: 0.75, enterprise: 0.3 };
export const ONE_TOUCH_BY_TIER: Record<Tier, number> = { T1: 0.47, T2: 0.12, T3: 0.03 };
export const REOPEN_BY_CATEGORY: Record<Category, number> = {
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
export const STUCK_BY_CATEGORY: Record<Category, number> = {
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
export const STUCK_STATUSES: readonly TicketStatus[] = ['on_hold', 'on_hold', 'pending', 'open'];
export const IN_PROGRESS_STATUSES: readonly TicketStatus[] = ['open', 'open', 'pending', 'pending', 'on_hold'];
export const HANDLE_BASE_MIN: Record<Channel, number> = { email: 9, web: 9, chat: 14, phone: 16, in_app: 8, social: 6 };
export const HANDLE_BY_TIER: Record<Tier, number> = { T1: 1, T2: 1.7, T3: 2.6 };

export const CSAT_RESPONSE_RATE = 0.3;
export const UNANSWERED_RECENT_SHARE = 0.015;
