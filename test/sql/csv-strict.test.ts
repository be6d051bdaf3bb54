import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordFields } from '../../src/lib/server/ingest/csv-records';
import { importPath } from '../../src/lib/server/ingest/import-path';
import { memoryDb, tempFolder } from '../helpers/db';

const HEADER = 'ticket_id,created_at,status,subject';
const row = (id: string, subject = 'ok') => `${id},2026-03-02T09:00:00Z,open,${subject}`;

/** Imports one tickets.csv; returns its counts, rejects (line, column, reason), kept ids and subjects. */
async function importText(text: string | Buffer) {
	const dir = tempFolder({});
	writeFileSync(join(dir, 'tickets.csv'), text);
	const db = await memoryDb();
	try {
		const result = await importPath(db, dir, { adapter: 'generic', source: 'strict', timezone: 'UTC' });
		const [file] = result.files;
		const kept = await db.query<{ ticket_id: string; subject: string | null }>('select ticket_id, subject from raw_generic_tickets order by ticket_id');
		const quarantine = await db.query<{ line: number; raw: string }>(`select line, raw_record->>'record as written' as raw from import_quarantine order by line`);
		return {
			status: file.status,
			error: file.error,
			counts: [file.rowsRead, file.rowsAccepted, file.rowsRejected],
			rejects: file.rejects.map((r) => [r.line, r.column, r.reason]),
			kept: Object.fromEntries(kept.map((k) => [k.ticket_id, k.subject])),
			quarantine
		};
	} finally {
		await db.close();
	}
}

// The CSV reader is strict per record: a broken record is rejected with its line and the rest
// of the file is read, never swallowed, glued or cut (DuckDB's lenient reader did all three).
describe('the strict CSV reader', () => {
	it('rejects a quote never closed with its first line, and reads every line after it', async () => {
		const got = await importText([HEADER, row('t1'), row('t2', '"unterminated'), row('t3'), row('t4'), row('t5'), row('t6'), ''].join('\n'));
		expect(got.counts).toEqual([6, 5, 1]);
		expect(got.rejects).toEqual([[3, 'subject', 'has a quote that is never closed']]);
		expect(Object.keys(got.kept)).toEqual(['t1', 't3', 't4', 't5', 't6']);
		expect(got.quarantine).toEqual([{ line: 3, raw: 't2,2026-03-02T09:00:00Z,open,"unterminated' }]);
	});

	it('rejects text after a closing quote instead of gluing it to the field', async () => {
		const got = await importText([HEADER, row('t1', '"abc"trailing'), row('t2', '"abc"  '), ''].join('\n'));
		expect(got.counts).toEqual([2, 1, 1]);
		expect(got.rejects).toEqual([[2, 'subject', 'has text after the closing quote of a quoted field']]);
		// Spaces after the closing quote are no text: the field is "abc".
		expect(got.kept).toEqual({ t2: 'abc' });
	});

	it('rejects the cut-off last record of a truncated export', async () => {
		const got = await importText([HEADER, row('t1'), 't2,2026-03-02T0'].join('\n'));
		expect(got.counts).toEqual([2, 1, 1]);
		expect(got.rejects).toEqual([[3, null, "the file ends inside this record: it has 2 of the header's 4 fields (a cut-off export?)"]]);
	});

	it("keeps a complete last record without a line break, and a short record's missing fields empty", async () => {
		const got = await importText([HEADER, 't1,2026-03-02T09:00:00Z,open', row('t2')].join('\n'));
		expect(got.counts).toEqual([2, 2, 0]);
		expect(got.kept).toEqual({ t1: null, t2: 'ok' });
	});

	it("reads Excel's CRLF records with line breaks inside quoted cells, numbering records by their first line", async () => {
		const text = [HEADER, row('t1', '"line one\r\nline two, ""quoted"""'), row('t2', '"a\nb"'), row('', 'no id')].join('\r\n') + '\r\n';
		const got = await importText(text);
		expect(got.error).toBe(null);
		expect(got.counts).toEqual([3, 2, 1]);
		expect(got.kept).toEqual({ t1: 'line one\r\nline two, "quoted"', t2: 'a\nb' });
		// t1 starts on line 2 and spans two lines, t2 starts on 4 and spans two: the bad row is on 6.
		expect(got.rejects).toEqual([[6, 'ticket_id', 'required value is empty']]);
	});

	it('keeps a quote inside an unquoted field as a character', async () => {
		const got = await importText([HEADER, row('t1', '27" monitor'), ''].join('\n'));
		expect(got.kept).toEqual({ t1: '27" monitor' });
	});

	it('reads a field of 16 MB', async () => {
		const big = 'x'.repeat(16 * 1024 * 1024);
		const got = await importText([HEADER, row('t1', `"${big}"`), row('t2'), ''].join('\n'));
		expect(got.counts).toEqual([2, 2, 0]);
		expect(got.kept.t1?.length).toBe(big.length);
	}, 60_000);

	it('rejects a record holding a NUL byte and reads the rest', async () => {
		const got = await importText(Buffer.from([HEADER, row('t1', 'a\u0000b'), row('t2'), ''].join('\n')));
		expect(got.counts).toEqual([2, 1, 1]);
		expect(got.rejects).toEqual([[2, 'subject', 'holds a NUL byte: binary data, not text']]);
	});

	it('refuses a file whose header cannot be read, naming the line', async () => {
		const got = await importText(['ticket_id,"created_at', row('t1'), ''].join('\n'));
		expect(got.status).toBe('failed');
		expect(got.error).toBe('tickets.csv, line 1: cannot be read as CSV: the header has a quote that is never closed');
	});

	it('refuses a header of more fields than any export has, before reading on', async () => {
		const got = await importText(`${Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',')}\n${row('t1')}\n`);
		expect(got.status).toBe('failed');
		expect(got.error).toBe('tickets.csv, line 1: cannot be read as CSV: the header has 5,000 fields; deskpulse reads at most 4096');
	});

	it('skips empty lines, which are no records, and counts every record it read', async () => {
		const got = await importText([HEADER, '', row('t1'), '', '', row('t2'), ''].join('\n'));
		expect(got.counts).toEqual([2, 2, 0]);
	});
});

describe('recordFields', () => {
	it('unescapes quoted fields, drops spaces after a closing quote and keeps bare quotes', () => {
		const fields = recordFields(Buffer.from('a,"b,""c""" ,d"e,,"f\ng"'), 0x2c).map((f) => f.toString());
		expect(fields).toEqual(['a', 'b,"c"', 'd"e', '', 'f\ng']);
	});

	it('reads a trailing separator as a last empty field', () => {
		expect(recordFields(Buffer.from('a;b;'), 0x3b).map((f) => f.toString())).toEqual(['a', 'b', '']);
	});
});
