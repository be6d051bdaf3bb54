import { commandHelp, dbPathOf, parseCommand, UsageError, type CommandSpec } from '../args';
import { serverJson, withDatabase } from '../target';
import { terminalSafe } from '../terminal';
import { listTokens, type CreatedToken } from '../../lib/server/auth/tokens';
import { createTokenAudited, revokeTokenAudited } from '../../lib/server/auth/manage';
import { CLI_ADMIN } from '../../lib/server/auth/principal';

export const tokenSpec: CommandSpec = {
	name: 'token',
	summary:
		'API tokens for scripts: `create --role ROLE --name NAME` prints the token once (only its hash\n' +
		'is kept); send it as `Authorization: Bearer TOKEN`. `list` shows every token (--all: revoked\n' +
		'ones too), `revoke ID` stops one at once.',
	usage: 'deskpulse token create --role ROLE --name NAME | list [--all] | revoke ID [--db PATH]',
	help: ['--role ROLE          viewer, analyst or admin', '--name NAME          what the token is for (shown in lists and the audit log)', '--all                list revoked tokens too'],
	options: { role: { type: 'string' }, name: { type: 'string' }, all: { type: 'boolean' } },
	allowPositionals: true
};

export async function runToken(argv: string[]): Promise<number> {
	const { values, positionals } = parseCommand(tokenSpec, argv);
	if (values.help) {
		console.log(commandHelp(tokenSpec));
		return 0;
	}
	const [action, ...args] = positionals;
	const db = dbPathOf(values);
	const actor = { principal: CLI_ADMIN };
	switch (action) {
		case 'create': {
			const role = values.role as string | undefined;
			const name = values.name as string | undefined;
			if (!role || !name || args.length) throw new UsageError('token create needs --role and --name');
			const token = await withDatabase(db, {
				remote: (url) => serverJson<CreatedToken>(url, '/api/v1/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role, name }) }),
				local: (d) => createTokenAudited(d, actor, { role, name })
			});
			process.stderr.write(`token ${token.token_id} "${token.name}" (${token.role}); copy it now, it is not shown again:\n`);
			console.log(token.token);
			return 0;
		}
		case 'list': {
			if (args.length) throw new UsageError('token list takes no arguments');
			const all = values.all === true;
			const tokens = await withDatabase(db, {
				remote: async (url) => (await serverJson<{ tokens: Array<Record<string, unknown>> }>(url, `/api/v1/tokens?all=${all}`)).tokens,
				local: (d) => listTokens(d, all)
			});
			if (tokens.length === 0) console.log('no tokens');
			for (const t of tokens) {
				const state = t.revoked_at ? `revoked ${t.revoked_at}` : `last used ${t.last_used_at ?? 'never'}`;
				console.log(terminalSafe(`${String(t.token_id).padStart(4)}  ${String(t.name).padEnd(24)} ${String(t.role).padEnd(8)} ${t.prefix}…  ${state}`));
			}
			return 0;
		}
		case 'revoke': {
			const id = Number(args[0]);
			if (args.length !== 1 || !Number.isInteger(id) || id < 1) throw new UsageError('token revoke takes a token ID (see deskpulse token list)');
			const revoked = await withDatabase(db, {
				remote: async (url) =>
					(await serverJson<{ revoked: { token_id: number; name: string } }>(url, `/api/v1/tokens/${id}/revoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).revoked,
				local: (d) => revokeTokenAudited(d, actor, id)
			});
			console.log(`revoked token ${revoked.token_id} "${revoked.name}"`);
			return 0;
		}
		default:
			throw new UsageError(action ? `unknown token action "${action}": create, list or revoke` : 'say what to do: create, list or revoke');
	}
}
