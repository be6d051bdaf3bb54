/**
 * Progress of long work on stderr: a redrawn bar on a terminal, one plain line per step
 * when stderr is a file or a pipe (CI logs), so logs stay readable.
 */
export class Progress {
	private readonly tty = Boolean(process.stderr.isTTY);
	private lastLine = '';
	private readonly started = Date.now();

	constructor(private readonly label: string) {}

	/** Shows `done` of `total` (any unit) with a note such as the current file. */
	update(done: number, total: number, note: string): void {
		const share = total > 0 ? Math.min(1, done / total) : 0;
		const percent = `${Math.floor(share * 100)}`.padStart(3);
		if (this.tty) {
			const width = 24;
			const filled = Math.round(share * width);
			const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
			const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
			process.stderr.write(`\r\x1b[2K${this.label} ${bar} ${percent}% ${seconds}s ${note}`.slice(0, process.stderr.columns ?? 120));
		} else {
			const line = `${this.label}: ${percent.trim()}% ${note}`;
			if (line !== this.lastLine) process.stderr.write(line + '\n');
			this.lastLine = line;
		}
	}

	/** Ends the bar's line. */
	finish(note = 'done'): void {
		const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
		if (this.tty) process.stderr.write(`\r\x1b[2K${this.label}: ${note} in ${seconds}s\n`);
		else process.stderr.write(`${this.label}: ${note} in ${seconds}s\n`);
	}
}
