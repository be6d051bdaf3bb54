import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ownerFile } from '../../src/lib/server/db/owner';
import { cli } from '../helpers/cli';
import { FIXTURES } from '../helpers/db';
import { closeMailServers, ok, webhookStub } from '../helpers/mail';
import { IMPORT_A, IMPORT_B, ORGS } from '../helpers/delivery-fixture';


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

	it('forecasts tickets per channel as a table, with the backtest and the weeks ahead', async () => {
		// Ten weeks from Monday 2 March 2026, one email ticket a day: 7 a week, flat.
		const rows = ['ticket_id,created_at,status,channel'];
		for (let d = 0; d < 70; d++) rows.push(`t${d},${new Date(Date.UTC(2026, 2, 2 + d, 9)).toISOString()},solved,email`);
		const folder = mkdtempSync(join(tmpdir(), 'deskpulse-cli-forecast-'));
		writeFileSync(join(folder, 'tickets.csv'), rows.join('\n') + '\n');
		expect((await cli(['import', folder, '--db', db])).status).toBe(0);
		const table = await cli(['forecast', '--weeks', '2', '--as-of', '2026-05-12T00:00:00Z', '--db', db]);
		expect(table.status).toBe(0);
		expect(table.stdout).toContain('Ticket arrivals by channel, next 2 weeks (ISO weeks, UTC), as of 2026-05-12T00:00:00.000Z; fitted on 10 weeks');
		expect(table.stdout).toContain('email: backtest MAPE 0.0 % (seasonal naive 0.0 %: does not beat it), 80 % interval held 100.0 %');
		expect(table.stdout).toMatch(/2026-W20\s+7\s+80 %: 7-7\s+95 %: 7-7/);
		const bad = await cli(['forecast', '--weeks', '30', '--db', db]);
		expect(bad.status).toBe(2);
		expect(bad.stderr).toContain('--weeks: weeks must be a whole number from 1 to 26, got "30"');
	});

	it('adds a pilot, lists it with its verdict and shows its result', async () => {
		// Four weeks before Monday 1 June 2026 and four after: 10 how_to tickets a week, then 5;
		// 20 billing tickets a week throughout.
		const rows = ['ticket_id,created_at,status,category,org_id'];
		for (let w = -4; w < 4; w++) {
			const week = Date.UTC(2026, 5, 1) + w * 7 * 86_400_000;
			for (let k = 0; k < (w < 0 ? 10 : 5); k++) rows.push(`h${w}-${k},${new Date(week + k * 3_600_000).toISOString()},open,how_to,o1`);
			for (let k = 0; k < 20; k++) rows.push(`b${w}-${k},${new Date(week + k * 3_600_000).toISOString()},open,billing,o1`);
		}
		const folder = mkdtempSync(join(tmpdir(), 'deskpulse-cli-pilot-'));
		writeFileSync(join(folder, 'tickets.csv'), rows.join('\n') + '\n');
		expect((await cli(['import', folder, '--db', db])).status).toBe(0);
		const added = await cli(['pilot', 'add', '--name', 'How-to article', '--start', '2026-06-01', '--treated', 'category=how_to', '--db', db]);
		expect(added.status).toBe(0);
		expect(added.stdout).toBe('added pilot 1 "How-to article": category how_to from 2026-06-01T00:00:00.000Z; see deskpulse pilot show 1\n');
		const list = await cli(['pilot', 'list', '--as-of', '2026-06-29T00:00:00Z', '--db', db]);
		// Tickets per customer halve against a flat control: -50 %, every week alike.
		expect(list.stdout).toContain('How-to article, from 2026-06-01 00:00Z, running\n      Scale it: tickets per customer per week −50 % [−50, −50], beyond the −10 % threshold; CSAT not measured.');
		const csv = await cli(['pilot', 'show', '1', '--as-of', '2026-06-29T00:00:00Z', '--format', 'csv', '--db', db]);
		const cells = csv.stdout.split('\r\n')[2].split(',');
		// One org, so one customer a week: 10 and 5 how_to tickets per customer, 20 billing.
		expect(cells.slice(0, 10)).toEqual(['tickets_per_customer', 'percent', '10', '5', '20', '20', '40', '20', '80', '80']);
		expect(cells.slice(10, 13).map(Number).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([-50, -50, -50]);
		const ended = await cli(['pilot', 'end', '1', '--end', '2026-06-15', '--db', db]);
		expect(ended.stdout).toBe('ended pilot 1 "How-to article" at 2026-06-15T00:00:00.000Z; see deskpulse pilot show 1\n');
		expect((await cli(['pilot', 'list', '--as-of', '2026-06-29T00:00:00Z', '--db', db])).stdout).toContain('How-to article, from 2026-06-01 00:00Z to 2026-06-15 00:00Z');
		expect((await cli(['pilot', 'end', '1', '--db', db])).stderr).toContain('already ended');
		const bad = await cli(['pilot', 'add', '--name', 'x', '--start', '2026-06-01', '--treated', 'mood=good', '--db', db]);
		expect(bad.status).toBe(2);
		expect(bad.stderr).toContain('treated: "mood" is not a pilot dimension');
	});

	it('subscribes a Slack channel to the Monday review, sends it now, and fires an alert rule once after the import that makes it true', async () => {
		const stub = await webhookStub(ok);
		const hook = `slack:${stub.base}/services/T1/B1/cli`;
		const folder = (csv: string, orgs = false) => {
			const dir = mkdtempSync(join(tmpdir(), 'deskpulse-cli-alert-'));
			writeFileSync(join(dir, 'tickets.csv'), csv);
			if (orgs) writeFileSync(join(dir, 'orgs.csv'), ORGS);
			return dir;
		};
		const added = await cli(['digest', 'add', '--to', hook, '--schedule', '0 8 * * 1', '--tz', 'Europe/Berlin', '--db', db]);
		expect(added.status).toBe(0);
		expect(added.stdout).toContain('added digest 1 "Weekly review" to 1 recipient');
		const list = await cli(['digest', 'list', '--db', db]);
		expect(list.stdout).toContain('Weekly review: Mondays at 08:00 (Europe/Berlin), next ');
		expect(list.stdout).toContain('to slack: 127.0.0.1:');
		expect(list.stdout).not.toContain('/services/T1/B1/cli');
		expect((await cli(['digest', 'send', '1', '--db', db])).status).toBe(2);

		const rule = await cli(['alert', 'add', '--to', hook, '--metric', 'csat_rate', '--below', '85%', '--where', 'segment=high_touch', '--tz', 'Europe/Berlin', '--db', db]);
		expect(rule.stdout).toContain('added alert rule 1 "CSAT below 85.0 % for segment = high_touch"');
		expect((await cli(['alert', 'add', '--to', hook, '--metric', 'csat_rate', '--db', db])).status).toBe(2);
		// Without a server the CLI's import evaluates the rules itself.
		expect((await cli(['import', folder(IMPORT_A, true), '--db', db])).status).toBe(0);
		expect(stub.received).toHaveLength(0);
		expect((await cli(['import', folder(IMPORT_B), '--db', db])).status).toBe(0);
		expect(stub.received).toHaveLength(1);
		expect((stub.received[0].body as { text: string }).text).toContain('CSAT in 2026-W24: 64.3 % (14 items, low sample)');
		const check = await cli(['alert', 'check', '--db', db]);
		expect(check.stdout).toContain('holds for 2026-W24, already sent for that week');
		expect(stub.received).toHaveLength(1);
		expect((await cli(['alert', 'mute', '1', '--db', db])).stdout).toBe('muted alert rule 1 "CSAT below 85.0 % for segment = high_touch"\n');
		expect((await cli(['alert', 'list', '--db', db])).stdout).toContain('muted');

		const sent = await cli(['digest', 'send', '--now', '1', '--db', db]);
		expect(sent.status).toBe(0);
		expect(sent.stdout).toMatch(/^digest 1: as of now, outside its schedule\nsent {5}slack: 127\.0\.0\.1:\d+\/…\/cli: deskpulse: Weekly review, 20\d\d-W\d\d\n$/);
		expect(stub.received).toHaveLength(2);
		expect((await cli(['digest', 'remove', '1', '--db', db])).stdout).toBe('removed digest 1\n');
		await closeMailServers();
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

	it('exports Parquet when it has the file, and refuses while a server holds it', async () => {
		expect((await cli(['import', join(FIXTURES, 'generic-small'), '--db', db])).status).toBe(0);
		const out = join(dirname(db), 'lake');
		const exported = await cli(['export', '--format', 'parquet', '--out', out, '--db', db]);
		expect(exported.status).toBe(0);
		// generic-small: 10 tickets (README), progress per table on stderr, the files on stdout.
		expect(exported.stderr).toMatch(/export: \d+\/\d+ fct_tickets: 10 rows in \d+ files?\n/);
		expect(exported.stdout).toMatch(/fct_tickets +source, month +10 /);
		expect(exported.stdout).toContain('  dim_schedules/data_0.parquet');
		// A server that answers the owner check for this file: the export stops before opening it.
		const server = createServer((_req, res) => res.writeHead(200).end('{}'));
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		try {
			const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
			writeFileSync(ownerFile(db), JSON.stringify({ pid: process.pid, url, secret: 'x'.repeat(64), started_at: new Date().toISOString() }));
			const refused = await cli(['export', '--out', join(dirname(db), 'lake2'), '--db', db]);
			expect(refused.status).toBe(1);
			expect(refused.stderr).toContain(`the server at ${url} holds ${db}`);
			expect(existsSync(join(dirname(db), 'lake2'))).toBe(false);
		} finally {
			server.close();
		}
	});
});
