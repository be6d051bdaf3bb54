import { describe, expect, it } from 'vitest';
import { CSAT_TARGET, SLA_ACHIEVEMENT_TARGET, SLA_BREACH_RATE_LIMIT, metricTarget, missesTarget } from '../../src/lib/metric-catalog-targets';

describe('metric targets', () => {
	it('holds the SLA achievement target, the breach-rate limits it implies and the CSAT target', () => {
		expect(SLA_ACHIEVEMENT_TARGET).toBe(0.95);
		expect(SLA_BREACH_RATE_LIMIT).toBe(0.05);
		expect(CSAT_TARGET).toBe(0.85);
		expect(metricTarget('sla_frt_breach_rate')).toMatchObject({ bound: 'max', value: 0.05 });
		expect(metricTarget('tickets_created')).toBeUndefined();
	});

	it('misses a floor below it and a ceiling above it; the target itself is met', () => {
		expect(missesTarget('sla_achievement_rate', 0.9499)).toBe(true);
		expect(missesTarget('sla_achievement_rate', 19 / 20)).toBe(false);
		expect(missesTarget('sla_achievement_rate', 1)).toBe(false);
		expect(missesTarget('sla_frt_breach_rate', 0.0501)).toBe(true);
		expect(missesTarget('sla_resolution_breach_rate', 1 / 20)).toBe(false);
		expect(missesTarget('csat_rate', 0.849)).toBe(true);
	});

	it('misses nothing without a value or without a target', () => {
		expect(missesTarget('sla_achievement_rate', null)).toBe(false);
		expect(missesTarget('sla_achievement_rate', Number.NaN)).toBe(false);
		expect(missesTarget('tickets_created', 0)).toBe(false);
	});
});
