import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../../seeds/generate-demo';
import type { Database } from '../../src/lib/server/db/database';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { computeKpis, metricParams, selectMetrics } from '../../src/lib/server/metrics/kpis';
import { sqlText } from '../../src/lib/server/db/sql-files';
import { FAMILIES } from '../../src/lib/server/metrics/families';
import { computeFlags, parseFlagsQuery } from '../../src/lib/server/metrics/flags';
import { computeOverview } from '../../src/lib/server/metrics/overview';
import { HEADLINE_METRICS } from '../../src/lib/metric-catalog-overview';
import { parseKpiQuery, type KpiQuery } from '../../src/lib/filters';
import { memoryDb } from '../helpers/db';

// A metric file computes only the metrics a report asks for (its `$metrics`), and pages ask
// once for several charts' metrics and split the result (selectMetrics). Neither may change a
// number: on the demo data (every family has rows), a metric asked alone equals the file's
// full output ($metrics null), in value, sample and estimate, in every cell.
const AS_OF = '2026-11-10T15:30:00Z';
let db: Database;
let demo: string;

beforeAll(async () => {
	demo = mkdtempSync(join(tmpdir(), 'deskpulse-selection-'));
	await generateDemo({ tickets: 2000, seed: 11, end: '2026-11-15', outDir: demo });
	db = await memoryDb();
	await importGenericPath(db, demo, { source: 'demo', timezone: 'UTC' });
});
afterAll(async () => {
	await db.close();
	rmSync(demo, { recursive: true, force: true });
});

const query = (search: string): KpiQuery => parseKpiQuery(new URLSearchParams(`${search}&as_of=${AS_OF}`));

const cellKey = (periodStart: unknown, dims: unknown[]) => JSON.stringify([String(periodStart), ...dims.map((d) => (d === null || d === undefined ? null : String(d)))]);

describe('asking for fewer metrics', () => {
	const shapes = [
		'grain=week&hours=business',
		'grain=month&hours=calendar&by=source&tz=America/New_York',
		'grain=quarter&hours=business&by=plan&segment=high_touch,blended',
		'grain=week&hours=calendar&by=channel,priority&from=2026-08-03&to=2026-11-16'
	];

	for (const family of FAMILIES) {
		it(`leaves every ${family.sql} number as the whole file computes it`, async () => {
			let compared = 0;
			for (const shape of shapes) {
				const q = query(shape);
				const probe = await computeKpis(db, { ...q, metrics: family.metrics });
				// Grouped by something the family's facts lack: nothing to compare.
				if (family.metrics.some((m) => m in probe.meta.not_applicable)) continue;
				// The file's own output with every column ($metrics null).
				const whole = await db.query(sqlText(family.sql), { ...metricParams(q, probe.meta.hours), metrics: null });
				expect(whole.length, `${family.sql} ${shape}`).toBeGreaterThan(0);
				for (const metric of family.metrics) {
					const alone = await computeKpis(db, { ...q, metrics: [metric] });
					const cells = new Map(alone.rows.map((row, i) => [cellKey(row.period_start, q.by.map((d) => row[d])), i]));
					for (const r of whole) {
						const i = cells.get(cellKey(r.period_start, [r.dim1, r.dim2].slice(0, q.by.length)));
						expect(i, `${metric} ${shape}: a cell of the file is missing`).toBeDefined();
						const where = `${metric} ${shape} ${String(r.period_start)} ${String(r.dim1)} ${String(r.dim2)}`;
						expect(alone.rows[i!][metric], where).toEqual(r[metric] ?? null);
						expect(alone.samples[i!].n[metric], where).toEqual(typeof r[`${metric}__n`] === 'number' ? r[`${metric}__n`] : undefined);
						expect(alone.samples[i!].estimated.includes(metric), where).toBe(r[`${metric}__estimated`] === true);
						compared++;
					}
				}
			}
			expect(compared).toBeGreaterThan(0);
		});
	}

	it('splits an ungrouped result into what each part alone returns', async () => {
		const parts = [['tickets_created', 'frt_median_min'], ['support_cost', 'cost_per_ticket', 'self_service_savings'], ['csat_rate', 'backlog_open']];
		const all = await computeKpis(db, { ...query('grain=week&from=2026-06-01&to=2026-11-16'), metrics: parts.flat() });
		for (const metrics of parts) {
			const alone = await computeKpis(db, { ...query('grain=week&from=2026-06-01&to=2026-11-16'), metrics });
			expect(selectMetrics(all, metrics)).toEqual(alone);
		}
		const grouped = await computeKpis(db, { ...query('grain=week&by=plan'), metrics: ['tickets_created'] });
		expect(() => selectMetrics(grouped, ['tickets_created'])).toThrow(/ungrouped/);
		expect(() => selectMetrics(all, ['csat_responses'])).toThrow(/no csat_responses/);
	});

	it('gives the same flags whether they ask for their weekly numbers or read the review trend', async () => {
		const search = new URLSearchParams(`as_of=${AS_OF}&week=2026-W44&hours=calendar`);
		const q = parseFlagsQuery(search, parseKpiQuery(search));
		process.env.DESKPULSE_RESULT_CACHE = 'off';
		try {
			const alone = await computeFlags(db, q);
			const trend = computeKpis(db, { ...q, grain: 'week', by: [], from: '2026-08-17', to: '2026-11-02', metrics: ['csat_rate', 'agent_fte', 'backlog_open'] });
			expect(await computeFlags(db, q, trend)).toEqual(alone);
			// A trend that does not reach back to the backlog's fourth week is not used for it.
			const short = computeKpis(db, { ...q, grain: 'week', by: [], from: '2026-10-26', to: '2026-11-02', metrics: ['csat_rate', 'agent_fte', 'backlog_open'] });
			expect(await computeFlags(db, q, short)).toEqual(alone);
			expect(alone.rows.length + Object.keys(alone.meta.not_evaluated).length).toBeGreaterThan(0);
		} finally {
			delete process.env.DESKPULSE_RESULT_CACHE;
		}
	});
});

