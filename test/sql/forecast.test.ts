import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { computeForecast, parseForecastQuery, type ForecastResult } from '../../src/lib/server/metrics/forecast';
import { parseKpiQuery } from '../../src/lib/filters';
import { memoryDb, tempFolder } from '../helpers/db';

// The ticket arrival forecast (sql/reports/forecast.sql) on series whose fit is known by hand.
// Twelve complete ISO weeks, 2026-W02 (Mon 5 Jan) to 2026-W13; as of Tue 31 Mar the current
// week, W14, is the forecast's first.
const FIRST_DAY = Date.UTC(2026, 0, 5);
const DAY = 86_400_000;
const AS_OF = '2026-03-31T00:00:00Z';

const HEADER = 'ticket_id,created_at,status,channel,priority,requester_id,solved_at,handle_time_min';
const iso = (at: number) => new Date(at).toISOString().replace('.000', '');
// Solved an hour later; email tickets took 6 minutes of an agent's time, the others do not say.
const ticket = (id: string, at: number, channel: string) =>
	`${id},${iso(at)},solved,${channel},P3,customer-1,${iso(at + 3_600_000)},${channel === 'email' ? 6 : ''}`;
// One schedule, open 08:00-18:00 UTC on weekdays: the live channel is staffed then.
const SCHEDULES = ['schedule_id,timezone,weekday,open_time,close_time', ...[1, 2, 3, 4, 5].map((w) => `office,UTC,${w},08:00,18:00`)].join('\n') + '\n';

function forecastOf(db: Database, query: string): Promise<ForecastResult> {
	const search = new URLSearchParams(`as_of=${AS_OF}&${query}`);
	return computeForecast(db, parseForecastQuery(search, parseKpiQuery(search)));
}

