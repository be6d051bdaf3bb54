import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli';
import { FIXTURES } from '../helpers/db';


describe('deskpulse CLI', () => {
	let db: string;
	beforeEach(() => {
		db = join(mkdtempSync(join(tmpdir(), 'deskpulse-cli-')), 'test.duckdb');
	});
	afterEach(() => vi.restoreAllMocks());

	it('lists its commands, and each has --help with --db', async () => {
		const help = await cli(['--help']);
		expect(help.status).toBe(0);
		for (const name of ['import', 'demo', 'kpis']) {
			expect(help.stdout).toContain(`  ${name} `);
			const one = await cli([name, '--help']);
			expect(one.status).toBe(0);
			expect(one.stdout).toContain(`usage: deskpulse ${name}`);
			expect(one.stdout).toContain('--db PATH');
		}
	});

	it('answers an unknown flag or a bad value with exit status 2 and the usage', async () => {
		const unknown = await cli(['kpis', '--colour', 'red']);
		expect(unknown.status).toBe(2);
		expect(unknown.stderr).toContain("Unknown option '--colour'");
		const bad = await cli(['kpis', '--grain', 'year', '--db', db]);
		expect(bad.status).toBe(2);
		expect(bad.stderr).toContain('--grain: grain must be one of day, week, month, quarter, got "year"');
	});

	it('imports a folder, opening the file itself when no server runs, then prints KPIs as CSV', async () => {
		const imported = await cli(['import', join(FIXTURES, 'generic-small'), '--db', db]);
		expect(imported.status).toBe(0);
		expect(imported.stderr).toContain('no server is running');
		expect(imported.stdout).toContain('tickets.csv: 10 rows read, 10 kept (0 with adjustments), 0 rejected');
		const csv = await cli(['kpis', '--grain', 'month', '--format', 'csv', '--metrics', 'tickets_created,frt_median_min', '--hours', 'calendar', '--db', db]);
		expect(csv.stdout).toBe('period,period_start,tickets_created,frt_median_min\r\n2026-03,2026-03-01,9,60\r\n');
		const table = await cli(['kpis', '--grain', 'month', '--metrics', 'tickets_created,frt_median_min', '--db', db]);
		expect(table.stdout).toMatch(/2026-03\s+2026-03-01\s+9\s+60\.0/);
	});

	it('imports the sheet --sheet names, and says which sheets there are when it is absent', async () => {
		const workbook = join(FIXTURES, 'excel', 'freshdesk', 'tickets_export_2026_04_01.xlsx');
		const april = await cli(['import', workbook, '--sheet', 'April', '--timezone', 'Europe/Berlin', '--db', db]);
		expect(april.status).toBe(0);
		expect(april.stdout).toMatch(/tickets_export_2026_04_01\.xlsx: 2 rows read, .*\b1 rejected/);
		expect(april.stdout).toMatch(/line 4, column Created time: /);
		const missing = await cli(['import', workbook, '--sheet', 'May', '--timezone', 'Europe/Berlin', '--db', db]);
		expect(missing.status).toBe(2);
		expect(missing.stderr).toContain('tickets_export_2026_04_01.xlsx: has no sheet "May": its sheets are "Tickets", "April"');
	});

	it('exits 1 and names the file when a file fails', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'deskpulse-cli-bad-'));
		const { writeFileSync } = await import('node:fs');
		writeFileSync(join(folder, 'tickets.csv'), 'id,created\n1,2026-01-01\n');
		const r = await cli(['import', folder, '--db', db]);
		expect(r.status).toBe(1);
		expect(r.stdout).toContain('tickets.csv: FAILED, nothing imported');
		expect(r.stdout).toContain('missing required columns ticket_id, created_at, status');
	});
});