describe('the overview, asked as one query', () => {
	it('shows each chart as its own query returns it, and the cards as their 12 weeks do', async () => {
		const q = query('grain=week&hours=business');
		const data = await computeOverview(db, q);
		expect(data.kpis).toEqual(await computeKpis(db, { ...q, by: [], metrics: ['tickets_created', 'frt_median_min'] }));
		expect(data.unitQuery).toMatchObject({ from: data.kpis.rows[0].period_start, to: '2026-11-16' });
		expect(data.unit).toEqual(await computeKpis(db, data.unitQuery));
		// As of Tuesday 2026-11-10 the latest complete week is 2026-W45 (Nov 2-8).
		expect(data.headline).toMatchObject({ period: '2026-W45', period_start: '2026-11-02', previous: '2026-W44' });
		const weeks = await computeKpis(db, { ...q, by: [], metrics: HEADLINE_METRICS, from: '2025-08-18', to: '2026-11-09' });
		for (const card of data.headline!.cards) {
			const series = weeks.rows.map((r) => r[card.id]);
			expect(card.trend, card.id).toEqual(series.slice(-12));
			expect(card.value, card.id).toEqual(series.at(-1));
			expect(card.previous, card.id).toEqual(series.at(-2));
		}
		expect(data.headline!.cards.find((c) => c.id === 'tickets_created')!.value).toBeGreaterThan(0);
	});

	it('reaches before a range shorter than the cards\' 12 weeks for their trend', async () => {
		const q = query('grain=week&from=2026-10-05&to=2026-11-09');
		const data = await computeOverview(db, q);
		expect(data.kpis.rows.map((r) => r.period)).toEqual(['2026-W41', '2026-W42', '2026-W43', '2026-W44', '2026-W45']);
		const created = data.headline!.cards.find((c) => c.id === 'tickets_created')!;
		const weeks = await computeKpis(db, { ...q, metrics: ['tickets_created'], from: '2025-08-18', to: '2026-11-09' });
		expect(created.trend).toEqual(weeks.rows.slice(-12).map((r) => r.tickets_created));
		expect(created.trend.every((v) => typeof v === 'number' && v > 0)).toBe(true);
	});
});
