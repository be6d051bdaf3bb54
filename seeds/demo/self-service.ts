/**
 * Self-service: help-center sessions (kb, search, bot, community; some just before a ticket)
 * and KB searches, as self_service.csv and kb_searches.csv lines.
 */
import type { TimestampFormatter } from '../calendar';
import { SEARCH_TOPICS, type Segment } from '../catalog';
import { Rng, WeightedTable } from '../random';
import { csvField } from './csv';
import { ARTICLE_HELPFUL_RATE, type KnowledgeBase } from './knowledge-base';
import { drawOrg, requesterOf, type Org, type OrgBook } from './orgs';
import type { Span } from './span';

export type SessionKind = 'kb' | 'search' | 'bot' | 'community';

/** What a ticket leaves behind for the self-service file: the session that led to it. */
export interface LinkedSession {
	kind: SessionKind;
	startSec: number;
	requesterId: string;
	org: Org;
	ticketId: string;
	searchTopic: number;
}

const sessionKindTable = new WeightedTable<SessionKind>([
	['kb', 55],
	['search', 25],
	['bot', 15],
	['community', 5]
]);

export interface SessionDraft {
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

export interface SearchDraft {
	searchedSec: number;
	sessionId: string;
	requesterId: string;
	org: Org;
	searchTopic: number;
	beforeTicket: boolean;
}

const VOTE_RATE = 0.4;
const SESSION_ANONYMOUS_SHARE = 0.25;
const STANDALONE_BOT_HANDOFF = 0.12;

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

/** Generates sessions and searches, each from its own stream, and numbers them as they are written. */
export class SelfServiceFactory {
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
