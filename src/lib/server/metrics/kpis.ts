import type { Database, Params } from '../db/database';
import { sqlText } from '../db/sql-files';
import { appliedFilters, DIMENSIONS, LOW_SAMPLE_THRESHOLD, MAX_BY, type Dimension, type Hours, type KpiQuery } from '../../filters';
import { metricInfo } from '../../metric-catalog';
import { FAMILIES, unsupportedDimensions } from './families';
import { cachedResult } from './result-cache';
import { displayCurrency } from './currency';

/** One row of a KPI result: the period, one key per grouping dimension, one per metric id. */
export interface KpiRow {
	period: string;
	period_start: string;
	[key: string]: string | number | null;
}

/** The sample behind one row's values: items per metric, and the metrics below the threshold. */
export interface KpiSample {
	n: Record<string, number>;
	low_sample: string[];
	/** Metrics whose value rests on the domain's default per-contact costs, not imported costs. */
	estimated: string[];
	/**
	 * The figures a metric's value rests on, where it states an assumption: for
	 * self_service_savings the avoided-ticket rate and the trailing cost per ticket it used.
	 */
	basis?: Record<string, Record<string, number>>;
	/**
	 * Items whose outcome is not decided at as_of, per metric where it can still change: the
	 * unanswered tickets missing from an FRT median, the tickets within an SLA target not
	 * reached yet (counted as met so far). A period with many is still maturing.
	 */
	undecided?: Record<string, number>;
}

export interface KpiResult {
	meta: {
		grain: KpiQuery['grain'];
		hours: Hours;
		tz: string;
		as_of: string;
		from: string | null;
		to: string | null;
		by: Dimension[];
		filters: Record<string, string[]>;
		low_sample_threshold: number;
		/** The ISO code money is in (the imported costs'), or null when unknown or mixed. */
		currency: string | null;
		/** The avoided-ticket rate the reader set for self_service_savings; null: observed. */
		avoided_ticket_rate: number | null;
		/** Metrics left null because the query groups or filters by a dimension their facts lack. */
		not_applicable: Record<string, string>;
		/** What a reader must know about these numbers (e.g. whose business hours they are). */
		notes: string[];
	};
	rows: KpiRow[];
	/** Parallel to `rows`: the sample sizes behind each row's values. */
	samples: KpiSample[];
}

/** A filter's values as dp_match takes them: a JSON list, so a value holding a comma stays one value. */
export function filterParam(values: string[] | undefined): string | null {
	return values?.length ? JSON.stringify(values) : null;
}

/** The bound parameters every metric file takes, from a parsed query. */
export function metricParams(q: KpiQuery, hours: Hours): Params {
	const params: Params = {
		grain: q.grain,
		tz: q.tz,
		from: q.from,
		to: q.to,
		as_of: q.asOf,
		avoided_ticket_rate: q.avoidedTicketRate ?? null,
		hours,
		// Metric files return only these columns, and skip computing the others.
		metrics: q.metrics.join(',')
	};
	for (let i = 0; i < MAX_BY; i++) params[`by${i + 1}`] = q.by[i] ?? null;
	for (const dim of DIMENSIONS) params[`f_${dim}`] = filterParam(q.where[dim]);
	return params;
}

/**
 * The catalog's default flavour: business hours when the data has a schedule of its own
 * (imported) or carries the vendor's own business-hours durations (a help desk's schedule,
 * applied by the help desk: labelled so in every report), calendar hours otherwise.
 */
export async function defaultHours(db: Database): Promise<Hours> {
	const [{ business }] = await db.query<{ business: boolean }>(
		`select exists (select 1 from dim_schedules where source is not null)
		     or exists (select 1 from fct_tickets where business_clock = 'vendor') as business`
	);
	return business ? 'business' : 'calendar';
}

/** The hours a report is in: the query's, else the data's default (cached with the data's version). */
export function reportHours(db: Database, q: Pick<KpiQuery, 'hours'>, version?: string): Promise<Hours> {
	return q.hours ? Promise.resolve(q.hours) : cachedResult(db, 'default-hours', null, () => defaultHours(db), version);
}

