import { DIMENSIONS, type Dimension } from '../../filters';
import { METRICS, type MetricFamilyName } from '../../metric-catalog';

/**
 * The SQL files of sql/metrics/ that compute the registry's metrics (each entry names its
 * family). Each file returns rows keyed by (period, period_start, dim1, dim2), a column per
 * metric id, a `<id>__n` column with the sample a value was computed over, and, for a value
 * that rests on the domain's default costs instead of imported ones, a true
 * `<id>__estimated` column. A unit test holds the files' headers to the registry.
 */
export interface MetricFamily {
	/** Key of the SQL file under sql/. */
	sql: string;
	/** The registry's metrics of this family, in registry order. */
	metrics: string[];
	/**
	 * The dimensions its facts carry. Grouping or filtering by another one leaves its metrics
	 * null (with the reason in the result), never silently unfiltered.
	 */
	dimensions: readonly Dimension[];
}

/** Self-service sessions and searches belong to an org (so a segment and plan), not a ticket. */
const ACCOUNT_DIMENSIONS: readonly Dimension[] = ['segment', 'plan', 'org', 'source'];

/** What each family's facts carry, in the order the families run. */
const FAMILY_DIMENSIONS: Record<MetricFamilyName, readonly Dimension[]> = {
	tickets_by_created: DIMENSIONS,
	tickets_by_solved: DIMENSIONS,
	tickets_by_final_solved: DIMENSIONS,
	csat: DIMENSIONS,
	backlog: DIMENSIONS,
	self_service: ACCOUNT_DIMENSIONS,
	kb_searches: ACCOUNT_DIMENSIONS,
	unit_economics: ['source']
};

/** Every family, in the order they run. */
export const FAMILIES: MetricFamily[] = (Object.keys(FAMILY_DIMENSIONS) as MetricFamilyName[]).map((name) => ({
	sql: `metrics/${name}`,
	metrics: METRICS.filter((m) => m.family === name).map((m) => m.id),
	dimensions: FAMILY_DIMENSIONS[name]
}));

/** The dimensions of a query (grouped or filtered) that a family's facts do not carry. */
export function unsupportedDimensions(family: MetricFamily, used: Dimension[]): Dimension[] {
	return used.filter((d) => !family.dimensions.includes(d));
}