describe('forecast: a steady series and a level shift', () => {
	let db: Database;
	let result: ForecastResult;
	beforeAll(async () => {
		// email: 2 tickets every day (14 a week). chat: 2 each weekday for 4 weeks (10 a week),
		// then 4 (20 a week). One more email on Thu 1 Jan: its week is partial, so left out.
		const rows = [ticket('early', Date.UTC(2026, 0, 1, 10), 'email')];
		for (let d = 0; d < 84; d++) {
			const day = FIRST_DAY + d * DAY;
			for (let k = 0; k < 2; k++) rows.push(ticket(`e${d}-${k}`, day + (10 + k) * 3_600_000, 'email'));
			const weekday = d % 7 < 5;
			const chats = !weekday ? 0 : d < 28 ? 2 : 4;
			for (let k = 0; k < chats; k++) rows.push(ticket(`c${d}-${k}`, day + (12 + k) * 3_600_000, 'chat'));
		}
		// 92 self-service sessions nobody followed with a ticket: deflected. With the 368 tickets
		// of the 12 weeks, the trailing deflection rate is 92 / (92 + 368) = 20 %.
		const sessions = ['session_id,started_at,kind,requester_id,handed_off'];
		for (let k = 0; k < 92; k++) sessions.push(`s${k},${new Date(FIRST_DAY + 28 * DAY + k * 60_000).toISOString().replace('.000', '')},kb,visitor-${k},false`);
		db = await memoryDb();
		const files = { 'tickets.csv': [HEADER, ...rows].join('\n') + '\n', 'self_service.csv': sessions.join('\n') + '\n', 'schedules.csv': SCHEDULES };
		const imported = await importGenericPath(db, tempFolder(files), {
			source: 'generic',
			timezone: 'UTC'
		});
		expect(imported.files.every((f) => f.status === 'ok' && f.rowsRejected === 0)).toBe(true);
		result = await forecastOf(db, 'weeks=4');
	});
	afterAll(() => db.close());

	const forecasts = (series: string) => result.rows.filter((r) => r.series === series && r.kind === 'forecast');
	const accuracy = (series: string) => result.meta.accuracy.find((a) => a.series === series)!;

	it('fits on the complete weeks and shows them beside the forecast', () => {
		expect(result.meta.history_weeks).toBe(12);
		expect(result.meta.series).toBe('channel');
		const actual = result.rows.filter((r) => r.kind === 'actual');
		expect(actual.filter((r) => r.series === '(all)').map((r) => r.tickets)).toEqual([24, 24, 24, 24, 34, 34, 34, 34, 34, 34, 34, 34]);
		expect(actual[0]).toMatchObject({ series: '(all)', is_total: true, week: '2026-W02', week_start: '2026-01-05', calendar_index: 1 });
		expect(forecasts('email').map((r) => r.week)).toEqual(['2026-W14', '2026-W15', '2026-W16', '2026-W17']);
	});

	it('forecasts a constant series as itself, with no spread', () => {
		// Every parameter set fits 14 a week exactly: the smoothest (alpha 0.05, no trend) is kept.
		for (const r of forecasts('email')) expect([r.forecast, r.lo_80, r.hi_80, r.lo_95, r.hi_95]).toEqual([14, 14, 14, 14, 14]);
		expect(accuracy('email')).toMatchObject({ alpha: 0.05, beta: 0, phi: 1, sigma: 0, mape: 0, coverage_80: 1, baseline_mape: 0 });
	});

	it('follows a level shift, and widens its intervals as the model says', () => {
		// l_0 = 10 (the first 4 weeks), b_0 = 0: every parameter set errs by 10 in week 5. Only
		// alpha = 1 with no trend errs nowhere else: SSE 100, sigma^2 = 100 / (12 - 4) = 12.5.
		// Weeks ahead h: variance 12.5 (1 + (h - 1) x 1^2) = 12.5 h.
		const chat = forecasts('chat');
		expect(accuracy('chat')).toMatchObject({ alpha: 1, beta: 0, phi: 1 });
		expect(accuracy('chat').sigma).toBeCloseTo(Math.sqrt(12.5), 12);
		const z80 = 1.2815515655446004;
		const z95 = 1.959963984540054;
		chat.forEach((r, i) => {
			const sd = Math.sqrt(12.5 * (i + 1));
			expect(r.forecast).toBeCloseTo(20, 12);
			expect(r.lo_80).toBeCloseTo(20 - z80 * sd, 10);
			expect(r.hi_80).toBeCloseTo(20 + z80 * sd, 10);
			expect(r.hi_95).toBeCloseTo(20 + z95 * sd, 10);
		});
		// h = 4: sd = sqrt(50) = 7.0711, 95 %: 20 +- 13.859.
		expect(chat[3].lo_95).toBeCloseTo(6.141, 3);
		expect(chat[3].hi_95).toBeCloseTo(33.859, 3);
	});

	it('backtests from each origin with 8+ weeks before it, against the seasonal naive baseline', () => {
		// Origins weeks 8..11, forecasting up to 4 weeks ahead where the week is known:
		// 4 + 3 + 2 + 1 = 10 pairs. Each origin refits (alpha 1 again) and forecasts 20: exact.
		expect(result.meta.backtest.origins).toBe(4);
		expect(accuracy('chat')).toMatchObject({ pairs: 10, mape: 0, coverage_80: 1, coverage_95: 1, baseline_mape: 0, beats_baseline: false });
		// Less than a year of history: the baseline is the origin's own week.
		expect(result.meta.yearly_seasonality).toBe(false);
		expect(result.meta.notes).toContain("Yearly seasonality is not modelled: it needs two years of weekly history before the backtest's 26 weeks (130 weeks), and there are 12.");
	});

	it('scales the forecast to a what-if deflection rate', async () => {
		expect(result.meta.deflection.trailing_rate).toBeCloseTo(0.2, 15);
		const whatIf = await forecastOf(db, 'weeks=4&deflection=60%');
		// (1 - 0.6) / (1 - 0.2) = 0.5: chat 20 -> 10, email 14 -> 7; the history stays.
		expect(whatIf.meta.deflection.factor).toBeCloseTo(0.5, 15);
		const rows = whatIf.rows.filter((r) => r.kind === 'forecast' && r.horizon === 1);
		expect(rows.find((r) => r.series === 'chat')!.forecast).toBeCloseTo(10, 12);
		expect(rows.find((r) => r.series === 'email')!.forecast).toBeCloseTo(7, 12);
		expect(whatIf.rows.find((r) => r.kind === 'actual' && r.series === 'email')!.tickets).toBe(14);
	});

	it('staffs email by workload and chat by Erlang C in its open hours', async () => {
		const staffed = await forecastOf(db, 'weeks=4&handle_minutes=chat:30&agents=1');
		const week = (series: string) => staffed.rows.find((r) => r.kind === 'forecast' && r.series === series && r.week === '2026-W15')!;
		// email: 14 tickets x 6 min (imported) / 60 / 0.8 occupancy = 1.75 h; FTE = 1.75 / (40 h x (1 - 0.3)).
		expect(week('email').agents_needed).toBeCloseTo(1.75 / 28, 12);
		// chat: 20 a week. Over the 12 weeks, 12 of a weekday's 200 chats came at 12:00, 12 at
		// 13:00, 8 at 14:00 and 8 at 15:00: 1.2 and 0.8 an hour ahead, x 30 min = 0.6 and 0.4
		// Erlangs. Erlang C for 80 % within 60 s: one agent answers 40.8 % and 60.8 %, two
		// answer 86.8 % and 93.7 %. So 2 agents in 20 hours: 40 h, 40 / 28 FTE.
		expect(week('chat').agents_needed).toBeCloseTo(40 / 28, 12);
		expect(week('(all)').agents_needed).toBeCloseTo(41.75 / 28, 12);
		const hours = staffed.hours.filter((h) => h.channel === 'chat');
		expect(hours).toHaveLength(20);
		expect(hours.every((h) => h.open && h.agents === 2 && h.week_start === '2026-04-06')).toBe(true);
		expect(hours.find((h) => h.hour_of_week === 12)!.arrivals).toBeCloseTo(1.2, 12);
		expect(hours.find((h) => h.hour_of_week === 24 + 14)!.arrivals).toBeCloseTo(0.8, 12);
		const s = staffed.meta.staffing!;
		expect(s.channels.find((c) => c.channel === 'chat')).toMatchObject({ handle_minutes: 30, handle_source: 'entered', model: 'erlang_c' });
		expect(s.channels.find((c) => c.channel === 'email')).toMatchObject({ handle_minutes: 6, handle_source: 'imported', model: 'workload' });
		expect(s.current_agents).toEqual({ value: 1, source: 'entered' });
		expect(s.hiring_trigger).toMatchObject({ week: '2026-W14', current: 1 });
		expect(s.hiring_trigger!.fte).toBeCloseTo(41.75 / 28, 12);
		// No org on the tickets: no customers to hold the need against.
		expect(s.customers).toEqual({ value: 0, source: 'observed', agents_by_ratio: null });
	});

	it("falls back on the domain documents' handle time, and staffs a channel split only", async () => {
		// Chat has no imported handle time: the domain's estimate (8-15 min: 11.5) stands in.
		const r = await forecastOf(db, 'weeks=2');
		expect(r.meta.staffing!.channels.find((c) => c.channel === 'chat')).toMatchObject({ handle_minutes: 11.5, handle_source: 'estimate' });
		expect(r.meta.notes.some((n) => n.includes('estimated from the domain documents') && n.includes('chat 11.5 min'))).toBe(true);
		const byPriority = await forecastOf(db, 'weeks=2&by=priority');
		expect(byPriority.meta.staffing).toBeNull();
		expect(byPriority.rows.every((row) => row.agents_needed === null)).toBe(true);
	});

	it('splits by another dimension, or refuses what it cannot do', async () => {
		const byPriority = await forecastOf(db, 'weeks=2&by=priority');
		expect([...new Set(byPriority.rows.map((r) => r.series))]).toEqual(['(all)', 'P3']);
		expect(() => forecastOf(db, 'weeks=27')).toThrow(/weeks must be a whole number from 1 to 26/);
		expect(() => forecastOf(db, 'by=channel,priority')).toThrow(/one dimension at most/);
	});
});

