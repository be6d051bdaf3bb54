import { commandHelp, dbPathOf, parseCommand, UsageError, type CommandSpec } from './args';
import { serverJson, withDatabase } from './target';
import { terminalSafe } from './terminal';
import type { SendOutcome } from '../lib/delivery';
import type { Database } from '../lib/server/db/database';

/**
 * What `deskpulse digest` and `deskpulse alert` share: the request they forward to a running
 * server, the ID argument, and the remove and test actions, which differ only in what they
 * name and which API path they take.
 */

export const POST = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The one positional ID of an action (`digest remove 3`); a UsageError naming the list that shows IDs. */
export function idArgument(command: 'digest' | 'alert', args: string[], action: string): number {
	const id = Number(args[0]);
	if (args.length !== 1 || !Number.isInteger(id) || id < 1) throw new UsageError(`${command} ${action} takes ${command === 'digest' ? 'a digest' : 'a rule'} ID (see deskpulse ${command} list)`);
	return id;
}

/** One line per recipient of a send: sent, retried later, or failed, with why. */
export function outcomeLines(outcomes: SendOutcome[]): string {
	if (outcomes.length === 0) return 'nothing to send\n';
	return outcomes
		.map((o) => {
			const state = o.status === 'sent' ? 'sent' : o.status === 'pending' ? `not sent, retried at ${o.next_attempt_at}` : 'failed';
			return `${state.padEnd(8)} ${o.target_shown}: ${o.subject}${o.error ? `\n         ${o.error}` : ''}\n`;
		})
		.join('');
}

export interface DeliveryCommandContext {
	db: string;
	format: string;
	/** The API's collection: /api/v1/digests or /api/v1/alerts. */
	apiPath: string;
	/** How the answer names one: "digest", "alert rule". */
	noun: string;
}

/** `remove ID`: through the server, or on the file. */
export async function removeAction(ctx: DeliveryCommandContext, id: number, local: (db: Database) => Promise<void>): Promise<number> {
	await withDatabase(ctx.db, { remote: (server) => serverJson(server, `${ctx.apiPath}/${id}/remove`, POST({})), local });
	process.stdout.write(ctx.format === 'json' ? JSON.stringify({ removed: id }, null, 2) + '\n' : `removed ${ctx.noun} ${id}\n`);
	return 0;
}

/** `test ID`: a short message to every recipient; exit 1 when one did not arrive. */
export async function testAction(ctx: DeliveryCommandContext, id: number, local: (db: Database) => Promise<SendOutcome[]>): Promise<number> {
	const outcomes = await withDatabase(ctx.db, {
		remote: async (server) => (await serverJson<{ outcomes: SendOutcome[] }>(server, `${ctx.apiPath}/${id}/test`, POST({}))).outcomes,
		local
	});
	process.stdout.write(ctx.format === 'json' ? JSON.stringify({ outcomes }, null, 2) + '\n' : terminalSafe(outcomeLines(outcomes)));
	return outcomes.every((o) => o.status === 'sent') ? 0 : 1;
}

/** `list`: every digest or rule, a few lines each, or JSON under `key`; `empty` says how to add the first. */
export async function listAction<T>(ctx: DeliveryCommandContext, key: 'digests' | 'rules', local: (db: Database) => Promise<T[]>, lines: (item: T) => string, empty: string): Promise<number> {
	const items = await withDatabase(ctx.db, {
		remote: async (server) => (await serverJson<Record<string, T[]>>(server, ctx.apiPath))[key],
		local
	});
	if (ctx.format === 'json') process.stdout.write(JSON.stringify({ [key]: items }, null, 2) + '\n');
	else process.stdout.write(terminalSafe(items.length ? items.map(lines).join('') : `${empty}\n`));
	return 0;
}

/** A command's words read: its flags, its action and the rest, the output format and writers; null after --help. */
export function readDeliveryCommand(spec: CommandSpec, argv: string[], apiPath: string, noun: string) {
	const { values, positionals } = parseCommand(spec, argv);
	if (values.help) {
		console.log(commandHelp(spec));
		return null;
	}
	const [action, ...args] = positionals;
	const format = (values.format as string | undefined) ?? 'table';
	if (!['table', 'json'].includes(format)) throw new UsageError(`--format must be table or json, got "${format}"`);
	const ctx: DeliveryCommandContext = { db: dbPathOf(values), format, apiPath, noun };
	return {
		values,
		action,
		args,
		ctx,
		json: (value: unknown) => void process.stdout.write(JSON.stringify(value, null, 2) + '\n'),
		write: (text: string) => void process.stdout.write(terminalSafe(text))
	};
}
