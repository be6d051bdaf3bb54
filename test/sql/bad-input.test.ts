import { describe, it, type ExpectStatic } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import type { FileImportResult } from '../../src/lib/server/ingest/import-file';
import { importPath, type PathImportResult } from '../../src/lib/server/ingest/import-path';
import { failingChecks } from '../helpers/checks';
import { FIXTURES, memoryDb } from '../helpers/db';

// The bad-input corpus: test/fixtures/bad-input/<case>/ holds the file(s) of one case as a
// user would drop them; test/fixtures/bad-input/README.md is the table of the cases below.
// Every expected value was worked out by hand from the file and the import rules
// (docs/metrics.md "Import rules", docs/import-format.md, csv-records.ts).

interface Reject {
	line: number;
	column: string | null;
	/** Contained in the reject's reason. */
	reason: string;
}

interface Case {
	dir: string;
	adapter: string;
	/** What is wrong with the input (the README's column). */
	wrong: string;
	source?: string;
	/** The file whose result is asserted (default: the import's only file). */
	file?: string;
	/**
	 * ok / failed: the file's status. thrown: importPath refuses the whole path before any
	 * file is read (the adapter finds no file it reads), so there is no file result.
	 */
	status: 'ok' | 'failed' | 'thrown';
	read: number;
	accepted: number;
	adjusted: number;
	rejected: number;
	/** The first reject (`rejects[0]`, ordered by line and column): reason contained, line and column exact. */
	reason?: string;
	column?: string | null;
	line?: number;
	/** Every reject listed, in order, where more than the first is worth checking. */
	rejects?: Reject[];
	/** Contained in the error of a failed file, or in the message importPath throws. */
	error?: string;
	extraColumns?: string[];
	/** Import with --keep-extra (the columns deskpulse does not read are stored in `extra`). */
	keepExtra?: boolean;
	/** Values the import stored, read back after it. */
	stored?: { sql: string; rows: Array<Record<string, unknown>> };
	/** A folder inside the case imported first, into the same database and source. */
	before?: string;
	/** Import the folder a second time: nothing may change. */
	twice?: boolean;
}

const SOURCE = 'bad-input';
const utc = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%SZ') as ${column}`;
const subjects = 'select ticket_id, subject from raw_generic_tickets order by ticket_id';

const EMPTY = 'required value is empty';
const NEVER_CLOSED = 'has a quote that is never closed';
const NUL = 'holds a NUL byte: binary data, not text';
const badTs = (v: string) => `expected a date and time, got "${v}"`;
const outside = (v: string) => `is outside 1990 to a year from now, got "${v}"`;
const notWhole = (v: string) => `expected a whole number, got "${v}"`;
const noTicket = (v: string) => `"${v}" is no ticket (spam or deleted)`;

