import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultDbPath } from '../lib/server/db/project-root';

/** A command-line mistake: printed with the command's usage, exit status 2. */
export class UsageError extends Error {}

export interface CommandSpec {
	name: string;
	summary: string;
	usage: string;
	/** Option lines for --help, `--flag VALUE  what it does`. */
	help: string[];
	options: NonNullable<ParseArgsConfig['options']>;
	allowPositionals?: boolean;
}

/** Options every command takes. */
export const COMMON_OPTIONS = {
	db: { type: 'string' },
	help: { type: 'boolean', short: 'h' }
} as const;

export const COMMON_HELP = [
	'--db PATH            database file (default $DESKPULSE_DB, else data/deskpulse.duckdb)',
	'-h, --help           show this help'
];

export interface ParsedCommand {
	values: Record<string, string | boolean | string[] | undefined>;
	positionals: string[];
}

/** Parses a command's arguments, turning node's messages into a UsageError. */
export function parseCommand(spec: CommandSpec, argv: string[]): ParsedCommand {
	try {
		return parseArgs({
			args: argv,
			options: { ...COMMON_OPTIONS, ...spec.options },
			allowPositionals: spec.allowPositionals ?? false,
			strict: true
		});
	} catch (e) {
		throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
	}
}

export function commandHelp(spec: CommandSpec): string {
	return [`usage: ${spec.usage}`, '', spec.summary, '', 'options:', ...[...spec.help, ...COMMON_HELP].map((l) => `  ${l}`)].join('\n');
}

/** The database path a command works on. */
export function dbPathOf(values: { db?: string | boolean | string[] }): string {
	return typeof values.db === 'string' && values.db ? values.db : defaultDbPath();
}