/** A metric with no row in a cell is 0 when it counts things, and null (undefined) otherwise. */
function emptyValue(id: string): number | null {
	return metricInfo(id)?.unit === 'count' ? 0 : null;
}

function rowKey(periodStart: unknown, dims: unknown[]): string {
	return JSON.stringify([String(periodStart), ...dims.map((d) => (d === null || d === undefined ? null : String(d)))]);
}

/**
 * The KPI table for a query: one row per period (and per value of each grouping dimension)
 * with the requested metrics, in the order asked. The pages, the API and the CLI all call
 * this, so they cannot disagree. Ungrouped reports have a row for every period of the range;
 * grouped ones a row for every group that has data.
 */
export function computeKpis(db: Database, q: KpiQuery): Promise<KpiResult> {
	return cachedResult(db, 'kpis', q, (version) => computeKpisUncached(db, q, version));
}

async function computeKpisUncached(db: Database, q: KpiQuery, version: string): Promise<KpiResult> {
	const hours = await reportHours(db, q, version);
	const params = metricParams(q, hours);
	const cells = new Map<
		string,
		{ row: KpiRow; n: Record<string, number>; estimated: string[]; basis: Record<string, Record<string, number>>; undecided: Record<string, number> }
	>();
	const cellFor = (r: Record<string, unknown>) => {
		const dims = q.by.map((_, i) => r[`dim${i + 1}`] ?? null);
		const key = rowKey(r.period_start, dims);
		let cell = cells.get(key);
		if (!cell) {
			const row: KpiRow = { period: String(r.period), period_start: String(r.period_start) };
			q.by.forEach((dim, i) => (row[dim] = dims[i] === null ? null : String(dims[i])));
			cell = { row, n: {}, estimated: [], basis: {}, undecided: {} };
			cells.set(key, cell);
		}
		return cell;
	};

	const used = [...new Set([...q.by, ...(Object.keys(q.where) as Dimension[])])];
	const notApplicable: Record<string, string> = {};
	const families = FAMILIES.filter((f) => f.metrics.some((m) => q.metrics.includes(m)));
	const runnable = families.filter((family) => {
		const missing = unsupportedDimensions(family, used);
		for (const m of missing.length ? family.metrics.filter((id) => q.metrics.includes(id)) : []) {
			notApplicable[m] = `${m} cannot be grouped or filtered by ${missing.join(', ')} (its facts carry ${family.dimensions.join(', ')})`;
		}
		return missing.length === 0;
	});
	// The files run side by side on the pool. On data of a dashboard's size a query reads one
	// row group and so uses one core; together they use them all (the SLA page's breakdowns:
	// 150 ms one after another, 90 ms side by side on 2 cores). Rows merge in file order.
	const periods = q.by.length === 0 ? db.query(sqlText('metrics/periods'), params) : Promise.resolve([]);
	const results = await Promise.all([periods, ...runnable.map((family) => db.query(sqlText(family.sql), params))]);
	for (const p of results[0]) cellFor(p);
	runnable.forEach((family, i) => {
		for (const r of results[i + 1]) {
			const cell = cellFor(r);
			for (const m of family.metrics) {
				if (!q.metrics.includes(m)) continue;
				cell.row[m] = (r[m] as number | null) ?? null;
				const n = r[`${m}__n`];
				if (typeof n === 'number') cell.n[m] = n;
				if (r[`${m}__estimated`] === true) cell.estimated.push(m);
			}
			// The other companions (`<metric>__<name>`), read in one pass over the row's columns.
			for (const [column, value] of Object.entries(r)) {
				const at = column.indexOf('__');
				if (at < 0 || typeof value !== 'number') continue;
				const m = column.slice(0, at);
				const name = column.slice(at + 2);
				if (name === 'n' || name === 'estimated' || !q.metrics.includes(m)) continue;
				if (name === 'undecided') cell.undecided[m] = value;
				else (cell.basis[m] ??= {})[name] = value;
			}
		}
	});

	const ordered = [...cells.values()].sort((a, b) => compareRows(a.row, b.row, q.by));
	const rows: KpiRow[] = [];
	const samples: KpiSample[] = [];
	for (const { row, n, estimated, basis, undecided } of ordered) {
		const out: KpiRow = { period: row.period, period_start: row.period_start };
		for (const dim of q.by) out[dim] = row[dim] ?? null;
		for (const m of q.metrics) out[m] = m in notApplicable ? null : m in row ? row[m] : emptyValue(m);
		rows.push(out);
		samples.push({
			n,
			low_sample: Object.entries(n)
				.filter(([m, count]) => count < LOW_SAMPLE_THRESHOLD && out[m] !== null)
				.map(([m]) => m),
			estimated,
			...(Object.keys(basis).length ? { basis } : {}),
			...(Object.keys(undecided).length ? { undecided } : {})
		});
	}
	const filters = appliedFilters(q.where);
	return {
		meta: {
			grain: q.grain,
			hours,
			notes: hours === 'business' ? await cachedResult(db, 'business-hours-notes', null, () => businessHoursNotes(db), version) : [],
			tz: q.tz,
			as_of: q.asOf,
			from: q.from,
			to: q.to,
			by: q.by,
			filters,
			low_sample_threshold: LOW_SAMPLE_THRESHOLD,
			currency: (await displayCurrency(db)).code,
			avoided_ticket_rate: q.avoidedTicketRate ?? null,
			not_applicable: notApplicable
		},
		rows,
		samples
	};
}

