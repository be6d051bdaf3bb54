import { describe, expect, it } from 'vitest';
import { formatFilters, formatMinutes, localTime } from '../../src/lib/format';

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