describe('forecast: holidays', () => {
	let db: Database;
	let result: ForecastResult;
	beforeAll(async () => {
		// 10 tickets a day, 5 on Wednesday 11 Feb, a holiday of the only schedule. Another
		// holiday is on Wednesday 15 Apr, in the forecast's third week.
		const rows: string[] = [];
		for (let d = 0; d < 84; d++) {
			const day = FIRST_DAY + d * DAY;
			const count = day === Date.UTC(2026, 1, 11) ? 5 : 10;
			for (let k = 0; k < count; k++) rows.push(ticket(`t${d}-${k}`, day + (8 + k) * 3_600_000, 'email'));
		}
		const holidays = ['schedule_id,date,name', 'office,2026-02-11,Founders day', 'office,2026-04-15,Spring day'];
		db = await memoryDb();
		await importGenericPath(
			db,
			tempFolder({ 'tickets.csv': [HEADER, ...rows].join('\n') + '\n', 'schedules.csv': SCHEDULES, 'holidays.csv': holidays.join('\n') + '\n' }),
			{ source: 'generic', timezone: 'UTC' }
		);
		result = await forecastOf(db, 'weeks=4');
	});
	afterAll(() => db.close());

	it('reads a holiday week through its calendar index', () => {
		// r = 5 / mean(10, 10, 10, 10) = 0.5; each weekday holds 1/7 of the volume; the
		// holiday week's index is 1 - (1 - 0.5) / 7 = 0.9285714, and 65 / 0.9285714 = 70.
		const holidayWeek = result.rows.find((r) => r.kind === 'actual' && r.is_total && r.week === '2026-W07')!;
		expect(holidayWeek.tickets).toBe(65);
		expect(holidayWeek.calendar_index).toBeCloseTo(1 - 0.5 / 7, 12);
		// The adjusted series is 70 every week: the forecast is 70, and 65 in the week with the
		// coming holiday.
		const ahead = result.rows.filter((r) => r.kind === 'forecast' && r.is_total);
		expect(ahead.map((r) => r.week)).toEqual(['2026-W14', '2026-W15', '2026-W16', '2026-W17']);
		expect(ahead.map((r) => Number(r.forecast!.toFixed(9)))).toEqual([70, 70, 65, 70]);
		expect(ahead[2].hi_95).toBeCloseTo(65, 9);
	});
});

