import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../src/lib/server/metrics/families';
import { sqlText } from '../../src/lib/server/db/sql-files';
import { METRIC_IDS, METRICS, type DrillItems } from '../../src/lib/metric-catalog';

/** The ids a metric file's `-- metrics:` header lists (it may run over several comment lines). */
function headerMetrics(sql: string): string[] {
	const lines = sql.split('\n');
	const start = lines.findIndex((l) => l.startsWith('-- metrics:'));
	const ids: string[] = [];
	for (let i = start; i < lines.length; i++) {
		const text = i === start ? lines[i].replace('-- metrics:', '') : lines[i].replace(/^--/, '');
		if (i > start && !/^--\s{5,}\S/.test(lines[i])) break;
		ids.push(...text.split(',').map((t) => t.trim()).filter(Boolean));
	}
	return ids;
}

/** The drill-through report of each kind of item. */
const REPORTS: Record<DrillItems, string> = { tickets: 'reports/tickets', sessions: 'reports/sessions', searches: 'reports/searches' };

/** The sample codes a report's header says its `$sample` takes: `$sample (a | b | c)`. */
function headerSamples(sql: string): string[] {
	const header = sql.split('\n').filter((l) => l.startsWith('--')).join(' ').replace(/--/g, ' ');
	const list = /\$sample \(([^)]*)\)/.exec(header);
	return list ? list[1].replace(/^[^:]*:/, '').split('|').map((t) => t.trim()).filter(Boolean) : [];
}

describe('the metric registry', () => {
	it('names, per SQL family file, exactly the metric ids its header lists', () => {
		for (const family of FAMILIES) {
			expect.soft([...headerMetrics(sqlText(family.sql))].sort(), family.sql).toEqual([...family.metrics].sort());
		}
	});

	it('computes every metric in exactly one family, and every family computes one', () => {
		const computed = FAMILIES.flatMap((f) => f.metrics);
		expect(new Set(computed).size).toBe(computed.length);
		expect([...computed].sort()).toEqual([...METRIC_IDS].sort());
		for (const family of FAMILIES) expect(family.metrics.length, family.sql).toBeGreaterThan(0);
		expect(FAMILIES.find((f) => f.sql === 'metrics/tickets_by_solved')?.metrics).toEqual([
			'tickets_solved',
			'resolution_median_min',
			'resolution_p90_min',
			'resolution_mean_min',
			'one_touch_rate',
			'reopen_rate'
		]);
	});

	it('drills each metric into a sample its report knows, and tests only numerators the report has', () => {
		for (const m of METRICS) {
			if (!m.drill) continue;
			const sql = sqlText(REPORTS[m.drill.items]);
			if (m.drill.items === 'tickets') expect.soft(headerSamples(sql), m.id).toContain(m.drill.sample);
			else if (m.drill.sample !== 'all') expect.soft(sql, m.id).toContain(`when '${m.drill.sample}'`);
			expect.soft(sql.includes(`when '${m.id}'`), `${m.id}: numerator in ${REPORTS[m.drill.items]}`).toBe(m.drill.numerator === true);
			if (m.drill.columns) expect.soft(m.drill.items, `${m.id}: per-ticket columns`).toBe('tickets');
		}
	});

	it('declares how a value treats undecided items exactly where its SQL counts them', () => {
		for (const family of FAMILIES) {
			const sql = sqlText(family.sql);
			for (const id of family.metrics) {
				const counted = sql.includes(`as ${id}__undecided`);
				expect.soft(counted, `${id}__undecided in ${family.sql}`).toBe(['frt_median_min', 'sla_frt_breach_rate', 'sla_resolution_breach_rate', 'sla_achievement_rate'].includes(id));
				if (counted) expect.soft(METRICS.find((m) => m.id === id)?.undecided, id).toBeDefined();
			}
		}
	});

	it('reads the samples of the tickets report header as listed', () => {
		expect(headerSamples(sqlText('reports/tickets'))).toEqual([
			'created', 'outbound', 'unanswered', 'answered', 'acked', 'incident_acked', 'incident_solved', 'frt_target',
			'resolution_target', 'sla_target', 'ten_five_three', 'solved', 'final_solved', 'requester_wait', 'rated', 'backlog'
		]);
	});

	it('has no item list for the cost metrics, and one for every ticket, session and search metric', () => {
		expect(METRICS.filter((m) => !m.drill).map((m) => m.family)).toEqual(Array(METRICS.filter((m) => !m.drill).length).fill('unit_economics'));
		expect(METRICS.filter((m) => m.family !== 'unit_economics' && !m.drill)).toEqual([]);
	});

	it('names metrics by the catalog conventions: units in the id', () => {
		for (const m of METRICS) {
			if (m.unit === 'rate') expect(m.id, m.id).toMatch(/_rate(_t[23])?$/);
			if (m.unit === 'minutes') expect(m.id, m.id).toMatch(/_min$/);
		}
	});
});
