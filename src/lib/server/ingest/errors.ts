/**
 * A problem that stops a whole file from importing (unreadable file, missing required
 * column): nothing of the file lands. `line` and `column` point at the cause when known.
 */
export class ImportFileError extends Error {
	constructor(
		readonly file: string,
		message: string,
		readonly line?: number,
		readonly column?: string
	) {
		super(`${file}${line ? `, line ${line}` : ''}${column ? `, column ${column}` : ''}: ${message}`);
		this.name = 'ImportFileError';
	}
}

/** An import asked for while another runs on the same database: one writer at a time. */
export class ImportBusyError extends Error {
	constructor() {
		super('another import is running on this database: wait for it to finish, then import again');
		this.name = 'ImportBusyError';
	}
}

/**
 * An error's whole reason on one line: DuckDB's message with its detail lines ("Original
 * Line: ...", the expected and found values) kept, but without the SQL it echoes ("LINE 1:
 * select ...") or its list of possible fixes, which speak of read_csv options, not the file.
 */
export function engineReason(e: unknown): string {
	const text = e instanceof Error ? e.message : String(e);
	return text
		.split(/\n\s*LINE \d+:|\n\s*Possible fixes:/)[0]
		.replace(/\s*\n\s*/g, ' ')
		.trim();
}
