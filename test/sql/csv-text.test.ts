import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { fileDigest } from '../../src/lib/server/ingest/checksum';
import { importPath } from '../../src/lib/server/ingest/import-path';
import { memoryDb } from '../helpers/db';

/** A folder holding one tickets.csv of exactly these bytes. */
function exportOf(bytes: Buffer): string {
	const dir = mkdtempSync(join(tmpdir(), 'deskpulse-text-'));
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'tickets.csv'), bytes);
	return dir;
}

// Spreadsheets save "CSV" in the text of the machine: Windows text (é is the one byte E9),
// semicolons in European locales, UTF-16 tab-separated as "Unicode Text". None may lose a file.
describe('CSV text as spreadsheets save it', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
	});
	afterAll(() => db.close());

	const subjects = () => db.query<{ ticket_id: string; subject: string }>(`select ticket_id, subject from raw_generic_tickets order by 1`);

	it('reads Windows (Latin-1) text separated by semicolons, and says so', async () => {
		const text = 'ticket_id;created_at;status;subject\r\nw1;2026-03-02T09:00:00Z;open;Café crème\r\nw2;2026-03-02T10:00:00Z;solved;naïve\r\n';
		const result = await importPath(db, exportOf(Buffer.from(text, 'latin1')), { source: 'latin' });
		const [file] = result.files;
		expect([file.rowsRead, file.rowsAccepted, file.rowsRejected]).toEqual([2, 2, 0]);
		expect(file.support[0]).toBe('read as Windows (Latin-1) text, not UTF-8, fields separated by ";"');
		expect(await subjects()).toEqual([
			{ ticket_id: 'w1', subject: 'Café crème' },
			{ ticket_id: 'w2', subject: 'naïve' }
		]);
	});

	it('reads UTF-16 with its byte-order mark, separated by tabs', async () => {
		const text = '\uFEFFticket_id\tcreated_at\tstatus\tsubject\r\nu1\t2026-03-03T09:00:00Z\topen\tZürich office\r\n';
		const result = await importPath(db, exportOf(Buffer.from(text, 'utf16le')), { source: 'utf16' });
		expect(result.files[0]).toMatchObject({ status: 'ok', rowsRead: 1, rowsAccepted: 1 });
		expect(result.files[0].support[0]).toBe('read as UTF-16 text, fields separated by tabs');
		expect((await subjects()).find((r) => r.ticket_id === 'u1')?.subject).toBe('Zürich office');
	});

	it('finds Windows text that starts like UTF-8 from the whole file, not its first bytes', async () => {
		const filler = Array.from({ length: 3000 }, (_, i) => `f${i},2026-03-04T09:00:00Z,open,plain ascii subject ${i}`).join('\n');
		const text = `ticket_id,created_at,status,subject\n${filler}\nlast,2026-03-04T10:00:00Z,open,Gruß\n`;
		expect(Buffer.byteLength(filler)).toBeGreaterThan(64 * 1024);
		const result = await importPath(db, exportOf(Buffer.from(text, 'latin1')), { source: 'late' });
		expect(result.files[0]).toMatchObject({ status: 'ok', rowsRead: 3001, rowsAccepted: 3001 });
		expect((await subjects()).find((r) => r.ticket_id === 'last')?.subject).toBe('Gruß');
	});

	it('keeps a UTF-8 character split across two read chunks as UTF-8', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'deskpulse-chunks-'));
		const path = join(dir, 'split.csv');
		// "é" (C3 A9) straddles the 1 MiB chunk boundary.
		const bytes = Buffer.concat([Buffer.alloc((1 << 20) - 1, 0x61), Buffer.from('é\n', 'utf8')]);
		writeFileSync(path, bytes);
		expect((await fileDigest(path)).utf8).toBe(true);
		writeFileSync(path, Buffer.concat([Buffer.alloc((1 << 20) - 1, 0x61), Buffer.from([0xe9, 0x0a])]));
		expect((await fileDigest(path)).utf8).toBe(false);
	});
});
