import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importPath, type PathImportResult } from '../../src/lib/server/ingest/import-path';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { failingChecks } from '../helpers/checks';
import { FIXTURES, memoryDb } from '../helpers/db';

// Expected values: test/fixtures/zendesk-api/README.md.
const EXPORT = join(FIXTURES, 'zendesk-api');

const counts = (db: Database) =>
	db.query(
		`select (select count(*) from raw_generic_tickets)::integer as t,
		        (select count(*) from raw_vendor_metrics)::integer as m,
		        (select count(*) from import_quarantine)::integer as q`
	);

describe('the Zendesk API JSON export', () => {
	let db: Database;
	let result: PathImportResult;
	beforeAll(async () => {
		db = await memoryDb();
		// No --timezone: every API time carries its offset.
		result = await importPath(db, EXPORT);
	});
	afterAll(() => db.close());

	it('is recognised, and says why', () => {
		expect(result.adapter.id).toBe('zendesk-api');
		expect(result.adapter.reason).toContain('tickets-1.json, tickets-2.json have Zendesk incremental-export keys tickets, via');
		expect(result.source).toBe('zendesk');
		expect(result.timezone).toBe('UTC');
	});

	it('imports each page in order, quarantining bad tickets under their JSON field with their position', () => {
		expect(result.files.map((f) => [f.file, f.rowsRead, f.rowsAccepted, f.rowsRejected])).toEqual([
			['tickets-1.json', 4, 4, 0],
			['tickets-2.json', 4, 2, 2]
		]);
		expect(result.files[1].rejects).toEqual([
			{ line: 2, column: 'created_at', reason: 'expected a date and time, got "not a date"' },
			{ line: 4, column: 'status', reason: '"deleted" is no ticket (spam or deleted)' }
		]);
		expect(result.files[0].valueMappings).toContainEqual({ field: 'via.channel', column: 'channel', from: 'voice', to: 'phone', rows: 1, rule: null });
		expect(result.files[0].valueMappings).toContainEqual(expect.objectContaining({ field: 'satisfaction_rating.score', from: 'offered', to: null, rows: 1 }));
	});

	it('takes the first reply from the metric events, solves from the metric set', async () => {
		const rows = await db.query(
			`select ticket_id, created_at, status, channel, priority, category, group_name, assignee_id, is_outbound,
			        first_response_at, solved_at, final_solved_at, reopen_count, agent_reply_count, csat_answer, csat_at,
			        full_resolution_calendar_minutes
			 from fct_tickets order by ticket_id`
		);
		expect(rows.map((r) => r.ticket_id)).toEqual(['101', '102', '103', '104', '106']);
		// The fulfil event is to the second; the metric set says 30 whole minutes.
		expect(rows[0]).toMatchObject({
			created_at: '2026-03-02T17:00:00.000Z',
			first_response_at: '2026-03-02T17:30:20.000Z',
			solved_at: '2026-03-02T21:00:00.000Z',
			final_solved_at: '2026-03-02T21:00:00.000Z',
			group_name: 'Billing',
			csat_answer: 'good',
			csat_at: '2026-03-03T09:15:00.000Z'
		});
		// Reopened: first solve = created + 1440, last solve = metric solved_at; offered is no rating.
		expect(rows[1]).toMatchObject({
			priority: 'P2',
			solved_at: '2026-03-07T16:00:00.000Z',
			final_solved_at: '2026-03-09T16:00:00.000Z',
			full_resolution_calendar_minutes: 4320,
			reopen_count: 1,
			agent_reply_count: 3,
			csat_answer: null
		});
		// Listed again on page 2: the later version is kept.
		expect(rows[2]).toMatchObject({ status: 'pending', assignee_id: '802', first_response_at: '2026-03-10T12:45:00.000Z', priority: null });
		expect(rows[3]).toMatchObject({ channel: 'phone', is_outbound: true, priority: 'P1', status: 'closed', first_response_at: null, csat_answer: 'bad' });
		// No events for 106: created + reply_time_in_minutes.calendar (120).
		expect(rows[4]).toMatchObject({ first_response_at: '2026-03-12T11:00:00.000Z', csat_at: '2026-03-13T08:00:00.000Z', category: 'question' });
	});

	it("keeps Zendesk's durations and SLA verdicts beside it", async () => {
		const rows = await db.query(
			`select ticket_id, metric, calendar_minutes, business_minutes, outcome from raw_vendor_metrics
			 where ticket_id in ('101', '102', '103') order by ticket_id, metric`
		);
		expect(rows).toContainEqual({ ticket_id: '102', metric: 'full_resolution', calendar_minutes: 4320, business_minutes: 1440, outcome: null });
		expect(rows).toContainEqual({ ticket_id: '102', metric: 'requester_wait', calendar_minutes: 1500, business_minutes: 540, outcome: null });
		const verdicts = rows.filter((r) => String(r.metric).startsWith('sla_')).map((r) => `${r.ticket_id} ${r.metric} ${r.outcome}`);
		expect(verdicts).toEqual(['101 sla_frt within', '101 sla_resolution within', '102 sla_frt breached', '102 sla_resolution breached', '103 sla_frt within']);
		// Page 2 replaced 103's metric set: replied in 45 minutes.
		expect(rows.filter((r) => r.ticket_id === '103' && r.metric === 'frt')).toEqual([
			{ ticket_id: '103', metric: 'frt', calendar_minutes: 45, business_minutes: 45, outcome: null }
		]);
	});

	it('rates CSAT on good/bad, ignoring offered, unoffered and the outbound call', async () => {
		const { rows } = await computeKpis(db, parseKpiQuery({ grain: 'month', metrics: 'csat_rate,csat_responses', as_of: '2026-04-01T00:00:00Z' }));
		expect(rows).toEqual([{ period: '2026-03', period_start: '2026-03-01', csat_rate: 1 / 2, csat_responses: 2 }]);
	});

	it('leaves the SLA policies alone: a Zendesk policy is no plan', async () => {
		expect(result.ignored).toContain('sla_policies.json');
		const [{ n }] = await db.query<{ n: number }>(`select count(*)::integer as n from raw_generic_sla_policies`);
		expect(n).toBe(0);
	});

	it('passes the integrity checks', async () => {
		expect(await failingChecks(db)).toEqual({});
	});

	it('changes nothing when the same export is imported again', async () => {
		const before = await counts(db);
		await importPath(db, EXPORT);
		expect(await counts(db)).toEqual(before);
	});

	it('reads one page alone, with first replies from the metric set', async () => {
		const other = await memoryDb();
		const alone = await importPath(other, join(EXPORT, 'tickets-1.json'), { adapter: 'zendesk-api' });
		expect(alone.files.map((f) => f.rowsAccepted)).toEqual([4]);
		const [row] = await other.query(`select first_response_at, group_name from fct_tickets where ticket_id = '101'`);
		expect(row).toEqual({ first_response_at: '2026-03-02T17:30:00.000Z', group_name: '701' });
		await other.close();
	});
});
