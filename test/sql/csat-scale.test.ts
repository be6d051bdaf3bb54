import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { importPath } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { memoryDb, tempFolder } from '../helpers/db';

const HEADER = 'ticket_id,created_at,status,solved_at,csat_score';
const solved = (id: string, day: number, score: string) => `${id},2026-03-0${day}T09:00:00Z,solved,2026-03-0${day}T10:00:00Z,${score}`;
const csat = async (db: Database) =>
	(await computeKpis(db, parseKpiQuery({ grain: 'month', metrics: 'csat_rate,csat_responses', as_of: '2026-04-01T00:00:00Z' }))).rows[0];

// A source's CSAT scale is declared once (its first import's answers, or --csat-scale) and
// never inferred again from one value: one 0 must not move a 1-5 history to 0-10.
describe('a source CSAT scale, declared not inferred', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
	});
	afterAll(() => db.close());

	it("is decided by the source's first import from all its answers, and said", async () => {
		const first = await importPath(db, tempFolder({ 'tickets.csv': [HEADER, solved('c1', 2, '5'), solved('c2', 3, '4'), solved('c3', 4, '2')].join('\n') }), {
			adapter: 'generic',
			source: 'survey',
			timezone: 'UTC'
		});
		expect(first.files[0].csatScale).toEqual({ scale: '1-5', decidedBy: 'first import', changedFrom: null });
		// 5 and 4 satisfied on 1-5, 2 not: 2 of 3.
		expect(await csat(db)).toMatchObject({ csat_rate: 2 / 3, csat_responses: 3 });
	});

	it('rejects a later answer outside it instead of rescaling the history', async () => {
		const later = await importPath(db, tempFolder({ 'tickets.csv': [HEADER, solved('c4', 5, '0'), solved('c5', 6, '5')].join('\n') }), {
			adapter: 'generic',
			source: 'survey',
			timezone: 'UTC'
		});
		expect(later.files[0].csatScale).toEqual({ scale: '1-5', decidedBy: 'earlier import', changedFrom: null });
		expect(later.files[0]).toMatchObject({ rowsAccepted: 1, rowsRejected: 1 });
		expect(later.files[0].rejects).toEqual([{ line: 2, column: 'csat_score', reason: `expected 1-5 (the source's scale), good or bad, got "0"` }]);
		// Still on 1-5: 5, 4, 5 satisfied, 2 not: 3 of 4 (before: one 0 made every answer 0-10 and the rate 0).
		expect(await csat(db)).toMatchObject({ csat_rate: 3 / 4, csat_responses: 4 });
	});

	it('changes only with an explicit --csat-scale, which the summary reports', async () => {
		const changed = await importPath(db, tempFolder({ 'tickets.csv': [HEADER, solved('c4', 5, '0')].join('\n') }), {
			adapter: 'generic',
			source: 'survey',
			timezone: 'UTC',
			csatScale: '0-10'
		});
		expect(changed.files[0].csatScale).toEqual({ scale: '0-10', decidedBy: '--csat-scale', changedFrom: '1-5' });
		expect(changed.files[0]).toMatchObject({ rowsAccepted: 1, rowsRejected: 0 });
		// Every answer now on 0-10, satisfied at 9-10: none of 5, 4, 2, 5, 0.
		expect(await csat(db)).toMatchObject({ csat_rate: 0, csat_responses: 5 });
	});
});
