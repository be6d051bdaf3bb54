/**
 * CSV output: field quoting, a buffered file writer, and the columns of each of the eight
 * files of the generic import format (docs/import-format.md).
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

const FLUSH_AT_CHARS = 1 << 20;

/** Quotes a field when it holds a comma, quote or line break. */
export function csvField(value: string): string {
	return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A CSV file written through a buffered stream that waits for the disk when it lags. Lines
 * are collected in an array and joined once per ~1 MB: faster than growing one string.
 */
export class CsvFile {
	private lines: string[] = [];
	private bufferedChars = 0;
	private failure: Error | null = null;
	private readonly stream: WriteStream;

	constructor(
		readonly path: string,
		header: readonly string[]
	) {
		this.stream = createWriteStream(path, { encoding: 'utf8' });
		this.stream.on('error', (e) => (this.failure = e));
		this.add(header.join(','));
	}

	add(line: string): void {
		this.lines.push(line);
		this.bufferedChars += line.length + 1;
	}

	/** Writes the buffer out once it is large, waiting for 'drain' when the stream asks to. */
	async flushIfFull(): Promise<void> {
		if (this.bufferedChars >= FLUSH_AT_CHARS) await this.flush();
	}

	async flush(): Promise<void> {
		if (this.failure) throw this.failure;
		if (this.lines.length === 0) return;
		const ready = this.stream.write(`${this.lines.join('\n')}\n`);
		this.lines = [];
		this.bufferedChars = 0;
		if (!ready) await once(this.stream, 'drain');
	}

	async close(): Promise<void> {
		await this.flush();
		this.stream.end();
		await once(this.stream, 'finish');
		if (this.failure) throw this.failure;
	}
}

export const HEADERS = {
	tickets: [
		'ticket_id', 'created_at', 'status', 'channel', 'priority', 'subject', 'category', 'tags', 'requester_id', 'org_id',
		'group', 'tier', 'assignee_id', 'outbound', 'first_ack_at', 'first_response_at', 'solved_at', 'final_solved_at',
		'closed_at', 'reopens', 'agent_replies', 'csat_score', 'csat_at', 'handle_time_min'
	],
	orgs: ['org_id', 'name', 'plan', 'segment', 'arr', 'seats', 'signup_at', 'csm_id', 'timezone', 'region'],
	self_service: ['session_id', 'started_at', 'kind', 'requester_id', 'org_id', 'handed_off', 'ticket_id', 'article_id', 'helpful'],
	kb_searches: ['search_id', 'searched_at', 'session_id', 'requester_id', 'org_id', 'query', 'results_count', 'clicked_article_id'],
	costs: ['period_start', 'period_end', 'cost_type', 'channel', 'amount', 'currency', 'agent_fte'],
	sla_policies: ['plan', 'priority', 'frt_target_min', 'resolution_target_min', 'schedule_id'],
	schedules: ['schedule_id', 'timezone', 'weekday', 'open_time', 'close_time'],
	holidays: ['schedule_id', 'date', 'name']
} as const;

/** The path of each file, by its name in HEADERS. */
export type FilePaths = Record<keyof typeof HEADERS, string>;