const CASES: Case[] = [
	// ---------- generic tickets.csv: text encodings ----------
	{
		dir: '01-utf8-bom-crlf', adapter: 'generic', wrong: 'UTF-8 with a byte-order mark, CRLF; é, ß and CJK text',
		status: 'ok', read: 3, accepted: 3, adjusted: 0, rejected: 0,
		stored: { sql: subjects, rows: [{ ticket_id: 'a1', subject: 'Café crème' }, { ticket_id: 'a2', subject: 'Straße' }, { ticket_id: 'a3', subject: '日本語' }] }
	},
	{
		dir: '02-utf16le-bom-tabs', adapter: 'generic', wrong: 'UTF-16LE with BOM, tab-separated (Excel "Unicode Text"); one bad created_at',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 4, column: 'created_at', reason: badTs('not a date'),
		stored: { sql: subjects, rows: [{ ticket_id: 'b1', subject: 'Zürich office' }, { ticket_id: 'b2', subject: 'Preis: 5 €, netto' }] }
	},
	{
		dir: '03-utf16be-bom', adapter: 'generic', wrong: 'UTF-16BE with BOM, commas, Greek text',
		status: 'ok', read: 2, accepted: 2, adjusted: 0, rejected: 0,
		stored: { sql: subjects, rows: [{ ticket_id: 'c1', subject: 'Ελληνικά' }, { ticket_id: 'c2', subject: 'naïve café' }] }
	},
	{
		dir: '04-windows-1252-euro', adapter: 'generic', wrong: 'Windows-1252 (not UTF-8): ü, €, curly quotes, en dash',
		status: 'ok', read: 2, accepted: 2, adjusted: 0, rejected: 0,
		stored: { sql: subjects, rows: [{ ticket_id: 'd1', subject: 'Rechnung über 50 €' }, { ticket_id: 'd2', subject: 'Café “quoted” – dash' }] }
	},
	{
		dir: '05-latin1-semicolons', adapter: 'generic', wrong: 'Latin-1, semicolon-separated, a comma inside a value; one spam row',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 4, column: 'status', reason: noTicket('spam'),
		stored: { sql: subjects, rows: [{ ticket_id: 'e1', subject: 'Größe ändern' }, { ticket_id: 'e2', subject: 'Preis 1,50 (à vérifier)' }] }
	},
	{
		dir: '06-utf16le-no-bom', adapter: 'generic', wrong: 'UTF-16LE without a byte-order mark (reads as UTF-8 full of NUL bytes)',
		status: 'failed', read: 0, accepted: 0, adjusted: 0, rejected: 0, error: 'cannot be read as CSV: the header holds a NUL byte'
	},
	// ---------- line endings ----------
	{
		dir: '07-crlf', adapter: 'generic', wrong: 'CRLF line ends; created_at "yesterday"',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 3, column: 'created_at', reason: badTs('yesterday'),
		stored: { sql: subjects, rows: [{ ticket_id: 'g1', subject: 'one' }, { ticket_id: 'g3', subject: 'three' }] }
	},
	{
		dir: '08-cr-only', adapter: 'generic', wrong: 'lone CR line ends (old Mac); bad created_at on line 4',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 4, column: 'created_at', reason: badTs('yesterday'),
		stored: { sql: subjects, rows: [{ ticket_id: 'h1', subject: 'one' }, { ticket_id: 'h2', subject: 'two' }] }
	},
	{
		dir: '09-mixed-line-ends', adapter: 'generic', wrong: 'CRLF, LF and CR mixed; bad created_at on line 5',
		status: 'ok', read: 4, accepted: 3, adjusted: 0, rejected: 1, line: 5, column: 'created_at', reason: badTs('yesterday'),
		stored: { sql: subjects, rows: [{ ticket_id: 'i1', subject: 'one' }, { ticket_id: 'i2', subject: 'two' }, { ticket_id: 'i3', subject: 'three' }] }
	},
	{
		dir: '10-no-final-newline-complete', adapter: 'generic', wrong: 'no final line break, last record complete',
		status: 'ok', read: 2, accepted: 2, adjusted: 0, rejected: 0,
		stored: { sql: subjects, rows: [{ ticket_id: 'j1', subject: 'one' }, { ticket_id: 'j2', subject: 'two' }] }
	},
	{
		dir: '11-no-final-newline-cut', adapter: 'generic', wrong: 'file cut off inside its last record (2 of 4 fields, no final line break)',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 4, column: null,
		reason: "the file ends inside this record: it has 2 of the header's 4 fields (a cut-off export?)"
	},
	{
		dir: '12-quoted-line-breaks', adapter: 'generic', wrong: 'quoted fields holding CRLF and LF; bad created_at after them (line 7)',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 7, column: 'created_at', reason: badTs('yesterday'),
		stored: { sql: subjects, rows: [{ ticket_id: 'q1', subject: 'first line\r\nsecond line' }, { ticket_id: 'q2', subject: 'a\nb\nc' }] }
	},
	// ---------- quoting ----------
	{
		dir: '13-unterminated-quote-mid', adapter: 'generic', wrong: 'a quote never closed in the middle of the file',
		status: 'ok', read: 4, accepted: 3, adjusted: 0, rejected: 1, line: 3, column: 'subject', reason: NEVER_CLOSED,
		stored: { sql: 'select ticket_id from raw_generic_tickets order by 1', rows: [{ ticket_id: 'm1' }, { ticket_id: 'm3' }, { ticket_id: 'm4' }] }
	},
	{
		dir: '14-unterminated-quote-last', adapter: 'generic', wrong: 'a quote never closed in the last record',
		status: 'ok', read: 2, accepted: 1, adjusted: 0, rejected: 1, line: 3, column: 'subject', reason: NEVER_CLOSED
	},
	{
		dir: '15-text-after-closing-quote', adapter: 'generic', wrong: '"abc"x: text after a closing quote',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 3, column: 'subject', reason: 'has text after the closing quote of a quoted field'
	},
	{
		dir: '16-spaces-after-closing-quote', adapter: 'generic', wrong: 'spaces and a tab between a closing quote and the comma',
		status: 'ok', read: 2, accepted: 2, adjusted: 0, rejected: 0,
		stored: { sql: subjects, rows: [{ ticket_id: 'p1', subject: 'Printer jam' }, { ticket_id: 'p2', subject: 'Tab after' }] }
	},
	{
		dir: '17-bare-quote-in-unquoted', adapter: 'generic', wrong: 'quotes inside unquoted fields (27" monitor)',
		status: 'ok', read: 2, accepted: 2, adjusted: 0, rejected: 0,
		stored: { sql: subjects, rows: [{ ticket_id: 'r1', subject: '27" monitor flickers' }, { ticket_id: 'r2', subject: 'He said "hi" twice' }] }
	},
	{
		dir: '18-escaped-quotes', adapter: 'generic', wrong: 'doubled "" quotes inside quoted fields, a quoted comma',
		status: 'ok', read: 3, accepted: 3, adjusted: 0, rejected: 0,
		stored: { sql: subjects, rows: [{ ticket_id: 's1', subject: 'Error "E42" on save' }, { ticket_id: 's2', subject: '"' }, { ticket_id: 's3', subject: 'a,b' }] }
	},
	{
		dir: '19-quoted-empty-required', adapter: 'generic', wrong: '"" for ticket_id, created_at and status',
		status: 'ok', read: 4, accepted: 1, adjusted: 0, rejected: 3,
		rejects: [
			{ line: 2, column: 'ticket_id', reason: EMPTY },
			{ line: 3, column: 'created_at', reason: EMPTY },
			{ line: 4, column: 'status', reason: EMPTY }
		]
	},
	// ---------- size ----------
	{
		dir: '20-field-3mb', adapter: 'generic', wrong: 'a 3,000,000-byte subject',
		status: 'ok', read: 2, accepted: 2, adjusted: 0, rejected: 0,
		stored: { sql: 'select ticket_id, length(subject)::integer as n from raw_generic_tickets order by 1', rows: [{ ticket_id: 'u1', n: 3_000_000 }, { ticket_id: 'u2', n: 5 }] }
	},
	// ---------- impossible and boundary values ----------
	{
		dir: '21-before-created-boundaries', adapter: 'generic', wrong: 'first response 5 min, 6 min and 5 min 1 s before creation',
		status: 'ok', read: 4, accepted: 4, adjusted: 3, rejected: 0,
		stored: {
			sql: `select ticket_id, ${utc('first_response_at')} from raw_generic_tickets order by 1`,
			rows: [
				{ ticket_id: 'v1', first_response_at: '2026-03-02T09:00:00Z' },
				{ ticket_id: 'v2', first_response_at: null },
				{ ticket_id: 'v3', first_response_at: null },
				{ ticket_id: 'v4', first_response_at: '2026-03-02T09:30:00Z' }
			]
		}
	},
	{
		dir: '22-solve-after-final-solve', adapter: 'generic', wrong: 'solved_at after final_solved_at',
		status: 'ok', read: 2, accepted: 2, adjusted: 1, rejected: 0,
		stored: {
			sql: `select ticket_id, ${utc('solved_at')} from raw_generic_tickets order by 1`,
			rows: [{ ticket_id: 'w1', solved_at: '2026-03-02T11:00:00Z' }, { ticket_id: 'w2', solved_at: '2026-03-02T10:00:00Z' }]
		}
	},
	{
		dir: '23-created-1990-boundary', adapter: 'generic', wrong: 'created 1990-01-01T00:00:00Z (first instant allowed) and one second before',
		status: 'ok', read: 2, accepted: 1, adjusted: 0, rejected: 1, line: 3, column: 'created_at', reason: outside('1989-12-31T23:59:59Z'),
		stored: { sql: `select ticket_id, ${utc('created_at')} from raw_generic_tickets`, rows: [{ ticket_id: 'x1', created_at: '1990-01-01T00:00:00Z' }] }
	},
	{
		dir: '24-created-infinity', adapter: 'generic', wrong: 'created_at infinity and -infinity',
		status: 'ok', read: 3, accepted: 1, adjusted: 0, rejected: 2,
		rejects: [
			{ line: 2, column: 'created_at', reason: outside('infinity') },
			{ line: 3, column: 'created_at', reason: outside('-infinity') }
		]
	},
	{
		dir: '25-created-placeholder-years', adapter: 'generic', wrong: 'created_at 1970 epoch, 0001, 9999, year 294247, 2099',
		status: 'ok', read: 6, accepted: 1, adjusted: 0, rejected: 5,
		rejects: [
			{ line: 2, column: 'created_at', reason: outside('1970-01-01T00:00:00Z') },
			{ line: 3, column: 'created_at', reason: outside('0001-01-01T00:00:00Z') },
			{ line: 4, column: 'created_at', reason: outside('9999-12-31T23:59:59Z') },
			{ line: 5, column: 'created_at', reason: outside('294247-01-01 00:00:00') },
			{ line: 6, column: 'created_at', reason: outside('2099-06-01T00:00:00Z') }
		]
	},
	{
		dir: '26-optional-outside-window', adapter: 'generic', wrong: 'first response 1970, solves 9999-12-31, closed_at infinity',
		status: 'ok', read: 4, accepted: 4, adjusted: 3, rejected: 0,
		stored: {
			sql: `select ticket_id, ${utc('first_response_at')}, ${utc('solved_at')}, ${utc('final_solved_at')}, ${utc('closed_at')} from raw_generic_tickets order by 1`,
			rows: [
				{ ticket_id: 'aa1', first_response_at: null, solved_at: null, final_solved_at: null, closed_at: null },
				{ ticket_id: 'aa2', first_response_at: null, solved_at: null, final_solved_at: null, closed_at: null },
				{ ticket_id: 'aa3', first_response_at: '2026-03-02T09:10:00Z', solved_at: '2026-03-02T10:00:00Z', final_solved_at: '2026-03-02T10:00:00Z', closed_at: null },
				{ ticket_id: 'aa4', first_response_at: '2026-03-02T09:10:00Z', solved_at: null, final_solved_at: null, closed_at: null }
			]
		}
	},
	{
		dir: '27-bad-optional-timestamps', adapter: 'generic', wrong: 'first_response_at "soon", solved_at 30 February',
		status: 'ok', read: 3, accepted: 1, adjusted: 0, rejected: 2,
		rejects: [
			{ line: 2, column: 'first_response_at', reason: badTs('soon') },
			{ line: 3, column: 'solved_at', reason: badTs('2026-02-30T10:00:00Z') }
		]
	},
	{
		dir: '28-bad-counts', adapter: 'generic', wrong: 'reopens 1.5, 0x1F, 1_000, 1e3, 10000000000',
		status: 'ok', read: 6, accepted: 1, adjusted: 0, rejected: 5,
		rejects: [
			{ line: 2, column: 'reopens', reason: notWhole('1.5') },
			{ line: 3, column: 'reopens', reason: notWhole('0x1F') },
			{ line: 4, column: 'reopens', reason: notWhole('1_000') },
			{ line: 5, column: 'reopens', reason: notWhole('1e3') },
			{ line: 6, column: 'reopens', reason: notWhole('10000000000') }
		]
	},
	{
		dir: '29-counts-2-0-and-plus', adapter: 'generic', wrong: 'reopens 2.0 and +4, agent_replies 3.00',
		status: 'ok', read: 3, accepted: 3, adjusted: 0, rejected: 0,
		stored: {
			sql: 'select ticket_id, reopens, agent_replies from raw_generic_tickets order by 1',
			rows: [
				{ ticket_id: 'ad1', reopens: 2, agent_replies: 1 },
				{ ticket_id: 'ad2', reopens: 4, agent_replies: 0 },
				{ ticket_id: 'ad3', reopens: 0, agent_replies: 3 }
			]
		}
	},
	{
		dir: '30-numbers-below-floor', adapter: 'generic', wrong: 'reopens -1, agent_replies -3, handle_time_min -5',
		status: 'ok', read: 4, accepted: 4, adjusted: 3, rejected: 0,
		stored: {
			sql: 'select ticket_id, reopens, agent_replies, handle_time_min from raw_generic_tickets order by 1',
			rows: [
				{ ticket_id: 'fl1', reopens: null, agent_replies: 1, handle_time_min: 10 },
				{ ticket_id: 'fl2', reopens: 0, agent_replies: null, handle_time_min: 10 },
				{ ticket_id: 'fl3', reopens: 0, agent_replies: 1, handle_time_min: null },
				{ ticket_id: 'fl4', reopens: 0, agent_replies: 1, handle_time_min: 0 }
			]
		}
	},
	{
		dir: '31-csat-1-5', adapter: 'generic', wrong: 'CSAT 1, 5, good, Bad (first import: scale 1-5)',
		status: 'ok', read: 4, accepted: 4, adjusted: 0, rejected: 0,
		stored: { sql: 'select scale from source_csat_scales', rows: [{ scale: '1-5' }] }
	},
	{
		dir: '32-csat-6-after-1-5', adapter: 'generic', before: 'earlier', wrong: 'CSAT 6 on a source an earlier import set to 1-5 (earlier/ holds that import)',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 4, column: 'csat_score', reason: `expected 1-5 (the source's scale), good or bad, got "6"`
	},
	{
		dir: '33-csat-decided-0-10', adapter: 'generic', wrong: 'CSAT 0, 7, 10 and 11 (first import: scale 0-10)',
		status: 'ok', read: 4, accepted: 3, adjusted: 0, rejected: 1, line: 5, column: 'csat_score', reason: `expected 0-10 (the source's scale), good or bad, got "11"`,
		stored: { sql: 'select scale from source_csat_scales', rows: [{ scale: '0-10' }] }
	},
	{
		dir: '34-csat-not-integer', adapter: 'generic', wrong: 'CSAT 4.5 and 0x5 (and " 4 " with spaces)',
		status: 'ok', read: 4, accepted: 2, adjusted: 0, rejected: 2,
		rejects: [
			{ line: 2, column: 'csat_score', reason: `expected 1-5 (the source's scale), good or bad, got "4.5"` },
			{ line: 3, column: 'csat_score', reason: `expected 1-5 (the source's scale), good or bad, got "0x5"` }
		]
	},
	{
		dir: '35-duplicate-id', adapter: 'generic', wrong: 'ticket_id twice in the file',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 4, column: 'ticket_id', reason: 'duplicate ticket_id in this file (first at line 2)',
		stored: { sql: subjects, rows: [{ ticket_id: 'ai1', subject: 'first copy' }, { ticket_id: 'ai2', subject: 'other' }] }
	},
	{
		dir: '36-duplicate-id-padded-and-case', adapter: 'generic', wrong: '" aj1 " repeats aj1 (trimmed); AJ1 is another id',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 3, column: 'ticket_id', reason: 'duplicate ticket_id in this file (first at line 2)',
		stored: { sql: 'select ticket_id from raw_generic_tickets order by 1', rows: [{ ticket_id: 'AJ1' }, { ticket_id: 'aj1' }] }
	},
	{
		dir: '37-duplicate-first-rejected', adapter: 'generic', wrong: 'first copy of an id has a bad created_at, second copy is fine',
		// The unreadable first copy is rejected; the second, good copy is the ticket.
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1,
		rejects: [{ line: 2, column: 'created_at', reason: badTs('yesterday') }],
		stored: { sql: subjects, rows: [{ ticket_id: 'ak1', subject: 'good second copy' }, { ticket_id: 'ak2', subject: 'other' }] }
	},
	{
		dir: '38-too-many-fields', adapter: 'generic', wrong: 'an unquoted comma makes 5 fields; trailing empty fields',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 3, column: null, reason: 'the row has more fields than the header (4)',
		stored: { sql: subjects, rows: [{ ticket_id: 'al1', subject: 'fine' }, { ticket_id: 'al3', subject: 'trailing empties' }] }
	},
	{
		dir: '39-fewer-fields-mid', adapter: 'generic', wrong: 'a record with 3 of 5 fields, not the last',
		status: 'ok', read: 2, accepted: 2, adjusted: 0, rejected: 0,
		stored: {
			sql: 'select ticket_id, subject, priority from raw_generic_tickets order by 1',
			rows: [{ ticket_id: 'am1', subject: null, priority: null }, { ticket_id: 'am2', subject: 'full', priority: 'P2' }]
		}
	},
	{
		dir: '40-status-no-ticket', adapter: 'generic', wrong: 'status spam, Deleted, TRASH',
		status: 'ok', read: 4, accepted: 1, adjusted: 0, rejected: 3,
		rejects: [
			{ line: 2, column: 'status', reason: noTicket('spam') },
			{ line: 3, column: 'status', reason: noTicket('Deleted') },
			{ line: 4, column: 'status', reason: noTicket('TRASH') }
		]
	},
	{
		dir: '41-unknown-vocabulary', adapter: 'generic', wrong: 'unknown status, priority, channel and tier values',
		status: 'ok', read: 3, accepted: 3, adjusted: 0, rejected: 0,
		stored: {
			sql: 'select ticket_id, status, priority, channel, tier from raw_generic_tickets order by 1',
			rows: [
				{ ticket_id: 'ao1', status: 'open', priority: 'P2', channel: 'carrier_pigeon', tier: null },
				{ ticket_id: 'ao2', status: 'pending', priority: null, channel: 'outbound', tier: null },
				{ ticket_id: 'ao3', status: 'solved', priority: null, channel: 'email', tier: 'T2' }
			]
		}
	},
	{
		dir: '42-empty-lines', adapter: 'generic', wrong: 'empty lines between and after records',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 6, column: 'created_at', reason: badTs('yesterday')
	},
	{
		dir: '43-commas-only-row', adapter: 'generic', wrong: 'a row of separators only (",,")',
		status: 'ok', read: 2, accepted: 1, adjusted: 0, rejected: 1,
		rejects: [
			{ line: 3, column: 'created_at', reason: EMPTY },
			{ line: 3, column: 'status', reason: EMPTY },
			{ line: 3, column: 'ticket_id', reason: EMPTY }
		]
	},
	{ dir: '44-header-only', adapter: 'generic', wrong: 'the header and no record', status: 'ok', read: 0, accepted: 0, adjusted: 0, rejected: 0 },
	{ dir: '45-empty-file', adapter: 'generic', wrong: 'an empty file (0 bytes)', status: 'failed', read: 0, accepted: 0, adjusted: 0, rejected: 0, error: 'is empty (no header line)' },
	{ dir: '46-blank-lines-only', adapter: 'generic', wrong: 'line breaks only', status: 'failed', read: 0, accepted: 0, adjusted: 0, rejected: 0, error: 'is empty (no header line)' },
	{
		dir: '47-unknown-extra-columns', adapter: 'generic', wrong: 'columns the format does not know (sentiment, Region Code), kept with --keep-extra',
		status: 'ok', read: 2, accepted: 2, adjusted: 0, rejected: 0, extraColumns: ['sentiment', 'Region Code'], keepExtra: true, twice: true,
		stored: {
			sql: `select ticket_id, extra->>'$.sentiment' as sentiment, extra->>'$."Region Code"' as region from raw_generic_tickets order by 1`,
			rows: [{ ticket_id: 'ar1', sentiment: 'angry', region: 'EU-1' }, { ticket_id: 'ar2', sentiment: null, region: 'US' }]
		}
	},
	{
		dir: '48-header-missing-ticket-id', adapter: 'generic', wrong: 'header says id, not ticket_id',
		status: 'failed', read: 0, accepted: 0, adjusted: 0, rejected: 0, error: 'column ticket_id: missing required column ticket_id'
	},
	{
		dir: '49-header-duplicate-column', adapter: 'generic', wrong: 'header names status twice (status, Status)',
		status: 'failed', read: 0, accepted: 0, adjusted: 0, rejected: 0, error: 'the header names Status more than once'
	},
	{
		dir: '50-header-unterminated-quote', adapter: 'generic', wrong: 'a quote never closed in the header',
		status: 'failed', read: 0, accepted: 0, adjusted: 0, rejected: 0, error: 'cannot be read as CSV: the header has a quote that is never closed'
	},
	{
		dir: '51-nul-byte', adapter: 'generic', wrong: 'a NUL byte inside a subject',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 3, column: 'subject', reason: NUL
	},
	// ---------- not CSV at all ----------
	{
		dir: '52-png-renamed', adapter: 'generic', wrong: 'a PNG image named tickets.csv',
		status: 'failed', read: 0, accepted: 0, adjusted: 0, rejected: 0, error: 'missing required columns ticket_id, created_at, status'
	},
	{
		dir: '53-gzip-renamed', adapter: 'generic', wrong: 'a gzip file named tickets.csv',
		status: 'failed', read: 0, accepted: 0, adjusted: 0, rejected: 0, error: 'cannot be read as CSV: the header holds a NUL byte'
	},
	{
		dir: '54-zip-renamed', adapter: 'generic', wrong: 'a zip archive named tickets.csv',
		status: 'failed', read: 0, accepted: 0, adjusted: 0, rejected: 0, error: 'cannot be read as CSV: the header holds a NUL byte'
	},
	// ---------- re-import and other shapes ----------
	{
		dir: '55-reimport-twice', adapter: 'generic', twice: true, wrong: 'the same folder imported twice (one bad row)',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 4, column: 'created_at', reason: badTs('yesterday')
	},
	{
		dir: '56-padded-values', adapter: 'generic', wrong: 'spaces around every value, OPEN and High in other case',
		status: 'ok', read: 1, accepted: 1, adjusted: 0, rejected: 0,
		stored: { sql: 'select ticket_id, status, priority from raw_generic_tickets', rows: [{ ticket_id: 'ax1', status: 'open', priority: 'P2' }] }
	},
	{
		dir: '57-case-insensitive-header', adapter: 'generic', wrong: 'header Ticket_ID, Created_At, STATUS',
		status: 'ok', read: 1, accepted: 1, adjusted: 0, rejected: 0
	},
	{
		dir: '58-bool-and-double', adapter: 'generic', wrong: 'outbound "maybe", handle_time_min NaN (and 0)',
		status: 'ok', read: 4, accepted: 2, adjusted: 0, rejected: 2,
		rejects: [
			{ line: 2, column: 'outbound', reason: 'expected true or false, got "maybe"' },
			{ line: 3, column: 'handle_time_min', reason: 'expected a number, got "NaN"' }
		],
		stored: {
			sql: 'select ticket_id, outbound, handle_time_min from raw_generic_tickets order by 1',
			rows: [{ ticket_id: 'az3', outbound: false, handle_time_min: 0 }, { ticket_id: 'az4', outbound: true, handle_time_min: 12.5 }]
		}
	},
	{
		dir: '59-offsets-and-naive', adapter: 'generic', wrong: 'naive time, +0530, " +05:30", a date alone',
		status: 'ok', read: 4, accepted: 4, adjusted: 0, rejected: 0,
		stored: {
			sql: `select ticket_id, ${utc('created_at')} from raw_generic_tickets order by 1`,
			rows: [
				{ ticket_id: 'ba1', created_at: '2026-03-02T09:00:00Z' },
				{ ticket_id: 'ba2', created_at: '2026-03-02T04:30:00Z' },
				{ ticket_id: 'ba3', created_at: '2026-03-02T04:30:00Z' },
				{ ticket_id: 'ba4', created_at: '2026-03-02T00:00:00Z' }
			]
		}
	},
	{
		dir: '60-local-date-unreadable', adapter: 'generic', wrong: 'created_at "45/45/2026 09:00" among ISO times',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 3, column: 'created_at', reason: badTs('45/45/2026 09:00')
	},
	{
		dir: '61-tabs-utf8', adapter: 'generic', wrong: 'UTF-8 tab-separated, a comma and a quoted tab in values',
		status: 'ok', read: 2, accepted: 2, adjusted: 0, rejected: 0,
		stored: { sql: subjects, rows: [{ ticket_id: 'bc1', subject: 'comma, inside' }, { ticket_id: 'bc2', subject: 'quoted\ttab' }] }
	},
	{
		dir: '62-semicolons-utf8', adapter: 'generic', wrong: 'UTF-8 semicolon-separated, a comma and a quoted semicolon in values',
		status: 'ok', read: 2, accepted: 2, adjusted: 0, rejected: 0,
		stored: { sql: subjects, rows: [{ ticket_id: 'bd1', subject: 'a, b' }, { ticket_id: 'bd2', subject: 'x;y' }] }
	},
	// ---------- generic: the other files ----------
	{
		dir: '63-orgs-duplicate-id', adapter: 'generic', wrong: 'orgs.csv: org_id twice',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 4, column: 'org_id', reason: 'duplicate org_id in this file (first at line 2)',
		stored: { sql: 'select org_id, name from raw_generic_orgs order by 1', rows: [{ org_id: 'bo1', name: 'Acme' }, { org_id: 'bo2', name: 'Globex' }] }
	},
	{
		dir: '64-orgs-bad-values', adapter: 'generic', wrong: 'orgs.csv: seats 2.5, segment vip, zone Mars/Olympus, signup 1970',
		status: 'ok', read: 5, accepted: 2, adjusted: 1, rejected: 3,
		rejects: [
			{ line: 3, column: 'seats', reason: notWhole('2.5') },
			{ line: 4, column: 'segment', reason: 'expected scaled, blended or high_touch, got "vip"' },
			{ line: 5, column: 'timezone', reason: 'expected an IANA time zone such as America/New_York, got "Mars/Olympus"' }
		],
		stored: {
			sql: `select org_id, arr, ${utc('signup_at')} from raw_generic_orgs order by 1`,
			rows: [{ org_id: 'bp1', arr: 100, signup_at: '2025-01-01T00:00:00Z' }, { org_id: 'bp5', arr: 1000, signup_at: null }]
		}
	},
	{
		dir: '65-schedules-close-before-open', adapter: 'generic', wrong: 'schedules.csv: close 08:00 before open 17:00; close = open',
		status: 'ok', read: 4, accepted: 2, adjusted: 0, rejected: 2,
		rejects: [
			{ line: 3, column: 'close_time', reason: 'must be later than open_time (08:00 <= 17:00): write an overnight interval as two rows' },
			{ line: 4, column: 'close_time', reason: 'must be later than open_time (09:00 <= 09:00)' }
		]
	},
	{
		dir: '66-schedules-bad-values', adapter: 'generic', wrong: 'schedules.csv: weekday 8 and 0, 25:00, unknown zone, duplicate interval',
		status: 'ok', read: 6, accepted: 1, adjusted: 0, rejected: 5,
		rejects: [
			{ line: 3, column: 'weekday', reason: 'expected a weekday 1 (Monday) .. 7 (Sunday), got "8"' },
			{ line: 4, column: 'weekday', reason: 'expected a weekday 1 (Monday) .. 7 (Sunday), got "0"' },
			{ line: 5, column: 'close_time', reason: 'expected a time HH:MM (24:00 for end of day), got "26:00"' },
			{ line: 5, column: 'open_time', reason: 'expected a time HH:MM (24:00 for end of day), got "25:00"' },
			{ line: 6, column: 'timezone', reason: 'expected an IANA time zone such as America/New_York, got "Nowhere/City"' },
			{ line: 7, column: 'schedule_id, weekday, open_time', reason: 'duplicate schedule_id + weekday + open_time in this file (first at line 2)' }
		]
	},
	{
		dir: '67-sla-policies-bad-values', adapter: 'generic', wrong: 'sla_policies.csv: priority "whenever", no plan, target "abc"',
		status: 'ok', read: 5, accepted: 2, adjusted: 0, rejected: 3,
		rejects: [
			{ line: 3, column: 'priority', reason: 'expected P0..P4 or urgent, high, normal, low, got "whenever"' },
			{ line: 5, column: 'plan', reason: EMPTY },
			{ line: 6, column: 'frt_target_min', reason: 'expected a number, got "abc"' }
		],
		stored: {
			sql: 'select plan, priority, frt_target_min from raw_generic_sla_policies order by 1',
			rows: [{ plan: 'basic', priority: null, frt_target_min: 30 }, { plan: 'pro', priority: 'urgent', frt_target_min: 60 }]
		}
	},
	{
		dir: '68-costs-bad-values', adapter: 'generic', wrong: 'costs.csv: amount -5000 (no floor), cost_type salaries, 30 February, no amount, duplicate',
		status: 'ok', read: 6, accepted: 2, adjusted: 0, rejected: 4,
		rejects: [
			{ line: 4, column: 'cost_type', reason: 'expected agents, tools, outsourcing or other, got "salaries"' },
			{ line: 5, column: 'period_start', reason: 'expected a date YYYY-MM-DD, got "2026-02-30"' },
			{ line: 6, column: 'amount', reason: EMPTY },
			{ line: 7, column: 'period_start, period_end, cost_type, channel', reason: 'duplicate period_start + period_end + cost_type + channel in this file (first at line 2)' }
		],
		stored: {
			sql: 'select cost_type, amount, agent_fte from raw_generic_costs order by 1',
			rows: [{ cost_type: 'agents', amount: -5000, agent_fte: 4 }, { cost_type: 'tools', amount: 300, agent_fte: 2 }]
		}
	},
	{
		dir: '69-costs-fte-below-floor', adapter: 'generic', wrong: 'costs.csv: agent_fte -2',
		status: 'ok', read: 2, accepted: 2, adjusted: 1, rejected: 0,
		stored: { sql: 'select cost_type, agent_fte from raw_generic_costs order by 1', rows: [{ cost_type: 'agents', agent_fte: null }, { cost_type: 'tools', agent_fte: null }] }
	},
	{
		dir: '70-holidays-bad-date', adapter: 'generic', wrong: 'holidays.csv: date 25/12/2026, a holiday twice',
		status: 'ok', read: 3, accepted: 1, adjusted: 0, rejected: 2,
		rejects: [
			{ line: 3, column: 'date', reason: 'expected a date YYYY-MM-DD, got "25/12/2026"' },
			{ line: 4, column: 'schedule_id, date', reason: 'duplicate schedule_id + date in this file (first at line 2)' }
		]
	},
	{
		dir: '71-self-service-bad-values', adapter: 'generic', wrong: 'self_service.csv: kind chatbot, handed_off "perhaps", started 1970',
		status: 'ok', read: 4, accepted: 1, adjusted: 0, rejected: 3,
		rejects: [
			{ line: 3, column: 'kind', reason: 'expected kb, search, bot or community, got "chatbot"' },
			{ line: 4, column: 'handed_off', reason: 'expected true or false, got "perhaps"' },
			{ line: 5, column: 'started_at', reason: outside('1970-01-01T00:00:00Z') }
		]
	},
	// ---------- zendesk-csv ----------
	{
		dir: '72-zendesk-csv-rounding', adapter: 'zendesk-csv', wrong: 'created + "First resolution time in minutes" (241) lands 1 min after "Solved at"',
		status: 'ok', read: 2, accepted: 2, adjusted: 1, rejected: 0,
		stored: {
			sql: `select ticket_id, ${utc('solved_at')}, ${utc('final_solved_at')} from raw_generic_tickets order by 1`,
			rows: [
				{ ticket_id: '201', solved_at: '2026-03-02T13:00:00Z', final_solved_at: '2026-03-02T13:00:00Z' },
				{ ticket_id: '202', solved_at: '2026-03-03T10:00:00Z', final_solved_at: '2026-03-03T10:00:00Z' }
			]
		}
	},
	{
		dir: '73-zendesk-csv-unterminated-subject', adapter: 'zendesk-csv', wrong: 'a Subject opening a quote it never closes',
		status: 'ok', read: 4, accepted: 3, adjusted: 0, rejected: 1, line: 3, column: 'Subject', reason: NEVER_CLOSED
	},
	{
		dir: '74-zendesk-csv-latin1-resave', adapter: 'zendesk-csv', wrong: 'the export re-saved as Windows-1252 with CRLF',
		status: 'ok', read: 2, accepted: 2, adjusted: 0, rejected: 0,
		stored: {
			sql: 'select ticket_id, subject, group_name from raw_generic_tickets order by 1',
			rows: [
				{ ticket_id: '401', subject: 'Réclamation facture', group_name: 'Support Français' },
				{ ticket_id: '402', subject: 'Größe der Rechnung – 20 €', group_name: 'Support Français' }
			]
		}
	},
	{
		dir: '75-zendesk-csv-missing-created', adapter: 'zendesk-csv', wrong: '"Created at" empty and "-"',
		status: 'ok', read: 3, accepted: 1, adjusted: 0, rejected: 2,
		rejects: [
			{ line: 2, column: 'Created at', reason: EMPTY },
			{ line: 3, column: 'Created at', reason: EMPTY }
		]
	},
	// ---------- freshdesk-csv ----------
	{
		dir: '76-freshdesk-csv-semicolons', adapter: 'freshdesk-csv', wrong: 'the export re-saved with semicolons and CRLF, a multi-line Description',
		status: 'ok', read: 4, accepted: 4, adjusted: 0, rejected: 0,
		stored: {
			sql: 'select ticket_id, status, tags from raw_generic_tickets order by 1',
			rows: [
				{ ticket_id: '1001', status: 'closed', tags: 'billing;vat' },
				{ ticket_id: '1002', status: 'solved', tags: 'export;bug' },
				{ ticket_id: '1003', status: 'pending', tags: null },
				{ ticket_id: '1005', status: 'open', tags: null }
			]
		}
	},
	{
		dir: '77-freshdesk-csv-unknown-status', adapter: 'freshdesk-csv', wrong: 'custom statuses Awaiting Parts, Escalated (resolved), Pending with customer',
		status: 'ok', read: 4, accepted: 4, adjusted: 0, rejected: 0,
		stored: {
			sql: 'select ticket_id, status from raw_generic_tickets order by 1',
			rows: [
				{ ticket_id: '1101', status: 'open' },
				{ ticket_id: '1102', status: 'solved' },
				{ ticket_id: '1103', status: 'pending' },
				{ ticket_id: '1104', status: 'pending' }
			]
		}
	},
	{
		dir: '78-freshdesk-csv-bad-date', adapter: 'freshdesk-csv', wrong: 'Created time 2026-03-32, Initial response time "soon"',
		status: 'ok', read: 3, accepted: 1, adjusted: 0, rejected: 2,
		rejects: [
			{ line: 3, column: 'Created time', reason: badTs('2026-03-32 09:00:00') },
			{ line: 4, column: 'Initial response time', reason: badTs('soon') }
		]
	},
	// ---------- zendesk-api ----------
	{
		dir: '79-zendesk-api-no-created-at', adapter: 'zendesk-api', wrong: 'a ticket without created_at',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 2, column: 'created_at', reason: EMPTY
	},
	{
		dir: '80-zendesk-api-not-json', adapter: 'zendesk-api', wrong: 'an HTML error page saved as tickets.json',
		status: 'thrown', read: 0, accepted: 0, adjusted: 0, rejected: 0, error: 'holds no file that Zendesk API JSON (incremental ticket export) reads'
	},
	{
		dir: '81-zendesk-api-truncated', adapter: 'zendesk-api', wrong: 'a page cut off inside its second ticket',
		status: 'failed', read: 0, accepted: 0, adjusted: 0, rejected: 0, error: 'cannot be read as Zendesk API JSON ("tickets")'
	},
	{
		dir: '82-zendesk-api-duplicate-in-page', adapter: 'zendesk-api', wrong: 'one page lists ticket 701 twice (open, then solved)',
		status: 'ok', read: 2, accepted: 2, adjusted: 0, rejected: 0,
		stored: { sql: 'select ticket_id, status from raw_generic_tickets order by 1', rows: [{ ticket_id: '701', status: 'solved' }, { ticket_id: '702', status: 'open' }] }
	},
	// ---------- freshdesk-api ----------
	{
		dir: '83-freshdesk-api-no-created-at', adapter: 'freshdesk-api', wrong: 'a ticket without created_at',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 2, column: 'created_at', reason: EMPTY
	},
	{
		dir: '84-freshdesk-api-not-json', adapter: 'freshdesk-api', wrong: 'CSV text saved as tickets.json',
		status: 'thrown', read: 0, accepted: 0, adjusted: 0, rejected: 0, error: 'holds no file that Freshdesk API tickets JSON reads'
	},
	{
		dir: '85-freshdesk-api-truncated', adapter: 'freshdesk-api', wrong: 'an array cut off inside its second ticket',
		status: 'failed', read: 0, accepted: 0, adjusted: 0, rejected: 0, error: 'tickets.json: cannot be read as JSON'
	},
	// ---------- intercom ----------
	{
		dir: '86-intercom-no-created-at', adapter: 'intercom', wrong: 'a conversation with created_at null',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 2, column: 'created_at', reason: EMPTY
	},
	{
		dir: '87-intercom-not-json', adapter: 'intercom', wrong: 'a rate-limit message saved as conversations.json',
		status: 'thrown', read: 0, accepted: 0, adjusted: 0, rejected: 0, error: 'holds no file that Intercom conversations (REST API JSON) reads'
	},
	{
		dir: '88-intercom-truncated', adapter: 'intercom', wrong: 'a page cut off inside its second conversation',
		status: 'failed', read: 0, accepted: 0, adjusted: 0, rejected: 0, error: 'conversations.json: cannot be read as JSON'
	},
	// ---------- helpscout ----------
	{
		dir: '89-helpscout-no-created-at', adapter: 'helpscout', wrong: 'a conversation without createdAt',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 3, column: 'createdAt', reason: EMPTY
	},
	{
		dir: '90-helpscout-not-json', adapter: 'helpscout', wrong: 'an HTML error page saved as conversations.json',
		status: 'thrown', read: 0, accepted: 0, adjusted: 0, rejected: 0, error: 'holds no file that Help Scout conversations (Mailbox API JSON) reads'
	},
	{
		dir: '91-helpscout-truncated', adapter: 'helpscout', wrong: 'a page cut off inside its second conversation',
		status: 'failed', read: 0, accepted: 0, adjusted: 0, rejected: 0, error: 'conversations.json: cannot be read as JSON'
	},
	// ---------- zendesk-tables ----------
	{
		dir: '92-zendesk-tables-broken-quote', adapter: 'zendesk-tables', wrong: 'ticket.csv: a description opening a quote it never closes',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 3, column: 'description', reason: NEVER_CLOSED
	},
	{
		dir: '93-zendesk-tables-fivetran-deleted', adapter: 'zendesk-tables', wrong: 'ticket.csv: a row with _fivetran_deleted TRUE',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1
	},
	// ---------- intercom-tables ----------
	{
		dir: '94-intercom-tables-broken-quote', adapter: 'intercom-tables', wrong: 'conversation_history.csv: a source_body opening a quote it never closes',
		status: 'ok', read: 3, accepted: 2, adjusted: 0, rejected: 1, line: 3, column: 'source_body', reason: NEVER_CLOSED
	},
	{
		dir: '95-intercom-tables-missing-created', adapter: 'intercom-tables', wrong: 'conversation_history.csv: created_at empty',
		status: 'ok', read: 2, accepted: 1, adjusted: 0, rejected: 1, line: 3, column: 'created_at', reason: EMPTY
	}
];

