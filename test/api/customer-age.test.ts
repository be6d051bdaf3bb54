import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { createApi } from '../../src/lib/server/api';
import { LOCAL_ADMIN } from '../../src/lib/server/auth/principal';
import { importPath } from '../../src/lib/server/ingest/import-path';
import { memoryDb, tempFolder } from '../helpers/db';

// Orgs a and b signed up in January 2026, c in March, d in January 2025 (before the 12
// months the report shows by default). As of 2026-04-15 the January cohort has reached ages
// 0-3 (January to April), the March one ages 0-1.
// a: two tickets in January (age 0), one in February (age 1) and an outbound one (not
// counted); b: one in March (age 2); c: one in March (age 0), one in April (age 1) and one
// after as_of (not yet); d: one in February.
const ORGS = ['org_id,plan,signup_at', 'a,premium,2026-01-10T09:00:00Z', 'b,standard,2026-01-20T09:00:00Z', 'c,premium,2026-03-05T09:00:00Z', 'd,standard,2025-01-01T09:00:00Z'];
const TICKETS = [
	'ticket_id,created_at,status,org_id,outbound',
	't1,2026-01-15T10:00:00Z,open,a,false',
	't2,2026-01-20T10:00:00Z,open,a,false',
	't3,2026-02-03T10:00:00Z,open,a,false',
	't4,2026-02-04T10:00:00Z,open,a,true',
	't5,2026-03-10T10:00:00Z,open,b,false',
	't6,2026-03-06T10:00:00Z,open,c,false',
	't7,2026-04-10T10:00:00Z,open,c,false',
	't8,2026-04-20T10:00:00Z,open,c,false',
	't9,2026-02-01T10:00:00Z,open,d,false'
];
const AS_OF = '2026-04-15T00:00:00Z';

describe('GET /api/v1/customer-age', () => {
	let db: Database;
	let api: ReturnType<typeof createApi>;
	beforeAll(async () => {
		db = await memoryDb();
		await importPath(db, tempFolder({ 'orgs.csv': ORGS.join('\n') + '\n', 'tickets.csv': TICKETS.join('\n') + '\n' }), { adapter: 'generic' });
		api = createApi({ db: async () => db, assume: LOCAL_ADMIN });
	});
	afterAll(() => db.close());

	it('gives each signup-month cohort its tickets per org at every age it has reached', async () => {
		const res = await api.request(`/api/v1/customer-age?as_of=${AS_OF}`);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({
			meta: { as_of: '2026-04-15T00:00:00.000Z', tz: 'UTC', from_month: '2025-05', max_age: 11 },
			rows: [
				{ signup_month: '2026-01', age_months: 0, orgs: 2, tickets: 2, tickets_per_org: 1 },
				{ signup_month: '2026-01', age_months: 1, orgs: 2, tickets: 1, tickets_per_org: 0.5 },
				{ signup_month: '2026-01', age_months: 2, orgs: 2, tickets: 1, tickets_per_org: 0.5 },
				{ signup_month: '2026-01', age_months: 3, orgs: 2, tickets: 0, tickets_per_org: 0 },
				{ signup_month: '2026-03', age_months: 0, orgs: 1, tickets: 1, tickets_per_org: 1 },
				{ signup_month: '2026-03', age_months: 1, orgs: 1, tickets: 1, tickets_per_org: 1 }
			]
		});
	});

	it('takes the first signup month, the oldest age and the filters, and answers in CSV', async () => {
		const res = await api.request(`/api/v1/customer-age?as_of=${AS_OF}&from_month=2025-01&max_age=1&plan=standard&format=csv`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
		// d (standard, January 2025) is in now; a and c are premium; b has no ticket at age 0-1.
		expect(await res.text()).toBe(
			[
				'signup_month,age_months,orgs,tickets,tickets_per_org',
				'2025-01,0,1,0,0',
				'2025-01,1,1,0,0',
				'2026-01,0,1,0,0',
				'2026-01,1,1,0,0',
				''
			].join('\r\n')
		);
	});

	it('answers a bad month or age with a 400 that names it', async () => {
		const month = await api.request(`/api/v1/customer-age?as_of=${AS_OF}&from_month=2026-13`);
		expect(month.status).toBe(400);
		expect((await month.json()).error.param).toBe('from_month');
		const age = await api.request(`/api/v1/customer-age?as_of=${AS_OF}&max_age=-1`);
		expect(age.status).toBe(400);
		expect((await age.json()).error.param).toBe('max_age');
	});
});
