import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli';
import { mergeOverrides, parseMapArgument, readValueMapFile } from '../../src/lib/server/ingest/value-overrides';
import { Database } from '../../src/lib/server/db/database';
import { FIXTURES } from '../helpers/db';


describe('value maps (--map)', () => {
	afterEach(() => vi.restoreAllMocks());

	it('reads FIELD=VALUE=CANONICAL, pairs joined by ;, and canonical spellings', () => {
		expect(parseMapArgument('status=Waiting on Customer=pending;Waiting on Acme=hold')).toEqual([
			{ field: 'status', from: 'Waiting on Customer', to: 'pending' },
			{ field: 'status', from: 'Waiting on Acme', to: 'on_hold' }
		]);
		// A value holding "=" is read up to the last one.
		expect(parseMapArgument('priority=Sev=1=urgent')).toEqual([{ field: 'priority', from: 'Sev=1', to: 'P1' }]);
		expect(parseMapArgument('Channel=OutBound=Outbound Email')).toEqual([{ field: 'channel', from: 'OutBound', to: 'outbound_email' }]);
		expect(parseMapArgument('tier=L2=tier 2')).toEqual([{ field: 'tier', from: 'L2', to: 'T2' }]);
	});

	it('refuses a field it cannot map and a target outside the vocabulary', () => {
		expect(() => parseMapArgument('segment=SMB=scaled')).toThrow('values of status, priority, channel, tier can be mapped, not of "segment"');
		expect(() => parseMapArgument('status=Waiting=later')).toThrow('status can be mapped to new, open, pending, on_hold, solved, closed, not "later"');
		expect(() => parseMapArgument('priority=Sev 1=P9')).toThrow('priority can be mapped to P0..P4');
		expect(() => parseMapArgument('status')).toThrow('--map takes FIELD="VALUE=CANONICAL"');
	});

	it('reads a value-map file, and a later map of the same value wins', () => {
		const dir = mkdtempSync(join(tmpdir(), 'deskpulse-maps-'));
		const file = join(dir, 'maps.yaml');
		writeFileSync(file, 'status:\n  Waiting on Customer: pending\npriority:\n  Highest: urgent\n');
		const fromFile = readValueMapFile(file);
		expect(fromFile).toEqual([
			{ field: 'status', from: 'Waiting on Customer', to: 'pending' },
			{ field: 'priority', from: 'Highest', to: 'P1' }
		]);
		expect(mergeOverrides(fromFile, parseMapArgument('status=waiting on customer=open'))).toEqual([
			{ field: 'status', from: 'waiting on customer', to: 'open' },
			{ field: 'priority', from: 'Highest', to: 'P1' }
		]);
	});

	it('previews with --dry-run, then imports with --map, as the summary says', async () => {
		const db = join(mkdtempSync(join(tmpdir(), 'deskpulse-cli-')), 'test.duckdb');
		const folder = join(FIXTURES, 'zendesk-csv', 'real-shape');
		const preview = await cli(['import', folder, '--timezone', 'Asia/Kolkata', '--dry-run', '--db', db]);
		expect(preview.status).toBe(0);
		expect(preview.stdout).toContain('DRY RUN: nothing was written; this is what the import would do');
		expect(preview.stdout).toContain('export_2023_07_03_q2.csv: 8 rows read, 8 kept (3 with adjustments), 0 rejected\n');
		expect(preview.stdout).toContain('  kept with adjustments, 2 rows: First resolution time in minutes is after Solved at, the last solve: moved back to it\n');
		expect(preview.stdout).toContain('  Status: ');
		expect(preview.stdout).toContain('Awaiting Vendor -> open (default rule), 1 row');

		const imported = await cli(['import', folder, '--timezone', 'Asia/Kolkata', '--map', 'status=Awaiting Vendor=on_hold', '--db', db]);
		expect(imported.status).toBe(0);
		expect(imported.stdout).toContain('Awaiting Vendor -> on_hold (your map), 1 row');
		expect(imported.stdout).toMatch(/8 rows read, 8 kept \(3 with adjustments\), 0 rejected \(run \d+\)/);
		const database = await Database.open(db);
		try {
			expect(await database.query(`select status from raw_generic_tickets where ticket_id = '5007'`)).toEqual([{ status: 'on_hold' }]);
			// The dry run recorded nothing: one run, the import's.
			expect(await database.query(`select count(*)::integer as n from import_runs`)).toEqual([{ n: 1 }]);
		} finally {
			await database.close();
		}

		const bad = await cli(['import', folder, '--timezone', 'Asia/Kolkata', '--map', 'status=Awaiting Vendor=soon', '--db', db]);
		expect(bad.status).not.toBe(0);
		expect(bad.stderr).toContain('status can be mapped to new, open, pending, on_hold, solved, closed, not "soon"');
	});
});
