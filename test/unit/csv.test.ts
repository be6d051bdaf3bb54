import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/lib/csv';

describe('toCsv', () => {
	it('quotes per RFC 4180 and leaves numbers as numbers', () => {
		expect(toCsv(['a', 'b', 'c'], [{ a: 'x,y', b: -3.5, c: null }, { a: 'say "hi"', b: 0, c: 'line\nbreak' }])).toBe(
			'a,b,c\r\n"x,y",-3.5,\r\n"say ""hi""",0,"line\nbreak"\r\n'
		);
	});

	it('defuses text a spreadsheet would run as a formula', () => {
		expect(toCsv(['v'], [{ v: '=HYPERLINK("x")' }, { v: '+1' }, { v: '-2' }, { v: '@sum' }])).toBe(
			`v\r\n"'=HYPERLINK(""x"")"\r\n'+1\r\n'-2\r\n'@sum\r\n`
		);
	});
});
