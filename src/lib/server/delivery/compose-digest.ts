import type { Database } from '../db/database';
import { parseKpiQuery } from '../../filters';
import { formatChange, formatMetric, localTime } from '../../format';
import { computeWeeklyReview, parseReviewQuery, type WeeklyReview } from '../metrics/weekly-review';
import { hiringVerdict, noFlags, renderReviewHtml, renderReviewMarkdown, sparklineLabel } from '../../review/render';
import { escapeHtml } from '../../html';
import { sparklinePng } from './sparkline-png';
import { DIGEST_PAGES, type Digest } from '../../delivery';
import { contentParts } from './digests';
import { describeSchedule } from './schedule';
import { absoluteUrl } from './links';
import type { StoredMessage } from './messages';

/** The headlines a chat message carries, in this order: the numbers a Monday stand-up asks for. */
const CHAT_HEADLINES = ['tickets_created', 'frt_median_min', 'sla_achievement_rate', 'csat_rate', 'backlog_open'];

/** How many flags a chat message lists before "and N more". */
const CHAT_FLAGS = 5;

/**
 * A digest's message for one period: the weekly review as of the scheduled instant (the last
 * complete ISO week before it, in the digest's zone), with the content's filters. The email is
 * the review's own HTML document (headline cards with their sparklines inline, notable changes,
 * SLA matrix, flags) with a link to the same view; the Markdown (and PDF) ride along as
 * attachments; Slack and Teams get the headline numbers, the flags and the link. A page's
 * view sends the review of its filters and links to that page, pinned to the same as_of.
 */
export async function composeDigest(db: Database, digest: Digest, asOf: Date, messageKey: string): Promise<{ stored: StoredMessage; review: WeeklyReview; link: string }> {
	const { path, search } = contentParts(digest.content);
	const params = new URLSearchParams(search);
	params.set('tz', digest.tz);
	params.set('as_of', asOf.toISOString());
	const query = parseReviewQuery(params, parseKpiQuery(params));
	const review = await computeWeeklyReview(db, query);
	// The link pins what the message shows: the zone, the hours, the as_of (and the week on
	// the review), so the page opened next Thursday shows Monday's numbers.
	const view = new URLSearchParams(search);
	view.set('tz', digest.tz);
	view.set('hours', review.meta.hours);
	view.set('as_of', review.meta.as_of);
	if (path === '/review') view.set('week', review.meta.week);
	const link = absoluteUrl(`${path}?${view}`);
	const pageName = DIGEST_PAGES[path] ?? path;
	const lead = `${digest.name}, ${describeSchedule(digest.schedule, digest.tz)}: ${review.meta.week} as of ${localTime(review.meta.as_of, digest.tz)}.`;
	const reviewLink = { lead, href: link, text: path === '/review' ? 'Open this review in deskpulse' : `Open the ${pageName} view in deskpulse` };
	const subject = `deskpulse: ${digest.name}, ${review.meta.week}`;
	// The email shows each sparkline as an inline PNG (clients that drop SVG show images); the
	// PDF is printed from the document with its SVG.
	const inline = review.headlines.map((h) => ({
		cid: `spark-${h.id}@deskpulse`,
		filename: `${h.id}.png`,
		png_base64: sparklinePng(h.trend, 120, 28, { target: h.target, lastIncomplete: !review.meta.complete }).toString('base64')
	}));
	const image = (h: WeeklyReview['headlines'][number]) => `<img src="cid:spark-${h.id}@deskpulse" width="120" height="28" alt="${escapeHtml(sparklineLabel(review, h))}" style="display:block">`;
	const stored: StoredMessage = {
		subject,
		html: renderReviewHtml(review, reviewLink, image),
		document_html: digest.attach.includes('pdf') ? renderReviewHtml(review, reviewLink) : undefined,
		inline,
		text: renderReviewMarkdown(review, reviewLink),
		chat: { title: `${digest.name}, ${review.meta.week} (${review.meta.week_start} to ${review.meta.week_end}, ${digest.tz})`, lines: chatLines(review), link },
		attach: digest.attach,
		file_stem: `deskpulse-${path === '/review' ? 'review' : path.slice(1).replace(/\//g, '-') || 'overview'}-${review.meta.week}`,
		message_key: messageKey
	};
	return { stored, review, link };
}

/** A review in a few lines for Slack and Teams: headline numbers with their change, the hiring verdict, the flags. */
export function chatLines(review: WeeklyReview): string[] {
	const lines: string[] = [];
	for (const id of CHAT_HEADLINES) {
		const h = review.headlines.find((x) => x.id === id);
		if (!h) continue;
		const change = h.maturity ? 'still maturing' : formatChange(h.change);
		const said = h.maturity || change === '–' ? (h.maturity ? ` (${change})` : '') : ` (${change} vs ${review.meta.previous_week})`;
		lines.push(`${h.label}: ${formatMetric(h.value, h.unit, review.meta.currency)}${said}${h.lowSample ? ', low sample' : ''}`);
	}
	const verdict = hiringVerdict(review);
	if (verdict) lines.push(verdict);
	if (review.flags.length === 0) lines.push(noFlags(review));
	for (const f of review.flags.slice(0, CHAT_FLAGS)) lines.push(`Flag, ${f.flag.replace(/_/g, ' ')}: ${f.message}`);
	if (review.flags.length > CHAT_FLAGS) lines.push(`and ${review.flags.length - CHAT_FLAGS} more flags in the review.`);
	return lines;
}
