import { createReadStream, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { csvLine, parseCsvLine } from './csv';

/** ISO instant without milliseconds, `ms` after `iso`. */
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString().replace('.000Z', 'Z');

/**
 * Writes a 1 % slice of a generated folder for the incremental import, streaming: every 100th
 * row of tickets.csv and kb_searches.csv, alternately changed in place (same id) and copied
 * under a new id (`<id>-inc`). A changed ticket becomes solved (an open one gets solved_at an
 * hour after its last event; a solved one is reopened and solved again two hours later); a
 * changed search becomes a zero-result search without a click. Returns the new row counts.
 */
export async function writeSlice(folder: string, out: string): Promise<{ tickets_new: number; tickets_changed: number; searches_new: number; searches_changed: number }> {
	rmSync(out, { recursive: true, force: true });
	mkdirSync(out, { recursive: true });
	const t = await sliceFile(join(folder, 'tickets.csv'), join(out, 'tickets.csv'), 'ticket_id', changeTicket);
	const s = await sliceFile(join(folder, 'kb_searches.csv'), join(out, 'kb_searches.csv'), 'search_id', (row, col) => {
		row[col.results_count] = '0';
		row[col.clicked_article_id] = '';
	});
	return { tickets_new: t.added, tickets_changed: t.changed, searches_new: s.added, searches_changed: s.changed };
}

function changeTicket(row: string[], col: Record<string, number>): void {
	const get = (c: string) => row[col[c]];
	if (get('solved_at')) {
		const solvedAgain = later(get('final_solved_at') || get('solved_at'), 2 * 3600_000);
		row[col.reopens] = String(Number(get('reopens') || 0) + 1);
		row[col.final_solved_at] = solvedAgain;
	} else {
		const last = [get('created_at'), get('first_ack_at'), get('first_response_at')].filter(Boolean).sort().pop()!;
		row[col.solved_at] = later(last, 3600_000);
		row[col.final_solved_at] = row[col.solved_at];
	}
	row[col.status] = 'solved';
	row[col.closed_at] = '';
}

async function sliceFile(
	from: string,
	to: string,
	idColumn: string,
	change: (row: string[], col: Record<string, number>) => void
): Promise<{ added: number; changed: number }> {
	const output = createWriteStream(to);
	const write = async (line: string) => {
		if (!output.write(line + '\n')) await once(output, 'drain');
	};
	let col: Record<string, number> = {};
	let index = -1;
	let added = 0;
	let changed = 0;
	for await (const line of createInterface({ input: createReadStream(from), crlfDelay: Infinity })) {
		index++;
		if (index === 0) {
			col = Object.fromEntries(parseCsvLine(line).map((name, i) => [name, i]));
			await write(line);
			continue;
		}
		if (index % 100 !== 0 || !line) continue;
		const row = parseCsvLine(line);
		if ((index / 100) % 2 === 1) {
			change(row, col);
			changed++;
		} else {
			row[col[idColumn]] = `${row[col[idColumn]]}-inc`;
			added++;
		}
		await write(csvLine(row));
	}
	output.end();
	await once(output, 'finish');
	return { added, changed };
}
