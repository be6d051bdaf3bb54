/**
 * Digests, alert rules and their deliveries as the pages, the API and the CLI show them
 * (src/lib/server/delivery/ computes and sends them; docs/delivery.md).
 */

import { DIMENSIONS } from './filters';

/** The query parameters a digest's page view keeps: its filters and the hours (the zone is the digest's, as_of and week are each period's). */
export const DIGEST_PARAMS: ReadonlySet<string> = new Set<string>([...DIMENSIONS, 'hours']);

/** A page's view as a digest's content: its path with only the parameters a digest keeps. */
export function digestContentOf(path: string, search: URLSearchParams): string {
	const kept = new URLSearchParams();
	for (const [key, value] of search) if (DIGEST_PARAMS.has(key) && value.trim()) kept.append(key, value.trim());
	const query = kept.toString();
	return query ? `${path}?${query}` : path;
}

/** What a digest email carries besides its HTML body. */
export const ATTACHMENTS = ['md', 'pdf'] as const;
export type Attachment = (typeof ATTACHMENTS)[number];

/** The pages a digest may carry: the views every role may read (no ticket lists, no names). */
export const DIGEST_PAGES: Record<string, string> = {
	'/': 'Overview',
	'/review': 'Weekly review',
	'/sla': 'SLA',
	'/self-service': 'Self-service',
	'/trends': 'Trends',
	'/cohorts': 'Cohorts',
	'/staffing': 'Staffing',
	'/pilots': 'Pilots'
};

export interface Digest {
	digest_id: number;
	name: string;
	/** Recipients in their stored form: an email address, `slack:URL`, `teams:URL`. */
	recipients: string[];
	/** 'review', or a page's path with its filters ('/sla?plan=premium'). */
	content: string;
	schedule: string;
	tz: string;
	attach: Attachment[];
	created_at: string;
	created_by: string | null;
	/** The scheduled instant last sent (or claimed), ISO; null before the first. */
	last_period: string | null;
}

/** A digest as lists show it: its recipients masked (a webhook URL is a credential, shown only when it is added). */
export interface DigestSummary extends Omit<Digest, 'recipients'> {
	/** The schedule in words with its zone ("Mondays at 08:00 (Europe/Berlin)"). */
	schedule_text: string;
	/** The next scheduled instant, ISO, or null when there is none. */
	next_run: string | null;
	/** Recipients as a page shows them: webhook URLs are secrets, shown by host and last characters. */
	recipients_shown: string[];
	last_sent_at: string | null;
	failed_deliveries: number;
}

/** above | below a value, a week-over-week change in percent or points, any review flag, any anomaly under a p-value. */
export const ALERT_CONDITIONS = ['above', 'below', 'change_pct', 'change_points', 'flag', 'anomaly'] as const;
export type AlertCondition = (typeof ALERT_CONDITIONS)[number];
export const CHANGE_DIRECTIONS = ['any', 'up', 'down'] as const;
export type ChangeDirection = (typeof CHANGE_DIRECTIONS)[number];

export interface AlertRule {
	rule_id: number;
	name: string;
	/** A catalog metric id; null for the flag and anomaly conditions. */
	metric: string | null;
	/** The rule's filters as a query string ('segment=enterprise'), '' for none. */
	filters: string;
	condition: AlertCondition;
	/** The value in the metric's unit (a fraction for rates), the change (percent or points), or the p-value level. */
	threshold: number | null;
	direction: ChangeDirection;
	recipients: string[];
	tz: string;
	muted: boolean;
	created_at: string;
	created_by: string | null;
}

/** An alert rule as lists show it: its recipients masked, as a digest's. */
export interface AlertRuleSummary extends Omit<AlertRule, 'recipients'> {
	/** The condition in words ("CSAT below 85.0 % for segment = enterprise"). */
	condition_text: string;
	recipients_shown: string[];
	/** The ISO week the rule last fired for, or null. */
	last_fired_week: string | null;
	failed_deliveries: number;
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

/** What each kind of message is, in the words the deliveries list uses. */
export const DELIVERY_KIND_LABEL: Record<string, string> = {
	digest: 'digest, on schedule',
	'digest-now': 'digest, sent at once',
	'digest-test': 'test delivery',
	alert: 'alert',
	'alert-test': 'test delivery'
};

/** One message to one recipient, as the admin page lists them. */
export interface DeliveryRow {
	delivery_id: number;
	message_id: number;
	/** digest, digest-now, digest-test, alert, alert-test */
	kind: string;
	source_id: number | null;
	period: string;
	subject: string;
	target_shown: string;
	status: DeliveryStatus;
	attempts: number;
	next_attempt_at: string | null;
	last_error: string | null;
	sent_at: string | null;
	created_at: string;
}

/** What one send reported per recipient (the CLI's and the test button's answer). */
export interface SendOutcome {
	delivery_id: number;
	subject: string;
	target_shown: string;
	status: DeliveryStatus;
	error: string | null;
	/** When the next try is, for a failure that will be retried. */
	next_attempt_at: string | null;
}
