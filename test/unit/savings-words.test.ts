import { describe, expect, it } from 'vitest';
import { formatMetric, formatMoney } from '../../src/lib/format';
import { savingsAboveCost, savingsAssumption } from '../../src/lib/savings';

describe('money in the costs currency', () => {
	it('writes the symbol of the code the costs name, and no symbol when none is known', () => {
		expect(formatMoney(56924.4, 'USD')).toBe('$56,924');
		expect(formatMoney(56924.6, 'EUR')).toBe('€56,925');
		expect(formatMoney(1200, 'CAD')).toBe('CA$1,200');
		expect(formatMoney(-5, 'GBP')).toBe('-£5');
		expect(formatMoney(56924, null)).toBe('56,924');
		// A code the runtime cannot format still names the unit.
		expect(formatMoney(10, 'ZZ1')).toBe('10 ZZ1');
		expect(formatMetric(480000, 'money', 'USD')).toBe('$480,000');
		expect(formatMetric(null, 'money', 'USD')).toBe('–');
	});
});

describe('savings words', () => {
	// W14 of test/fixtures/costs: 1 deflected bot session, 3/5 observed rate, 7,464.40 per ticket.
	const basis = { avoided_ticket_rate: 0.6, trailing_cost_per_ticket: 7464.4 };

	it('states the assumption with the rate, where it came from and the trailing cost per ticket', () => {
		expect(savingsAssumption(basis, 1, 'observed', 'USD')).toBe(
			'Assumes 60.0 % of the 1 deflected session would have become tickets (the share of sessions followed by a ticket over the trailing 12 weeks), ' +
				"each at the trailing 12-week cost per ticket ($7,464), less the session's own cost per contact."
		);
		expect(savingsAssumption({ ...basis, avoided_ticket_rate: 0.25 }, 2140, 'set', 'EUR')).toContain('25.0 % of the 2,140 deflected sessions would have become tickets (the rate set for this view)');
		expect(savingsAssumption(undefined, 3, 'observed', 'USD')).toBeNull();
	});

	it('explains savings above the period cost by the tickets they count as avoided', () => {
		// 2,140 sessions x 60 % = 1,284 tickets avoided against 600 solved.
		expect(savingsAboveCost(9000, 8000, basis, 2140, 600, 'USD')).toBe(
			"Above this period's support cost ($8,000): about 1,284 tickets counted as avoided against 600 solved, each valued at the trailing cost per ticket."
		);
		expect(savingsAboveCost(8000, 8000, basis, 2140, 600, 'USD')).toBeNull();
		expect(savingsAboveCost(9000, null, basis, 2140, 600, 'USD')).toBeNull();
		expect(savingsAboveCost(9000, 8000, undefined, undefined, 600, null)).toBe("Above this period's support cost (8,000): more tickets counted as avoided than solved.");
	});
});
