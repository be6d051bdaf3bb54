import { describe, expect, it } from 'vitest';
import { hiringVerdict } from '../../src/lib/review/render';
import type { WeeklyReview } from '../../src/lib/server/metrics/weekly-review';

/** A week with 40 tickets and the given flags; the verdict reads nothing else. */
function week(flags: Array<{ flag: string; subject: string; low_sample?: boolean }>, tickets = 40, backlog = 0): WeeklyReview {
	return {
		headlines: [
			{ id: 'tickets_created', value: tickets },
			{ id: 'tickets_solved', value: tickets }
		],
		backlog: { open: backlog, age_p90_min: null },
		flags: flags.map((f) => ({ flag: f.flag, subject: f.subject, detail: { low_sample: f.low_sample ?? false } }))
	} as unknown as WeeklyReview;
}

describe('the review answers "do we need to hire?"', () => {
	it('says no when no hiring trigger fired, even with alerts', () => {
		expect(hiringVerdict(week([{ flag: 'churn_signal', subject: 'Big Corp (enterprise)' }]))).toBe('No hiring trigger this week.');
	});

	it('names the triggers that fired on enough items', () => {
		const r = week([
			{ flag: 'csat_below_target', subject: 'all tickets' },
			{ flag: 'csat_below_target', subject: 'segment scaled', low_sample: true },
			{ flag: 'backlog_growing', subject: 'all tickets' }
		]);
		expect(hiringVerdict(r)).toBe('Hiring trigger this week: csat below target, backlog growing.');
	});

	it('does not hire on a trigger resting on a low sample, and says why', () => {
		const r = week([{ flag: 'csat_below_target', subject: 'segment high_touch', low_sample: true }]);
		expect(hiringVerdict(r)).toBe('No hiring trigger this week: csat below target for segment high_touch rests on too few items to act on (low sample).');
	});

	it('gives no answer for a week without tickets, even past the data with a backlog still open', () => {
		expect(hiringVerdict(week([], 0))).toBeNull();
		expect(hiringVerdict(week([], 0, 23))).toBeNull();
	});
});
