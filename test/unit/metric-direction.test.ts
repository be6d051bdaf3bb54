import { describe, expect, it } from 'vitest';
import { changeTone } from '../../src/lib/metric-catalog-direction';
import { metricInfo } from '../../src/lib/metric-catalog';

const metricDirection = (id: string) => metricInfo(id)!.direction;

describe('metric direction', () => {
	it('declares waits, reopens, backlog and cost as lower-is-better and volume as neutral', () => {
		expect(metricDirection('frt_median_min')).toBe('down');
		expect(metricDirection('backlog_open')).toBe('down');
		expect(metricDirection('reopen_rate')).toBe('down');
		expect(metricDirection('cost_per_customer')).toBe('down');
		expect(metricDirection('tickets_created')).toBe('neutral');
		expect(metricDirection('csat_rate')).toBe('up');
		expect(metricDirection('tickets_solved')).toBe('up');
	});

	it('colours a change by the direction, and leaves no change, neutral and maturing values plain', () => {
		const down = { lowerIsBetter: true, neutral: false };
		const up = { lowerIsBetter: false, neutral: false };
		expect(changeTone({ kind: 'relative', value: 0.12 }, down)).toBe('bad');
		expect(changeTone({ kind: 'relative', value: -0.12 }, down)).toBe('good');
		expect(changeTone({ kind: 'points', value: 3.1 }, up)).toBe('good');
		expect(changeTone({ kind: 'points', value: -3.1 }, up)).toBe('bad');
		expect(changeTone({ kind: 'points', value: 0 }, up)).toBe('');
		expect(changeTone(null, up)).toBe('');
		expect(changeTone({ kind: 'relative', value: 0.5 }, { lowerIsBetter: false, neutral: true })).toBe('');
		expect(changeTone({ kind: 'relative', value: 0.5 }, { ...up, maturity: { undecided: 0.4 } })).toBe('');
	});
});
