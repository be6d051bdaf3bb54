import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terminalSafe } from '../../src/cli/terminal';
import { cli } from '../helpers/cli';
import { tempFolder } from '../helpers/db';

describe('text from an export printed to a terminal', () => {
	afterEach(() => vi.restoreAllMocks());

	it('shows control characters as U+FFFD, keeping line breaks and tabs', () => {
		expect(terminalSafe('a\u001b[2Jb\u0007c\td\n')).toBe('a\uFFFD[2Jb\uFFFDc\td\n');
	});

	it('never reaches the import summary as an escape sequence', async () => {
		const db = join(mkdtempSync(join(tmpdir(), 'deskpulse-cli-')), 'test.duckdb');
		const folder = tempFolder({ 'tickets.csv': 'ticket_id,created_at,status\ne1,2026-03-02T09:00:00Z,Escalated\u001b]0;owned\u0007\n' });
		const imported = await cli(['import', folder, '--db', db]);
		expect(imported.status).toBe(0);
		expect(imported.stdout).not.toMatch(/[\u001b\u0007]/);
		expect(imported.stdout).toContain('Escalated\uFFFD]0;owned\uFFFD -> open (default rule), 1 row');
	});
});
