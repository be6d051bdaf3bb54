/**
 * The activity files (tickets, self_service, kb_searches), written one span day at a time so
 * memory holds one day's rows plus the orgs.
 */
import { HOUR, SECONDS_PER_DAY, type TimestampFormatter } from '../calendar';
import { Rng } from '../random';
import { CsvFile, HEADERS, type FilePaths } from './csv';
import type { KnowledgeBase } from './knowledge-base';
import type { OrgBook } from './orgs';
import { SelfServiceFactory, type SearchDraft, type SessionDraft } from './self-service';
import type { Span } from './span';
import type { Staffing } from './staffing';
import type { Stories } from './stories';
import type { ScheduleId, SupportHours } from './support-hours';
import { TicketFactory } from './tickets';
import { SEARCHES_PER_TICKET, instantsOfDay, type DayPlan } from './volume';

const PROGRESS_EVERY = 5_000;

/** The demo options the writer reads, with the sessions-per-ticket default applied. */
export interface ActivityOptions {
	tickets: number;
	seed: number;
	sessionsPerTicket: number;
	onProgress?: (done: number, total: number, label: string) => void;
}

/** Tickets, sessions and searches, day by day, streamed to their three files. */
export async function writeActivity(
	o: ActivityOptions,
	span: Span,
	stories: Stories,
	book: OrgBook,
	staffing: Staffing,
	days: DayPlan,
	kb: KnowledgeBase,
	hours: Record<ScheduleId, SupportHours>,
	fmt: TimestampFormatter,
	paths: FilePaths
): Promise<void> {
	const writer = new ActivityWriter(o, span, stories, book, staffing, days, kb, hours, fmt, paths);
	let reported = 0;
	for (let i = 0; i < span.dayCount; i++) {
		await writer.writeDay(i);
		if (writer.ticketsWritten - reported >= PROGRESS_EVERY || i === span.dayCount - 1) {
			reported = writer.ticketsWritten;
			o.onProgress?.(writer.ticketsWritten, o.tickets, 'tickets');
		}
	}
	await writer.close();
}

/** One day at a time: the day's tickets, then its sessions (some just before a ticket), then its searches. */
class ActivityWriter {
	ticketsWritten = 0;
	// Sessions and searches follow their daily plan cumulatively: a day whose ticket-linked
	// sessions (or session searches) overshoot its share takes it from the days after.
	private sessionsPlanned = 0;
	private sessionsWritten = 0;
	private searchesPlanned = 0;
	private searchesWritten = 0;
	private readonly searchesTotal: number;
	private readonly ticketsFile: CsvFile;
	private readonly sessionsFile: CsvFile;
	private readonly searchesFile: CsvFile;
	private readonly tickets: TicketFactory;
	private readonly selfService: SelfServiceFactory;
	private readonly timesRng: Rng;
	private readonly ticketIdWidth: number;

	constructor(
		o: ActivityOptions,
		private readonly span: Span,
		private readonly stories: Stories,
		book: OrgBook,
		private readonly staffing: Staffing,
		private readonly days: DayPlan,
		kb: KnowledgeBase,
		hours: Record<ScheduleId, SupportHours>,
		fmt: TimestampFormatter,
		paths: FilePaths
	) {
		this.ticketsFile = new CsvFile(paths.tickets, HEADERS.tickets);
		this.sessionsFile = new CsvFile(paths.self_service, HEADERS.self_service);
		this.searchesFile = new CsvFile(paths.kb_searches, HEADERS.kb_searches);
		this.tickets = new TicketFactory(o.seed, span, stories, book, staffing, hours, fmt);
		const selfServiceIdWidth = Math.max(7, String(Math.ceil(o.tickets * (o.sessionsPerTicket + 1))).length);
		this.selfService = new SelfServiceFactory(o.seed, span, book, kb, fmt, selfServiceIdWidth);
		this.timesRng = new Rng(o.seed, 'instants');
		this.ticketIdWidth = Math.max(6, String(o.tickets).length);
		this.searchesTotal = o.tickets * SEARCHES_PER_TICKET;
	}