describe('forecast: yearly seasonality', () => {
	// Three years of ISO weeks, 2023-W01 (Mon 2 Jan 2023) to 2025-W52, none with a week 53:
	// 100 email tickets a week, 50 in ISO week 5. As of Mon 29 Dec 2025 (2026-W01) the forecast
	// runs 2026-W01 to W08.
	let result: ForecastResult;
	beforeAll(async () => {
		const rows: string[] = [];
		const first = Date.UTC(2023, 0, 2);
		for (let w = 0; w < 156; w++) {
			const count = w % 52 === 4 ? 50 : 100;
			for (let k = 0; k < count; k++) rows.push(ticket(`y${w}-${k}`, first + w * 7 * DAY + (k % 7) * DAY + 10 * 3_600_000 + k * 60_000, 'email'));
		}
		const db = await memoryDb();
		await importGenericPath(db, tempFolder({ 'tickets.csv': [HEADER, ...rows].join('\n') + '\n' }), { source: 'generic', timezone: 'UTC' });
		const search = new URLSearchParams('as_of=2025-12-29T00:00:00Z&weeks=8');
		result = await computeForecast(db, parseForecastQuery(search, parseKpiQuery(search)));
		await db.close();
	});

	it('divides each week by its ISO week index, and forecasts the dip a year on', () => {
		// The centred 2x52 moving average spans one whole year: (51 x 100 + 50) / 52 = 99.04.
		// Week 5's index is 50 / 99.04 = 0.5049, every other week's 100 / 99.04; the adjusted
		// series is 99.04 every week, so the forecast is 100, and 50 in week 5.
		const usual = 5150 / 52;
		expect(result.meta.yearly_seasonality).toBe(true);
		expect(result.meta.notes.some((n) => n.includes('Yearly seasonality'))).toBe(false);
		const ahead = result.rows.filter((r) => r.kind === 'forecast' && r.is_total);
		expect(ahead.map((r) => r.week)).toEqual(['2026-W01', '2026-W02', '2026-W03', '2026-W04', '2026-W05', '2026-W06', '2026-W07', '2026-W08']);
		expect(ahead.map((r) => Number(r.forecast!.toFixed(9)))).toEqual([100, 100, 100, 100, 50, 100, 100, 100]);
		expect(ahead[4].seasonal_index).toBeCloseTo(50 / usual, 12);
		expect(ahead[0].seasonal_index).toBeCloseTo(100 / usual, 12);
		// The backtest's forecasts, fitted without the weeks they forecast, are exact as well.
		expect(result.meta.accuracy.find((a) => a.is_total)).toMatchObject({ pairs: 26 * 8 - 28, mape: 0 });
	});
});

