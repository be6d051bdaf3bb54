import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvSink, cellText, csvField } from '../../src/lib/server/ingest/sheets/csv-sink';
import { dateSerial, isDateFormat, serialText } from '../../src/lib/server/ingest/sheets/excel-dates';
import { pickSheet } from '../../src/lib/server/ingest/sheets/pick-sheet';
import { readXlsSheet } from '../../src/lib/server/ingest/sheets/xls';
import { FIXTURES, tempFolder } from '../helpers/db';

describe('Excel date serials as CSV text', () => {
	it('writes a date-time as YYYY-MM-DD HH:MM:SS, whatever the number format shows', () => {
		expect(serialText(46083.375, 'yyyy-mm-dd hh:mm:ss')).toBe('2026-03-02 09:00:00');
		expect(serialText(46083.375, 'm/d/yy')).toBe('2026-03-02 09:00:00');
		expect(serialText(46083, 'yyyy-mm-dd')).toBe('2026-03-02 00:00:00');
	});

	it('rounds away floating-point noise, keeping real milliseconds', () => {
		// 09:15 is not exact in binary.
		expect(serialText(46082 + 555 / 1440, 'hh:mm')).toBe('2026-03-01 09:15:00');
		expect(serialText(46083.375 + 0.5 / 86400, 'hh:mm:ss.000')).toBe('2026-03-02 09:00:00.500');
	});

	it('writes a time without a date, and an elapsed duration in total hours', () => {
		expect(serialText(0.5 / 24, 'h:mm')).toBe('00:30:00');
		expect(serialText(3.125, '[h]:mm:ss')).toBe('75:00:00');
		expect(serialText(0.25, '[h]:mm')).toBe('06:00:00');
	});

	it("follows Excel's 1900 calendar, leap-year bug included", () => {
		expect(serialText(1, 'yyyy-mm-dd')).toBe('1900-01-01 00:00:00');
		expect(serialText(59, 'yyyy-mm-dd')).toBe('1900-02-28 00:00:00');
		expect(serialText(61, 'yyyy-mm-dd')).toBe('1900-03-01 00:00:00');
	});

	it('reads the 1904 calendar of old Mac workbooks for dates, not for times or durations', () => {
		expect(serialText(43159.375, 'yyyy-mm-dd hh:mm', true)).toBe('2022-03-01 09:00:00');
		expect(serialText(0.5, 'h:mm', true)).toBe('12:00:00');
		expect(serialText(3.125, '[h]:mm:ss', true)).toBe('75:00:00');
	});

	it('turns an exceljs date back into its serial, in the workbook calendar', () => {
		expect(dateSerial(new Date(Date.UTC(2026, 2, 2, 9)))).toBe(46083.375);
		expect(dateSerial(new Date(Date.UTC(2022, 2, 1, 9)), true)).toBe(43159.375);
	});

	it('tells date formats from number formats', () => {
		for (const f of ['yyyy-mm-dd', 'm/d/yy h:mm', '[h]:mm:ss', 'mmm yyyy', '[$-409]d-mmm;@']) expect(isDateFormat(f), f).toBe(true);
		for (const f of [undefined, 'General', '0.00', '#,##0 "days"', '[Red]0.00', '@']) expect(isDateFormat(f), String(f)).toBe(false);
	});
});

describe('sheet rows as CSV', () => {
	it('quotes fields by RFC 4180 and writes values as stored', () => {
		expect(csvField('plain')).toBe('plain');
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('two\nlines')).toBe('"two\nlines"');
		expect([cellText(1001), cellText(4.5), cellText(true), cellText(false), cellText(null), cellText('=1+1')]).toEqual([
			'1001',
			'4.5',
			'true',
			'false',
			'',
			'=1+1'
		]);
	});

	it('skips empty rows, pads short ones to the header and keeps the sheet row numbers', async () => {
		const path = join(tempFolder({}), 'sheet.csv');
		const sink = new CsvSink(path);
		// Row 1 is empty (a title row left blank), the header is row 2, row 4 is empty.
		await sink.row(2, [' id ', 'note', 'n']);
		await sink.row(3, ['a', 'x, y']);
		await sink.row(4, [null, '', '  ']);
		const holes: string[] = [];
		holes[2] = 'z';
		await sink.row(5, holes);
		await sink.row(6, ['c', 'multi\nline', 3, null, '']);
		const written = await sink.close();
		expect(readFileSync(path, 'utf8')).toBe(' id ,note,n\na,"x, y",\n,,z\nc,"multi\nline",3\n');
		expect(written).toEqual({ header: ['id', 'note', 'n'], records: 3, rowShifts: [[1, 1], [3, 2]] });
	});
});

describe('choosing a sheet', () => {
	it('takes the first sheet, or the one named (ignoring case), and names the sheets when absent', () => {
		expect(pickSheet('book.xlsx', ['Tickets', 'April'], null)).toBe('Tickets');
		expect(pickSheet('book.xlsx', ['Tickets', 'April'], 'APRIL')).toBe('April');
		expect(() => pickSheet('book.xlsx', ['Tickets', 'April'], 'May')).toThrow('book.xlsx: has no sheet "May": its sheets are "Tickets", "April"');
	});

	it('refuses an .xls past the size it reads whole, saying what to do', async () => {
		const path = join(FIXTURES, 'excel', 'freshdesk', 'tickets_export_2026_04_01.xls');
		await expect(readXlsSheet(path, 'export.xls', null, async () => {}, 1024)).rejects.toThrow(
			/export\.xls: is .* MB, over the 0\.0 MB deskpulse reads from an \.xls .*save it as \.xlsx or CSV .*DESKPULSE_XLS_MAX_MB/
		);
	});
});
