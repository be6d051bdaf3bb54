import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importPath } from '../../src/lib/server/ingest/import-path';
import { FIXTURES, memoryDb, tempFolder } from '../helpers/db';

// Zendesk's CSV names organizations (Acme, Globex, Initech); the CRM export, imported under
// its own label, has account ids of its own, names spelled its way, and email domains.
describe('orgs from a CRM export, joined by id, name or email domain', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
		await importPath(db, join(FIXTURES, 'zendesk-csv'), { timezone: 'America/Los_Angeles' });
		await importPath(
			db,
			tempFolder({
				'orgs.csv':
					'org_id,name,plan,arr,domain\n' +
					'acc-1,ACME,enterprise,240000,acme.example\n' +
					'acc-2,Globex,premium,36000,globex.example\n' +
					'acc-3,Initech Holdings,standard,6000,https://www.initech.example/\n'
			}),
			{ adapter: 'generic', source: 'crm' }
		);
	});
	afterAll(() => db.close());

	it('gives help-desk tickets the plan, segment and ARR of their CRM account', async () => {
		const rows = await db.query(`select ticket_id, org_id, org_name, plan, segment from fct_tickets order by ticket_id`);
		expect(rows).toEqual([
			// by name, case-insensitively
			{ ticket_id: '101', org_id: 'acc-1', org_name: 'ACME', plan: 'enterprise', segment: 'high_touch' },
			{ ticket_id: '102', org_id: 'acc-2', org_name: 'Globex', plan: 'premium', segment: 'blended' },
			// "Initech" is not a CRM name: matched by the requester's email domain
			{ ticket_id: '103', org_id: 'acc-3', org_name: 'Initech Holdings', plan: 'standard', segment: 'scaled' },
			{ ticket_id: '104', org_id: 'acc-1', org_name: 'ACME', plan: 'enterprise', segment: 'high_touch' },
			// no organization and no email: no org
			{ ticket_id: '106', org_id: null, org_name: null, plan: null, segment: null }
		]);
	});
});