/**
 * What an ungrouped query for some of `result`'s metrics over the same range returns: a
 * metric's values do not depend on the metrics asked beside it. A page with several charts
 * over one range asks once for all their metrics, so each metric file runs once, and gives
 * each chart its own columns. (Grouped results are refused: a group may have a row only
 * because of a metric that is not kept.)
 */
export function selectMetrics(result: KpiResult, metrics: string[]): KpiResult {
	if (result.meta.by.length) throw new Error('selectMetrics takes ungrouped results only');
	const keep = new Set(metrics);
	const missing = metrics.filter((m) => !result.rows.every((r) => m in r));
	if (result.rows.length && missing.length) throw new Error(`selectMetrics: the result has no ${missing.join(', ')}`);
	return {
		meta: { ...result.meta, not_applicable: Object.fromEntries(Object.entries(result.meta.not_applicable).filter(([m]) => keep.has(m))) },
		rows: result.rows.map((r) => {
			const out: KpiRow = { period: r.period, period_start: r.period_start };
			for (const m of metrics) out[m] = r[m];
			return out;
		}),
		samples: result.samples.map((s) => {
			const basis = Object.entries(s.basis ?? {}).filter(([m]) => keep.has(m));
			const undecided = Object.entries(s.undecided ?? {}).filter(([m]) => keep.has(m));
			return {
				n: Object.fromEntries(Object.entries(s.n).filter(([m]) => keep.has(m))),
				low_sample: s.low_sample.filter((m) => keep.has(m)),
				estimated: s.estimated.filter((m) => keep.has(m)),
				// As a query for just these metrics has it: no basis when none of them has one.
				...(basis.length ? { basis: Object.fromEntries(basis) } : {}),
				...(undecided.length ? { undecided: Object.fromEntries(undecided) } : {})
			};
		})
	};
}

/** Periods in order, then groups by their values (nulls first), so output is stable. */
function compareRows(a: KpiRow, b: KpiRow, by: Dimension[]): number {
	if (a.period_start !== b.period_start) return a.period_start < b.period_start ? -1 : 1;
	for (const dim of by) {
		const x = a[dim];
		const y = b[dim];
		if (x === y) continue;
		if (x === null) return -1;
		if (y === null) return 1;
		return String(x) < String(y) ? -1 : 1;
	}
	return 0;
}

/** Sources whose business durations are the vendor's figures, said in the report. */
async function businessHoursNotes(db: Database): Promise<string[]> {
	const rows = await db.query<{ source: string }>(`select distinct source from fct_tickets where business_clock = 'vendor' order by source`);
	return rows.map((r) => `business hours of source ${r.source} are the vendor's own figures where its export has them, else the built-in Mon-Fri 09:00-17:00 UTC: no schedule was imported for it`);
}
