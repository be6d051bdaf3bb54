import { describe, expect, it } from 'vitest';
import { mayAccess, mayOpen } from '../../src/lib/access';
import type { Principal, Role } from '../../src/lib/roles';

const as = (role: Role): Principal => ({ kind: 'user', id: '1', name: role, role });

describe('which links a reader is shown', () => {
	it('a ticket list opens for analysts and admins, not for viewers or nobody', () => {
		const href = '/tickets?metric=sla_achievement_rate&numerator=false&grain=week&period_start=2026-11-09';
		expect([null, as('viewer'), as('analyst'), as('admin')].map((p) => mayOpen(p, href))).toEqual([false, false, true, true]);
		expect(mayOpen(as('viewer'), '/self-service/query?key=reset')).toBe(false);
		expect(mayOpen(as('analyst'), '/imports')).toBe(false);
	});

	it('aggregate pages open for every role; links the API judges count as allowed', () => {
		expect(mayOpen(as('viewer'), '/review?week=2026-W46')).toBe(true);
		expect(mayOpen(as('viewer'), '/sla/')).toBe(true);
		expect(mayOpen(as('viewer'), '/api/v1/kpis?format=csv')).toBe(true);
	});

	it('public and signed-in access', () => {
		expect(mayAccess(null, 'public')).toBe(true);
		expect(mayAccess(null, 'signed-in')).toBe(false);
		expect(mayAccess(as('viewer'), 'signed-in')).toBe(true);
		expect(mayAccess(as('analyst'), 'admin')).toBe(false);
	});
});
