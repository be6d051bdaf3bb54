/**
 * The knowledge base: which articles answer which search topic, how often each is read and
 * found helpful, and story 2's export article going live.
 */
import { ARTICLE_ID_RANGE, EXPORT_ARTICLE, SEARCH_TOPICS, WEAK_ARTICLES } from '../catalog';
import { Rng, WeightedTable } from '../random';

export const ARTICLE_HELPFUL_RATE = 0.86;
const WEAK_ARTICLE_HELPFUL_RATE = 0.4;

/** Articles per search topic, and the popularity tables kb sessions draw from. */
export class KnowledgeBase {
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
		const answered = SEARCH_TOPICS.map((_, i) => i).filter((i) => SEARCH_TOPICS[i].answered && i !== this.exportTopic);
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
