import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { sqlKeysIn } from '../../src/lib/server/db/sql-files';
import { refreshModels } from '../../src/lib/server/db/model-refresh';
import { runChecks } from '../../src/lib/server/db/integrity';
import { failingChecks } from '../helpers/checks';
import { FIXTURES, memoryDb, tempFolder } from '../helpers/db';
import { displayCurrency } from '../../src/lib/server/metrics/currency';

describe('sql/checks', () => {
	it('return no rows on the hand-written fixtures', async () => {
		const db = await memoryDb();
		await importGenericPath(db, join(FIXTURES, 'generic-small'), { source: 'generic', timezone: 'UTC' });
		expect(sqlKeysIn('checks').length).toBeGreaterThanOrEqual(3);
		expect(await failingChecks(db)).toEqual({});
		await db.close();
	});

	it('catch a fanned-out join', async () => {
		const db = await memoryDb();
		await importGenericPath(db, join(FIXTURES, 'generic-small'), { source: 'generic', timezone: 'UTC' });
		// Two rows for one org (which import itself never lets happen) double its tickets.
		await db.query(`insert into raw_generic_orgs (source, org_id, import_run_id) values ('generic', 'o1', 99)`);
		await db.withConnection((c) => refreshModels(c));
		// The fanned-out rows also outnumber the raw tickets.
		expect(Object.keys(await failingChecks(db))).toEqual(['checks/models_match_raw', 'checks/one_row_per_ticket']);
		await db.close();
	});

	it('run after an import on the source it touched, and say so in its result', async () => {
		const db = await memoryDb();
		const first = await importGenericPath(db, join(FIXTURES, 'generic-small'), { source: 'generic', timezone: 'UTC' });
		expect(first.checks).toEqual({ passed: sqlKeysIn('checks').length, failing: [] });
		// A model row of another source with no raw row behind it: that source fails, this one does not.
		await db.query(`insert into fct_tickets (source, ticket_id, created_at) select 'other', ticket_id, created_at from fct_tickets limit 1`);
		const failing = (results: Awaited<ReturnType<typeof runChecks>>) => results.filter((r) => r.failing > 0).map((r) => r.name);
		expect(failing(await runChecks(db))).toContain('models_match_raw');
		expect(failing(await runChecks(db, { source: 'generic' }))).toEqual([]);
		expect(failing(await runChecks(db, { source: 'other' }))).toContain('models_match_raw');
		await db.close();
	});

	it('catch cost rows of one source in two currencies, which the pages then write without a symbol', async () => {
		const db = await memoryDb();
		const costs = (rows: string) => tempFolder({ 'costs.csv': `period_start,period_end,cost_type,channel,amount,currency,agent_fte\n${rows}` });
		await importGenericPath(db, costs('2026-03-01,2026-03-31,agents,,31000,eur,10\n'), { source: 'generic', timezone: 'UTC' });
		expect(await failingChecks(db)).toEqual({});
		// The staged code is upper-cased: every amount is in euros.
		expect(await displayCurrency(db)).toEqual({ code: 'EUR', mixed: [] });
		await importGenericPath(db, costs('2026-03-01,2026-03-31,agents,,31000,EUR,10\n2026-04-01,2026-04-30,tools,,900,USD,\n'), {
			source: 'generic',
			timezone: 'UTC'
		});
		expect(await failingChecks(db)).toEqual({ 'checks/costs_one_currency': [{ source: 'generic', currencies: 'EUR, USD' }] });
		expect(await displayCurrency(db)).toEqual({ code: null, mixed: ['EUR', 'USD'] });
		await db.close();
		// Two sources of one currency each are summed alike when a report adds the sources up.
		const two = await memoryDb();
		await importGenericPath(two, costs('2026-03-01,2026-03-31,agents,,31000,EUR,10\n'), { source: 'paris', timezone: 'UTC' });
		const second = await importGenericPath(two, costs('2026-03-01,2026-03-31,agents,,40000,USD,12\n'), { source: 'boston', timezone: 'UTC' });
		expect(second.checks?.failing.map((f) => f.name)).toEqual(['costs_one_currency']);
		expect(await failingChecks(two)).toEqual({
			'checks/costs_one_currency': [
				{ source: 'boston', currencies: 'USD' },
				{ source: 'paris', currencies: 'EUR' }
			]
		});
		await two.close();
	});
});
