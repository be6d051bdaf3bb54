import { describe, expect, it } from 'vitest';
import { formatFilters, formatMetric, formatMinutes, formatterOf, localTime, spokenMetric } from '../../src/lib/format';

describe('formatFilters', () => {
	it('says each filter with its values, and "none" without any', () => {
		expect(formatFilters({ plan: ['premium', 'enterprise'], segment: ['scaled'] })).toBe('plan = premium or enterprise, segment = scaled');
		expect(formatFilters({})).toBe('none');
		// An unset or empty filter keeps every row: it is not said.
		expect(formatFilters({ plan: undefined, channel: [] })).toBe('none');
	});
});

describe('formatMinutes', () => {
	it('writes under an hour in minutes and an hour or more in hours, deciding after rounding', () => {
		expect(formatMinutes(56)).toBe('56 min');
		expect(formatMinutes(59.4)).toBe('59 min');
		// 59.6 minutes would round to "60 min" beside a 60 that reads "1.0 h".
		expect(formatMinutes(59.6)).toBe('1.0 h');
		expect(formatMinutes(60)).toBe('1.0 h');
		expect(formatMinutes(3 * 1440)).toBe('3.0 d');
		expect(formatMinutes(null)).toBe('–');
	});
});

describe('localTime', () => {
	it('writes an instant in the page zone with its name', () => {
		expect(localTime('2026-03-10T09:00:00.000Z', 'UTC')).toBe('2026-03-10 09:00 UTC');
		expect(localTime('2026-03-10T09:00:00.000Z', 'Europe/Berlin')).toBe('2026-03-10 10:00 GMT+1');
		expect(localTime('2026-07-10T23:30:00.000Z', 'America/New_York')).toBe('2026-07-10 19:30 EDT');
		expect(localTime(null, 'UTC')).toBe('–');
	});
});

describe('spokenMetric', () => {
	it('says a duration in minutes below two hours and in hours from two hours on, with its flavour or short', () => {
		expect(spokenMetric(95.4, 'minutes', { hours: 'business' })).toBe('95 business minutes');
		expect(spokenMetric(120, 'minutes', { hours: 'calendar' })).toBe('2.0 calendar hours');
		expect(spokenMetric(95.4, 'minutes')).toBe('95 min');
		expect(spokenMetric(312, 'minutes')).toBe('5.2 h');
	});

	it('says rates in percent, money in its currency, counts and levels with at most one decimal', () => {
		expect(spokenMetric(0.856, 'rate')).toBe('85.6 %');
		expect(spokenMetric(1234.4, 'money', { currency: 'EUR' })).toBe('€1,234');
		expect(spokenMetric(1234, 'count')).toBe('1,234');
		expect(spokenMetric(3, 'number')).toBe('3');
		expect(spokenMetric(2.25, 'number')).toBe('2.3');
	});

	it("rounds a rate's binary digits, where a table cell rounds its shortest decimal", () => {
		// 0.0015 * 100 is 0.15 to the shortest decimal and 0.1499… in binary.
		expect(spokenMetric(0.0015, 'rate')).toBe('0.1 %');
		expect(formatMetric(0.0015, 'rate')).toBe('0.2 %');
	});
});

describe('formatterOf', () => {
	it('formats a value a table holds untyped as formatMetric does, a non-number as a dash', () => {
		expect(formatterOf('rate')(0.856)).toBe('85.6 %');
		expect(formatterOf('money', 'USD')(96.4)).toBe('$96');
		expect(formatterOf('minutes')(56)).toBe('56 min');
		expect(formatterOf('count')(null)).toBe('–');
		expect(formatterOf('count')(undefined)).toBe('–');
	});
});
