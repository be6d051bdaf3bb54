import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { defaultDemoEnd, generateDemo, type DemoSummary } from '../../seeds/generate-demo';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { memoryDb } from '../helpers/db';
import { computeKpis } from '../../src/lib/server/metrics/kpis';
import { parseKpiQuery } from '../../src/lib/filters';
import { failingChecks } from '../helpers/checks';

// A Sunday end whose span covers Thanksgiving 2026 (Thursday 2026-11-26). The span starts on
// the Monday 78 weeks before the end's week (Monday 2026-11-23): 2025-05-26.
const END = '2026-11-29';
const START = '2025-05-26';
const TICKETS = 2_000;

const run = (outDir: string) => generateDemo({ tickets: TICKETS, seed: 7, end: END, outDir });

/** The data lines of a generated CSV file (header dropped). */
const dataLines = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n').slice(1);

describe('demo generator', () => {
	const dirs: string[] = [];
	let first: DemoSummary;
	let second: DemoSummary;

	beforeAll(async () => {
		dirs.push(mkdtempSync(join(tmpdir(), 'deskpulse-demo-a-')), mkdtempSync(join(tmpdir(), 'deskpulse-demo-b-')));
		first = await run(dirs[0]);
		second = await run(dirs[1]);
	});
	afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

	it('writes the same bytes for the same seed, end and ticket count', () => {
		expect(first.files.map((f) => basename(f)).sort()).toEqual(
			['costs', 'holidays', 'kb_searches', 'orgs', 'schedules', 'self_service', 'sla_policies', 'tickets'].map((n) => `${n}.csv`)
		);
		first.files.forEach((file, i) => {
			expect(readFileSync(second.files[i]).equals(readFileSync(file)), basename(file)).toBe(true);
		});
	});

	it('picks the Sunday ending the last complete ISO week as the default end', () => {
		expect(defaultDemoEnd(new Date('2026-11-23T08:00:00Z'))).toBe('2026-11-22'); // Monday
		expect(defaultDemoEnd(new Date('2026-11-22T23:59:00Z'))).toBe('2026-11-15'); // Sunday: its week is not over
		expect(defaultDemoEnd(new Date('2026-01-01T12:00:00Z'))).toBe('2025-12-28'); // Thursday, across the year
	});

	it('creates every ticket between the start Monday and the end day', () => {
		expect(first).toMatchObject({ start: START, end: END });
		const tickets = dataLines(join(dirs[0], 'tickets.csv'));
		expect(tickets).toHaveLength(TICKETS);
		// ticket_id and created_at come before any quoted field, so a plain split finds them.
		const created = tickets.map((line) => line.split(',')[1]).sort();
		expect(created[0] >= `${START}T00:00:00Z`).toBe(true);
		expect(created[created.length - 1] <= `${END}T23:59:59Z`).toBe(true);
		expect(tickets[0].split(',')[0]).toBe('T-000001');
	});

	it('lists Thanksgiving 2026 as a holiday of the business schedule', () => {
		expect(dataLines(join(dirs[0], 'holidays.csv'))).toContain('business,2026-11-26,Thanksgiving Day');
	});

	it('keeps the self-service and search ratios per ticket', () => {
		// 0.85 sessions per ticket: 1,700 for 2,000 tickets.
		expect(dataLines(join(dirs[0], 'self_service.csv'))).toHaveLength(1700);
		expect(dataLines(join(dirs[0], 'kb_searches.csv'))).toHaveLength(2 * TICKETS);
	});

	it('passes the importer with no rejected row, and every integrity check', async () => {
		const db = await memoryDb();
		try {
			const { files } = await importGenericPath(db, dirs[0], { source: 'demo', timezone: 'UTC' });
			expect(files.map((f) => `${basename(f.file)} ${f.status} ${f.rowsRejected}`)).toEqual(
				['orgs', 'sla_policies', 'schedules', 'holidays', 'tickets', 'self_service', 'kb_searches', 'costs'].map((n) => `${n}.csv ok 0`)
			);
			expect(await failingChecks(db)).toEqual({});
			// A deflection rate real teams could have: near the domain's 40 % target, not 75 %;
			// savings a fraction of what support costs, not a multiple of it.
			const all = await computeKpis(db, parseKpiQuery({ grain: 'quarter', metrics: 'deflection_rate,support_cost,self_service_savings', as_of: `${END}T23:59:59Z` }));
			const sum = (id: string) => all.rows.reduce((total, r) => total + ((r[id] as number | null) ?? 0), 0);
			const deflection = all.rows.map((r) => r.deflection_rate as number);
			expect(Math.min(...deflection)).toBeGreaterThan(0.3);
			expect(Math.max(...deflection)).toBeLessThan(0.5);
			expect(sum('self_service_savings') / sum('support_cost')).toBeLessThan(0.5);
		} finally {
			await db.close();
		}
	});
});