/** The result of the file under test. */
function fileOf(expect: ExpectStatic, result: PathImportResult, c: Case): FileImportResult {
	if (c.file) {
		const file = result.files.find((f) => f.file === c.file);
		expect(file, `no result for ${c.file}`).toBeDefined();
		return file!;
	}
	expect(result.files).toHaveLength(1);
	return result.files[0];
}

const counts = (f: FileImportResult) => ({ status: f.status, read: f.rowsRead, accepted: f.rowsAccepted, adjusted: f.rowsAdjusted, rejected: f.rowsRejected });

async function rowCounts(db: Database): Promise<{ raw: number; quarantine: number; adjustments: number }> {
	const [row] = await db.query<{ raw: number; quarantine: number; adjustments: number }>(
		`select (select count(*) from raw_generic_tickets)::integer as raw,
		        (select count(*) from import_quarantine)::integer as quarantine,
		        (select count(*) from import_adjustments)::integer as adjustments`
	);
	return row;
}

async function check(c: Case, expect: ExpectStatic): Promise<void> {
	const db = await memoryDb();
	try {
		const options = { adapter: c.adapter, source: c.source ?? SOURCE, timezone: 'UTC', keepExtra: c.keepExtra ?? false };
		const path = join(FIXTURES, 'bad-input', c.dir);
		if (c.before) {
			const earlier = await importPath(db, join(path, c.before), options);
			expect(earlier.files.map((f) => f.status)).toEqual(['ok']);
		}
		let result: PathImportResult | null = null;
		let thrown: unknown = null;
		try {
			result = await importPath(db, path, options);
		} catch (e) {
			thrown = e;
		}
		if (c.status === 'thrown') {
			expect(result).toBeNull();
			expect(String((thrown as Error)?.message)).toContain(c.error!);
		} else {
			if (thrown) throw thrown;
			const file = fileOf(expect, result!, c);
			expect(counts(file)).toEqual({ status: c.status, read: c.read, accepted: c.accepted, adjusted: c.adjusted, rejected: c.rejected });
			if (c.status === 'ok') {
				expect(file.rowsRead).toBe(file.rowsAccepted + file.rowsRejected);
				expect(file.error).toBeNull();
			} else {
				expect(file.error).toContain(c.error!);
			}
			if (c.reason !== undefined) {
				expect(file.rejects.length).toBeGreaterThan(0);
				expect(file.rejects[0].reason).toContain(c.reason);
				if (c.line !== undefined) expect(file.rejects[0].line).toBe(c.line);
				if (c.column !== undefined) expect(file.rejects[0].column).toBe(c.column);
			}
			if (c.rejects) {
				expect(file.rejects.map((r) => ({ line: r.line, column: r.column }))).toEqual(c.rejects.map((r) => ({ line: r.line, column: r.column })));
				c.rejects.forEach((r, i) => expect(file.rejects[i].reason).toContain(r.reason));
			}
			if (c.extraColumns) expect(file.extraColumns).toEqual(c.extraColumns);
		}
		if (c.stored) expect(await db.query(c.stored.sql)).toEqual(c.stored.rows);
		if (c.twice) {
			const before = await rowCounts(db);
			const again = await importPath(db, path, options);
			expect(counts(fileOf(expect, again, c))).toEqual({ status: c.status, read: c.read, accepted: c.accepted, adjusted: c.adjusted, rejected: c.rejected });
			expect(await rowCounts(db)).toEqual(before);
		}
		expect(await failingChecks(db)).toEqual({});
	} finally {
		await db.close();
	}
}

describe.concurrent('the bad-input corpus (test/fixtures/bad-input)', () => {
	for (const c of CASES) {
		it(`${c.dir} [${c.adapter}]: ${c.wrong}`, ({ expect }) => check(c, expect));
	}
});
