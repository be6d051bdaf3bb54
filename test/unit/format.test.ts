import { describe, expect, it } from 'vitest';
import { formatFilters } from '../../src/lib/format';

describe('formatFilters', () => {
	it('says each filter with its values, and "none" without any', () => {
		expect(formatFilters({ plan: ['premium', 'enterprise'], segment: ['scaled'] })).toBe('plan = premium or enterprise, segment = scaled');
		expect(formatFilters({})).toBe('none');
		// An unset or empty filter keeps every row: it is not said.
		expect(formatFilters({ plan: undefined, channel: [] })).toBe('none');
	});
});
