import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../src/lib/server/metrics/families';
import { sqlText } from '../../src/lib/server/db/sql-files';
import { METRIC_IDS, METRICS } from '../../src/lib/metric-catalog';

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

describe('the metric registry', () => {
	it('lists, per SQL file, the metric ids its header names', () => {
		for (const family of FAMILIES) {
			expect.soft(headerMetrics(sqlText(family.sql)), family.sql).toEqual(family.metrics);
		}
	});

	it('computes every catalog metric in exactly one family, and nothing the catalog lacks', () => {
		const computed = FAMILIES.flatMap((f) => f.metrics);
		expect(new Set(computed).size).toBe(computed.length);
		expect([...computed].sort()).toEqual([...METRIC_IDS].sort());
	});

	it('names metrics by the catalog conventions: units in the id', () => {
		for (const m of METRICS) {
			if (m.unit === 'rate') expect(m.id, m.id).toMatch(/_rate(_t[23])?$/);
			if (m.unit === 'minutes') expect(m.id, m.id).toMatch(/_min$/);
		}
	});
});
