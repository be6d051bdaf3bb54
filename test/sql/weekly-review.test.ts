import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { importPath } from '../../src/lib/server/ingest/import-path';
import { computeWeeklyReview, parseReviewQuery } from '../../src/lib/server/metrics/weekly-review';
import { renderReviewHtml, renderReviewMarkdown } from '../../src/lib/review/render';
import { parseKpiQuery } from '../../src/lib/filters';
import { memoryDb, tempFolder } from '../helpers/db';

// Week 2026-W09 (Feb 23-Mar 1): 5 premium and 5 standard tickets; week 2026-W10 (Mar 2-8):
// 15 premium and 5 standard. Tickets created rise 100 % (10 -> 20), premium 200 % (5 -> 15),
// standard 0 %: premium drives it. Every ticket is answered after 60 minutes and solved.
function tickets(): string {
	const lines = ['ticket_id,created_at,status,priority,org_id,first_response_at,solved_at'];
	let n = 0;
	const add = (day: string, org: string, count: number) => {
		for (let i = 0; i < count; i++) {
			n++;
			lines.push(`t${n},${day}T1${i % 8}:00:00Z,solved,P3,${org},${day}T1${(i % 8) + 1}:00:00Z,${day}T1${(i % 8) + 1}:30:00Z`);
		}
	};
	add('2026-02-24', 'prem', 5);
	add('2026-02-25', 'std', 5);
	add('2026-03-03', 'prem', 15);
	add('2026-03-04', 'std', 5);
	return lines.join('\n') + '\n';
}