	/** Writes span day i (0-based) and flushes the files when their buffers are large. */
	async writeDay(i: number): Promise<void> {
		const sessions = this.writeTickets(i);
		const searches = this.writeSessions(i, sessions);
		this.writeSearches(i, searches);
		await this.ticketsFile.flushIfFull();
		await this.sessionsFile.flushIfFull();
		await this.searchesFile.flushIfFull();
	}

	/** The day's tickets; returns the sessions that led to some of them. */
	private writeTickets(i: number): SessionDraft[] {
		const day = this.span.startDay + i;
		const month = this.staffing.months[this.staffing.monthOfDay[i]];
		const created = instantsOfDay(day, this.days.tickets[i], this.timesRng);
		const churnIndex = this.stories.churnDays.get(day) ?? -1;
		// The planted escalation is the day's first ticket from 14:00 UTC on (the day's last otherwise).
		let churnSlot = -1;
		if (churnIndex >= 0 && created.length > 0) {
			churnSlot = created.findIndex((t) => t >= day * SECONDS_PER_DAY + 14 * HOUR);
			if (churnSlot < 0) churnSlot = created.length - 1;
		}
		const linked: SessionDraft[] = [];
		for (let k = 0; k < created.length; k++) {
			this.ticketsWritten++;
			const id = `T-${String(this.ticketsWritten).padStart(this.ticketIdWidth, '0')}`;
			const { record, linked: session } = this.tickets.make(id, created[k], k === churnSlot ? churnIndex : -1);
			this.ticketsFile.add(this.tickets.line(record));
			month.ticketsCreated++;
			if (record.handleMin > 0) {
				const sum = month.handleMinutesByChannel.get(record.channel) ?? 0;
				month.handleMinutesByChannel.set(record.channel, sum + record.handleMin);
			}
			if (session) linked.push(this.selfService.fromTicket(session));
		}
		return linked;
	}

	/** The day's sessions: the ticket-linked ones plus enough others; returns the searches of search sessions. */
	private writeSessions(i: number, sessions: SessionDraft[]): SearchDraft[] {
		this.sessionsPlanned += this.days.sessions[i];
		const standalone = Math.max(0, this.sessionsPlanned - this.sessionsWritten - sessions.length);
		for (const t of instantsOfDay(this.span.startDay + i, standalone, this.timesRng)) {
			sessions.push(this.selfService.standalone(t));
		}
		// Stable sort: equal instants keep their (deterministic) order of creation.
		sessions.sort((a, b) => a.startSec - b.startSec);
		const searches: SearchDraft[] = [];
		for (const s of sessions) {
			const id = this.selfService.nextSessionId();
			this.sessionsFile.add(this.selfService.sessionLine(id, s));
			if (s.kind === 'search') this.selfService.searchesOfSession(id, s, searches);
		}
		this.sessionsWritten += sessions.length;
		return searches;
	}

	/** The day's searches: those of search sessions plus enough typed outside a session. */
	private writeSearches(i: number, searches: SearchDraft[]): void {
		// The last days' session searches may not exceed the total (it matters for tiny data sets).
		searches.length = Math.min(searches.length, this.searchesTotal - this.searchesWritten);
		this.searchesPlanned += this.days.searches[i];
		const standalone = Math.max(0, this.searchesPlanned - this.searchesWritten - searches.length);
		for (const t of instantsOfDay(this.span.startDay + i, standalone, this.timesRng)) {
			searches.push(this.selfService.standaloneSearch(t));
		}
		searches.sort((a, b) => a.searchedSec - b.searchedSec);
		for (const q of searches) this.searchesFile.add(this.selfService.searchLine(q));
		this.searchesWritten += searches.length;
	}

	async close(): Promise<void> {
		await Promise.all([this.ticketsFile.close(), this.sessionsFile.close(), this.searchesFile.close()]);
	}
}
