import { describe, expect, it } from 'vitest';
import { MATURING_SHARE, maturity, maturityWords } from '../../src/lib/maturity';

describe('a value still maturing', () => {
	it('counts unanswered tickets beside an FRT sample, and undecided ones inside an SLA sample', () => {
		// FRT: 3 answered + 1 unanswered: 1 of 4 undecided, 25 %.
		expect(maturity('frt_median_min', 3, 1)).toEqual({ undecided: 1, of: 4 });
		// SLA achievement: 179 of 906 judged tickets are within a target not reached yet.
		expect(maturity('sla_achievement_rate', 906, 179)).toEqual({ undecided: 179, of: 906 });
	});

	it('is settled below 5 % undecided, or with none', () => {
		expect(MATURING_SHARE).toBe(0.05);
		// 4 of 100 is 4 %: settled; 5 of 100 is 5 %: maturing.
		expect(maturity('sla_achievement_rate', 100, 4)).toBeNull();
		expect(maturity('sla_achievement_rate', 100, 5)).toEqual({ undecided: 5, of: 100 });
		expect(maturity('frt_median_min', 95, 5)).toEqual({ undecided: 5, of: 100 });
		expect(maturity('frt_median_min', 40, 0)).toBeNull();
		expect(maturity('frt_median_min', 40, undefined)).toBeNull();
	});

	it('says what is undecided in words', () => {
		expect(maturityWords('frt_median_min', { undecided: 126, of: 1032 })).toBe('126 of 1,032 tickets not answered yet');
		expect(maturityWords('sla_achievement_rate', { undecided: 179, of: 906 })).toBe('179 of 906 tickets within a target not reached yet');
	});
});
