import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../../seeds/generate-demo';
import type { Database } from '../../src/lib/server/db/database';
import { refreshModels } from '../../src/lib/server/db/model-refresh';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { memoryDb } from '../helpers/db';

// An import of a few changed and new rows refreshes only the rows it can affect; the result
// must be exactly what a full rebuild gives, including sessions and searches whose first
// following ticket moved because a ticket was added, moved, re-keyed or made outbound.
const FACTS: Array<[table: string, key: string]> = [
	['fct_tickets', 'ticket_id'],
	['fct_self_service', 'session_id'],
	['fct_kb_searches', 'search_id']
];

let db: Database;
let demo: string;
let slice: string;

async function differingRows(table: string): Promise<number> {
	const [{ n }] = await db.query<{ n: number }>(
		`select count(*)::integer as n from (
		     (select * from inc_${table} except all select * from ${table})
		     union all
		     (select * from ${table} except all select * from inc_${table}))`
	);
	return n;
}

beforeAll(async () => {
	const root = mkdtempSync(join(tmpdir(), 'deskpulse-incremental-'));
	demo = join(root, 'demo');
	slice = join(root, 'slice');
	mkdirSync(slice);
	await generateDemo({ tickets: 2000, seed: 3, end: '2026-11-15', outDir: demo });
	db = await memoryDb();
	await importGenericPath(db, demo, { source: 'demo', timezone: 'UTC' });
	const read = (file: string) => `read_csv('${join(demo, file)}', header = true, all_varchar = true)`;
	// Changed tickets: 40 moved two hours earlier and handed to another requester; 10 made
	// outbound (sessions that matched them must find another ticket); 40 new tickets a day
	// before existing ones of the same requester (they now follow earlier sessions first).
	await db.query(
		`copy (
		     select * replace (
		         strftime(cast(created_at as timestamptz) - interval 2 hour, '%Y-%m-%dT%H:%M:%SZ') as created_at,
		         'u-moved-' || (row_number() over ())::varchar as requester_id)
		     from ${read('tickets.csv')} where ticket_id between 'T-000200' and 'T-000239'
		     union all
		     select * replace ('true' as outbound)
		     from ${read('tickets.csv')} where ticket_id between 'T-000500' and 'T-000509'
		     union all
		     select * replace (
		         ticket_id || '-new' as ticket_id,
		         strftime(cast(created_at as timestamptz) - interval 1 day, '%Y-%m-%dT%H:%M:%SZ') as created_at)
		     from ${read('tickets.csv')} where ticket_id between 'T-001000' and 'T-001039'
		 ) to '${join(slice, 'tickets.csv')}' (header)`
	);
	await db.query(
		`copy (
		     select * replace (session_id || '-new' as session_id,
		         strftime(cast(started_at as timestamptz) + interval 1 hour, '%Y-%m-%dT%H:%M:%SZ') as started_at)
		     from ${read('self_service.csv')} where session_id between 'S-0000300' and 'S-0000329'
		 ) to '${join(slice, 'self_service.csv')}' (header)`
	);
	await db.query(
		`copy (
		     select * replace (null as requester_id)
		     from ${read('kb_searches.csv')} where search_id between 'Q-0000100' and 'Q-0000129'
		 ) to '${join(slice, 'kb_searches.csv')}' (header)`
	);
});

afterAll(async () => {
	await db?.close();
});

describe('incremental model refresh', () => {
	it('rebuilds only the changed rows, and they equal a full rebuild', async () => {
		const result = await importGenericPath(db, slice, { source: 'demo', timezone: 'UTC' });
		expect(result.files.map((f) => [f.file, f.status, f.rowsAccepted])).toEqual([
			['tickets.csv', 'ok', 90],
			['self_service.csv', 'ok', 30],
			['kb_searches.csv', 'ok', 30]
		]);
		expect(result.modelRefresh).toBe('incremental');
		const [{ tickets }] = await db.query<{ tickets: number }>(`select count(*)::integer as tickets from fct_tickets`);
		expect(tickets).toBe(2040);
		// The slice really moves some sessions' and searches' first following ticket.
		for (const [table] of FACTS) await db.query(`create table inc_${table} as select * from ${table}`);
		const [moved] = await db.query<{ sessions: number; searches: number }>(
			`select (select count(*) from inc_fct_self_service where next_ticket_id like '%-new')::integer as sessions,
			        (select count(*) from inc_fct_kb_searches where next_ticket_id like '%-new')::integer as searches`
		);
		expect(moved.sessions).toBeGreaterThan(0);
		expect(moved.searches).toBeGreaterThan(0);
		await db.withConnection((c) => refreshModels(c));
		for (const [table] of FACTS) expect([table, await differingRows(table)]).toEqual([table, 0]);
	});

	it('rebuilds everything when orgs change', async () => {
		const result = await importGenericPath(db, join(demo, 'orgs.csv'), { source: 'demo', timezone: 'UTC' });
		expect(result.modelRefresh).toBe('full');
	});
});
