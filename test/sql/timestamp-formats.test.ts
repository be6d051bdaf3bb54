import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, Database } from '../../src/lib/server/db/database';
import { ImportFileError } from '../../src/lib/server/ingest/errors';
import { parseDateOrder, readTimestampFormats, type DateOrder } from '../../src/lib/server/ingest/timestamp-formats';
import { memoryDb } from '../helpers/db';

/**
 * Fills the temp table `_t` with a header row (record 1) and one row per entry of `rows`
 * (line = record), each a list of column texts `a`, `b`, ...: the shape readVendorCsv and
 * readCsvToInput leave a file in.
 */
async function table(conn: Connection, rows: Array<Array<string | null>>): Promise<void> {
	const width = rows[0].length;
	const names = Array.from({ length: width }, (_, i) => String.fromCharCode(97 + i));
	await conn.run('drop table if exists _t');
	await conn.run(`create temp table _t (record_no bigint, line_no bigint, ${names.map((n) => `${n} varchar`).join(', ')})`);
	const all = [names, ...rows];
	for (const [i, row] of all.entries()) {
		const params = Object.fromEntries(row.map((v, j) => [`v${j}`, v]));
		await conn.run(`insert into _t values (${i + 1}, ${i + 1}, ${row.map((_, j) => `$v${j}`).join(', ')})`, params);
	}
}

const read = (conn: Connection, labels: string[], dateOrder: DateOrder | null = null, keepWritten = false) =>
	readTimestampFormats(conn, {
		table: '_t',
		file: 'export.csv',
		dateOrder,
		keepWritten,
		columns: labels.map((label, i) => ({ identifier: String.fromCharCode(97 + i), label }))
	});

const column = async (conn: Connection, name: string) =>
	(await conn.query<{ v: string | null }>(`select ${name} as v from _t where record_no > 1 order by record_no`)).map((r) => r.v);