describe('the weekly review document', () => {
	let db: Database;
	const AS_OF = '2026-03-10T00:00:00Z';
	beforeAll(async () => {
		db = await memoryDb();
		await importPath(db, tempFolder({ 'orgs.csv': 'org_id,plan\nprem,premium\nstd,standard\n', 'tickets.csv': tickets() }), { adapter: 'generic' });
	});
	afterAll(() => db.close());

	const review = () => {
		const search = new URLSearchParams(`as_of=${AS_OF}&hours=calendar`);
		return computeWeeklyReview(db, parseReviewQuery(search, parseKpiQuery(search)));
	};

	it('reviews the last complete week with its change and 12-week trend', async () => {
		const r = await review();
		expect(r.meta).toMatchObject({ week: '2026-W10', week_start: '2026-03-02', previous_week: '2026-W09', hours: 'calendar' });
		const created = r.headlines.find((h) => h.id === 'tickets_created')!;
		expect(created).toMatchObject({ value: 20, previous: 10, change: { kind: 'relative', value: 1 } });
		expect(created.trend).toHaveLength(12);
		expect(created.trend.slice(-2)).toEqual([10, 20]);
		expect(r.headlines.find((h) => h.id === 'frt_median_min')).toMatchObject({ value: 60, previous: 60, change: { kind: 'relative', value: 0 } });
	});

	it('says what changed, and which plan drove it', async () => {
		const r = await review();
		expect(r.changes).toContain('Tickets created rose 100 % to 20 (from 10), driven by the premium plan (+200 %).');
		expect(r.changes).toContain('Tickets solved rose 100 % to 20 (from 10), driven by the premium plan (+200 %).');
	});

	it('shows a week under way as "so far", without a change against a whole week', async () => {
		// as_of is Tuesday 2026-03-10: W11 has two days of data (none in this fixture).
		const search = new URLSearchParams(`as_of=${AS_OF}&hours=calendar&week=2026-W11`);
		const r = await computeWeeklyReview(db, parseReviewQuery(search, parseKpiQuery(search)));
		expect(r.meta.complete).toBe(false);
		const created = r.headlines.find((h) => h.id === 'tickets_created')!;
		// Before, this read "Tickets created fell 100 % to 0".
		expect(created).toMatchObject({ previous: 20, change: null });
		expect(r.changes).toEqual([]);
		expect(r.meta.notes[0]).toBe(`2026-W11 is not over as of ${AS_OF.replace('Z', '.000Z')}: its numbers are so far, and no change is computed against 2026-W10`);
		expect(renderReviewMarkdown(r)).toContain('# Weekly review 2026-W11 so far');
	});

	it('gives no all-clear for a week without tickets', async () => {
		const search = new URLSearchParams(`as_of=${AS_OF}&hours=calendar&week=2026-W02`);
		const r = await computeWeeklyReview(db, parseReviewQuery(search, parseKpiQuery(search)));
		expect(r.flags).toEqual([]);
		// Before, an empty week read "No flags: every hiring trigger and alert is within its threshold."
		expect(renderReviewMarkdown(r)).toContain('- Nothing to flag: no tickets in this week.');
		// A week with tickets says "no" to hiring in words of its own, beside the alerts.
		const md = renderReviewMarkdown(await review());
		expect(md).toContain('- No hiring trigger this week.\n- No flags: every alert is within its threshold.');
	});

	it('refuses a week that has not begun, naming the week under way', () => {
		const search = new URLSearchParams(`as_of=${AS_OF}&week=2026-W12`);
		expect(() => parseReviewQuery(search, parseKpiQuery(search))).toThrow(/^2026-W12 has not begun as of .*: the latest week is 2026-W11, still under way$/);
	});

	it('renders Markdown, self-contained HTML with inline SVG, and PDF', async () => {
		const r = await review();
		const md = renderReviewMarkdown(r);
		expect(md).toContain('# Weekly review 2026-W10');
		expect(md).toContain('| Tickets created | 20 | 10 | +100 % |');
		// The outlook from the ticket forecast closes the document (its sentences: test/unit/review-next.test.ts).
		expect(md).toContain(`## Next: staffing outlook\n\n- ${r.next.staffing[0]}`);
		expect(md).toContain('## Next: anomalies\n\n- ');
		expect(md).toContain('## Next: running pilots\n\n- No pilot ran this week (add one on the Pilots page or with deskpulse pilot add).');
		expect(r.next.staffing[0]).toMatch(/^(Tickets: [\d,]+ expected in \d{4}-W\d\d|No forecast: )/);
		const html = renderReviewHtml(r);
		expect(html).toContain('<h2>Next: staffing outlook</h2>');
		expect(html).toContain('<svg');
		expect(html).not.toMatch(/<script|<link|src="http/);
		// PDF through Debian's Chromium, as `deskpulse review --format pdf` does (CI installs it).
		const dir = mkdtempSync(join(tmpdir(), 'deskpulse-review-test-'));
		const dbFile = join(dir, 'review.duckdb');
		const folder = tempFolder({ 'orgs.csv': 'org_id,plan\nprem,premium\nstd,standard\n', 'tickets.csv': tickets() });
		const cli = (args: string[]) => execFileSync(process.execPath, ['bin/deskpulse.js', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
		cli(['import', folder, '--db', dbFile]);
		cli(['review', '--week', '2026-W10', '--as-of', AS_OF, '--format', 'pdf', '--out', join(dir, 'review.pdf'), '--db', dbFile]);
		expect(readFileSync(join(dir, 'review.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
	});
});

// Week 2026-W10, Tuesday 2026-03-03, every ticket P3 and created at 10:00 UTC (business hours
// of every built-in schedule). SLA achievement by cell, against the 95 % target:
// - premium (FRT target 240 business minutes, extended hours 06-22 UTC): 4 tickets, one first
//   answered at 15:00 (300 min > 240): 3 / 4 = 75 % -> missed;
// - enterprise (FRT 60 min, 24/7): 20 tickets, one answered at 12:00 (120 min > 60), the rest
//   at 11:00 (60 min, equal to the target, within it): 19 / 20 = 95 % -> met, on the line;
// - standard (FRT 480 min): 2 tickets answered at 11:00: 100 % -> met.
// Every ticket is solved 30 minutes after its answer, inside every resolution target.
describe('the weekly review against the SLA achievement target', () => {
	let db: Database;
	const AS_OF = '2026-03-10T00:00:00Z';
	beforeAll(async () => {
		const lines = ['ticket_id,created_at,status,priority,org_id,first_response_at,solved_at'];
		const add = (id: string, org: string, answeredAt: string, solvedAt: string) =>
			lines.push(`${id},2026-03-03T10:00:00Z,solved,P3,${org},2026-03-03T${answeredAt}:00Z,2026-03-03T${solvedAt}:00Z`);
		for (let i = 1; i <= 3; i++) add(`p${i}`, 'prem', '11:00', '11:30');
		add('p4', 'prem', '15:00', '15:30');
		for (let i = 1; i <= 19; i++) add(`e${i}`, 'ent', '11:00', '11:30');
		add('e20', 'ent', '12:00', '12:30');
		add('s1', 'std', '11:00', '11:30');
		add('s2', 'std', '11:00', '11:30');
		db = await memoryDb();
		await importPath(db, tempFolder({ 'orgs.csv': 'org_id,plan\nprem,premium\nent,enterprise\nstd,standard\n', 'tickets.csv': lines.join('\n') + '\n' }), {
			adapter: 'generic'
		});
	});
	afterAll(() => db.close());

	const review = () => {
		const search = new URLSearchParams(`as_of=${AS_OF}&week=2026-W10`);
		return computeWeeklyReview(db, parseReviewQuery(search, parseKpiQuery(search)));
	};

	it('marks the cells whose achievement is below the target, and only those', async () => {
		const r = await review();
		expect(r.sla.target).toBe(0.95);
		const cell = (plan: string) => r.sla.cells.find((c) => c.plan === plan && c.priority === 'P3');
		expect(cell('premium')).toMatchObject({ rate: 0.75, tickets: 4, missed: true });
		expect(cell('enterprise')).toMatchObject({ tickets: 20, missed: false });
		expect(cell('enterprise')!.rate).toBeCloseTo(0.95, 12);
		expect(cell('standard')).toMatchObject({ rate: 1, tickets: 2, missed: false });
	});

	it('says the miss in words in the documents, and that no hiring trigger fired', async () => {
		const r = await review();
		const md = renderReviewMarkdown(r);
		expect(md).toContain('| premium | 75.0 % (4, low sample) ✗ missed |');
		expect(md).toContain('| enterprise | 95.0 % (20) |');
		expect(md).toContain('Target: 95.0 % of the tickets within every SLA target; ✗ missed marks a cell below it.');
		expect(md).toContain('- No hiring trigger this week.');
		const html = renderReviewHtml(r);
		expect(html.match(/<td class="num missed">/g)).toHaveLength(1);
		// The SLA achievement sparkline draws its target line at 95 %.
		expect(html).toContain('data-target="0.95"');
	});
});

describe('a week still maturing', () => {
	// W09: 10 tickets answered after an hour; W10: 18 answered after an hour and 2 created on
	// Sunday Mar 8 at 20:00, unanswered at Monday 00:00, within their P3 targets.
	let db: Database;
	beforeAll(async () => {
		const lines = ['ticket_id,created_at,status,priority,first_response_at,solved_at'];
		for (let i = 0; i < 10; i++) lines.push(`a${i},2026-02-24T1${i % 8}:00:00Z,solved,P3,2026-02-24T1${(i % 8) + 1}:00:00Z,2026-02-24T1${(i % 8) + 1}:30:00Z`);
		for (let i = 0; i < 18; i++) lines.push(`b${i},2026-03-03T1${i % 8}:00:00Z,solved,P3,2026-03-03T1${(i % 8) + 1}:00:00Z,2026-03-03T1${(i % 8) + 1}:30:00Z`);
		lines.push('c1,2026-03-08T20:00:00Z,open,P3,,', 'c2,2026-03-08T20:00:00Z,open,P3,,');
		db = await memoryDb();
		await importPath(db, tempFolder({ 'tickets.csv': lines.join('\n') + '\n' }), { adapter: 'generic' });
	});
	afterAll(() => db.close());

	it('marks FRT and SLA achievement maturing, computes no change for them, and says so', async () => {
		const search = new URLSearchParams('as_of=2026-03-09T00:00:00Z&hours=calendar');
		const r = await computeWeeklyReview(db, parseReviewQuery(search, parseKpiQuery(search)));
		const frt = r.headlines.find((h) => h.id === 'frt_median_min')!;
		// 2 unanswered of 20: 10 %, above the 5 % at which a value is maturing.
		expect(frt).toMatchObject({ value: 60, previous: 60, change: null, maturity: { undecided: 2, of: 20 } });
		expect(r.headlines.find((h) => h.id === 'sla_achievement_rate')).toMatchObject({ change: null, maturity: { undecided: 2, of: 20 } });
		// Tickets created is settled: its change stands.
		expect(r.headlines.find((h) => h.id === 'tickets_created')).toMatchObject({ value: 20, previous: 10, change: { kind: 'relative', value: 1 } });
		expect(r.changes.at(-1)).toBe(
			'Still maturing, no change computed: First response time, median (2 of 20 tickets not answered yet); SLA achievement (2 of 20 tickets within a target not reached yet).'
		);
		expect(renderReviewMarkdown(r)).toContain('| still maturing (2 of 20 tickets not answered yet) |');
	});
});