describe('timestamp format detection', () => {
	let db: Database;
	beforeAll(async () => {
		db = await memoryDb();
	});
	afterAll(() => db.close());
	const withConn = <T>(fn: (conn: Connection) => Promise<T>) => db.withConnection(fn);

	it('leaves ISO 8601 columns untouched, and says so', () =>
		withConn(async (conn) => {
			await table(conn, [['2024-04-23T09:05:00Z', '2024-04-23 9:05'], ['2024-04-24 10:00:00', null]]);
			const reading = await read(conn, ['Created', 'Solved']);
			expect(reading.formats).toEqual([
				{ column: 'Created', format: 'ISO 8601' },
				{ column: 'Solved', format: 'ISO 8601' }
			]);
			expect(await column(conn, 'a')).toEqual(['2024-04-23T09:05:00Z', '2024-04-24 10:00:00']);
			expect(reading.readFrom.get('a')).toBe('a');
		}));

	it('reads DD/MM/YYYY H:MM day-first when a first field is above 12, in every column of the file', () =>
		withConn(async (conn) => {
			// Column a alone is ambiguous (03/04, 05/04); column b's 23/04 (line 3) settles the file.
			await table(conn, [
				['03/04/2024 9:05', '05/04/2024 10:00'],
				['05/04/2024 17:30', '23/04/2024 8:00'],
				['', '-']
			]);
			const reading = await read(conn, ['Created time', 'Resolved time']);
			expect(reading.formats).toEqual([
				{ column: 'Created time', format: 'DD/MM/YYYY H:MM (day-first, as "Resolved time" shows)' },
				{ column: 'Resolved time', format: 'DD/MM/YYYY H:MM (day-first: 23/04/2024 at line 3)' }
			]);
			// 03/04 day-first is 3 April; the dash and the empty value stay as written.
			expect(await column(conn, 'a')).toEqual(['2024-04-03 09:05:00', '2024-04-05 17:30:00', '']);
			expect(await column(conn, 'b')).toEqual(['2024-04-05 10:00:00', '2024-04-23 08:00:00', '-']);
		}));

	it('reads MM/DD/YYYY h:mm AM/PM month-first: 12 AM is midnight, 12 PM noon', () =>
		withConn(async (conn) => {
			await table(conn, [['4/3/2024 12:15 AM'], ['4/23/2024 12:05 PM'], ['4/24/2024 1:30 pm'], ['04/25/24 11:59:59 PM']]);
			const reading = await read(conn, ['opened']);
			// Seconds on one value of four: optional in the description; a 2-digit year on one: YY.
			expect(reading.formats).toEqual([{ column: 'opened', format: 'MM/DD/YY h:mm[:ss] AM/PM (month-first: 4/23/2024 at line 3)' }]);
			expect(await column(conn, 'a')).toEqual(['2024-04-03 00:15:00', '2024-04-23 12:05:00', '2024-04-24 13:30:00', '2024-04-25 23:59:59']);
		}));

	it('reads Excel serial numbers as days since 1899-12-30', () =>
		withConn(async (conn) => {
			// 46023 = 2026-01-01 (45658 = 2025-01-01, + 365); + 31 (Jan) + 28 (Feb) + 1 = 46083 = 2026-03-02.
			// .375 of a day = 9 h; .6875 = 16 h 30 min; 0.0000115741 of a day = 1 s (rounded to the second).
			await table(conn, [['46083.375'], ['46083.6875'], ['46084'], ['46084.0000115741']]);
			const reading = await read(conn, ['created_at']);
			expect(reading.formats).toEqual([{ column: 'created_at', format: 'Excel serial numbers (days since 1899-12-30)' }]);
			expect(await column(conn, 'a')).toEqual(['2026-03-02 09:00:00', '2026-03-02 16:30:00', '2026-03-03 00:00:00', '2026-03-03 00:00:01']);
		}));

	it('leaves numbers outside 20000-79999 and unreadable text as written', () =>
		withConn(async (conn) => {
			await table(conn, [['12345'], ['Apr 23 2024']]);
			const reading = await read(conn, ['created_at']);
			expect(reading.formats).toEqual([{ column: 'created_at', format: 'not a date format deskpulse reads (e.g. "12345" at line 2)' }]);
			expect(await column(conn, 'a')).toEqual(['12345', 'Apr 23 2024']);
		}));

	it('fails a column that reads both ways, naming it, and reads it as --date-format says', () =>
		withConn(async (conn) => {
			await table(conn, [['03/04/2024 9:05', '01/02/2024'], ['12/11/2024 10:00', null]]);
			const failure = await read(conn, ['Created time', 'Closed']).catch((e) => e);
			expect(failure).toBeInstanceOf(ImportFileError);
			expect(failure.message).toBe(
				'export.csv: columns "Created time", "Closed" have dates like 03/04/2024 that read both day-first and month-first: pass --date-format DD/MM/YYYY or MM/DD/YYYY'
			);

			const monthFirst = await read(conn, ['Created time', 'Closed'], 'month-first');
			expect(monthFirst.formats).toEqual([
				{ column: 'Created time', format: 'MM/DD/YYYY H:MM (month-first, as --date-format says)' },
				{ column: 'Closed', format: 'MM/DD/YYYY (month-first, as --date-format says)' }
			]);
			// 03/04 month-first is 4 March; 12/11 is 11 December.
			expect(await column(conn, 'a')).toEqual(['2024-03-04 09:05:00', '2024-12-11 10:00:00']);
		}));

	it('refuses a file written both ways, and a --date-format its dates contradict', () =>
		withConn(async (conn) => {
			await table(conn, [['23/04/2024 9:05'], ['04/24/2024 9:05']]);
			await expect(read(conn, ['Created time'])).rejects.toThrow(
				'export.csv: dates are written both day-first (column "Created time" has 23/04/2024 at line 2) and month-first (column "Created time" has 04/24/2024 at line 3)'
			);
			await table(conn, [['23/04/2024 9:05']]);
			await expect(read(conn, ['Created time'], 'month-first')).rejects.toThrow(
				'export.csv: column "Created time" has 23/04/2024 at line 2, which only reads day-first, but --date-format says month-first'
			);
		}));

	it('does not take an impossible date for evidence, and leaves it for the checker to reject', () =>
		withConn(async (conn) => {
			// 45/04 is no day; 23/04 decides. 31/02 is day-first February 31st: not a date.
			await table(conn, [['45/04/2024'], ['23/04/2024'], ['31/02/2024 10:00'], ['13/04/2024 24:00']]);
			const reading = await read(conn, ['d']);
			expect(reading.formats[0].format).toBe('DD/MM/YYYY[ H:MM] (day-first: 23/04/2024 at line 3)');
			expect(await column(conn, 'a')).toEqual(['45/04/2024', '2024-04-23 00:00:00', '31/02/2024 10:00', '13/04/2024 24:00']);
		}));

	it('reads dots and dashes, seconds and fractions, and keeps the text as written when asked', () =>
		withConn(async (conn) => {
			await table(conn, [['23.04.2024 09:05:33'], ['24.04.2024 10:00:00.25']]);
			const reading = await read(conn, ['Erstellt'], null, true);
			expect(reading.formats[0].format).toBe('DD.MM.YYYY H:MM:SS (day-first: 23.04.2024 at line 2)');
			expect(reading.readFrom.get('a')).toBe('a_iso');
			expect(await column(conn, 'a')).toEqual(['23.04.2024 09:05:33', '24.04.2024 10:00:00.25']);
			expect(await column(conn, 'a_iso')).toEqual(['2024-04-23 09:05:33', '2024-04-24 10:00:00.25']);
		}));

	it('decides ISO from a sample without reading a large ISO column in full', () =>
		withConn(async (conn) => {
			// 5,000 ISO values, then one day-first date past the 1,000-value sample: the column
			// is left alone (and the checker would reject that one row).
			await conn.run('drop table if exists _t');
			await conn.run(
				`create temp table _t as
				 select range + 1 as record_no, range + 1 as line_no,
				        case when range = 0 then 'a' when range = 5001 then '23/04/2024 9:05' else '2024-04-23 09:05:00' end as a
				 from range(5002)`
			);
			const reading = await read(conn, ['a']);
			expect(reading.formats).toEqual([{ column: 'a', format: 'ISO 8601' }]);
			expect((await column(conn, 'a')).at(-1)).toBe('23/04/2024 9:05');
		}));

	it('omits columns without values', () =>
		withConn(async (conn) => {
			await table(conn, [['2024-04-23', null], ['2024-04-24', '']]);
			expect((await read(conn, ['a', 'b'])).formats).toEqual([{ column: 'a', format: 'ISO 8601' }]);
		}));
});

describe('--date-format', () => {
	it('takes date patterns and words for the two orders', () => {
		for (const text of ['DD/MM/YYYY', 'dd.mm.yy', 'D-M-YYYY', 'DD/MM/YYYY HH:MM', 'day-first', 'DMY']) expect(parseDateOrder(text)).toBe('day-first');
		for (const text of ['MM/DD/YYYY', 'M/D/YY', 'mm-dd-yyyy h:mm a', 'month-first', 'mdy']) expect(parseDateOrder(text)).toBe('month-first');
		for (const text of ['', 'YYYY-MM-DD', 'DD/MM-YYYY', 'european', '%d/%m/%Y']) expect(parseDateOrder(text)).toBeNull();
	});
});
