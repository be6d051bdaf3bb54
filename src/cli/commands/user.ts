import { commandHelp, dbPathOf, parseCommand, UsageError, type CommandSpec } from '../args';
import { serverJson, withDatabase } from '../target';
import type { ServerTarget } from '../../lib/server/db/owner';
import { terminalSafe } from '../terminal';
import { findUser, listUsers } from '../../lib/server/auth/users';
import { addUserAudited, linkUrl, newLinkAudited, removeUserAudited, setRoleAudited } from '../../lib/server/auth/manage';
import { CLI_ADMIN } from '../../lib/server/auth/principal';

export const userSpec: CommandSpec = {
	name: 'user',
	summary:
		'Manages who may sign in. `add` creates a user with a role (viewer, analyst, admin): with\n' +
		'--password-stdin the password is read from standard input, else a one-time link (72 hours) is\n' +
		'printed for them to choose it. `list`, `remove EMAIL`, `set-role EMAIL ROLE`, `link EMAIL` (a\n' +
		'new one-time link, for a forgotten password). Changes are recorded in the audit log.',
	usage: 'deskpulse user add --email EMAIL --role ROLE [--password-stdin] | list | remove EMAIL | set-role EMAIL ROLE | link EMAIL [--db PATH]',
	help: ['--email EMAIL        the user to add', '--role ROLE          viewer, analyst or admin', '--password-stdin     read the password from standard input (else: a one-time link)'],
	options: { email: { type: 'string' }, role: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
	allowPositionals: true
};

/** A one-time link's base address when no server answers: the public URL, else the default local one. */
const LOCAL_BASE = `http://127.0.0.1:${process.env.PORT || 3000}`;

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	// One line: a trailing newline from `echo` or a here-string is not part of the password.
	return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function post<T>(url: ServerTarget, path: string, body: unknown = {}): Promise<T> {
	return serverJson<T>(url, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const userPath = (email: string, action: string) => `/api/v1/users/${encodeURIComponent(email)}/${action}`;

export async function runUser(argv: string[]): Promise<number> {
	const { values, positionals } = parseCommand(userSpec, argv);
	if (values.help) {
		console.log(commandHelp(userSpec));
		return 0;
	}
	const [action, ...args] = positionals;
	const db = dbPathOf(values);
	const actor = { principal: CLI_ADMIN };
	const need = (n: number, what: string) => {
		if (args.length !== n) throw new UsageError(`user ${action} takes ${what}`);
	};
	switch (action) {
		case 'add': {
			const email = values.email as string | undefined;
			const role = values.role as string | undefined;
			if (!email || !role) throw new UsageError('user add needs --email and --role');
			need(0, '--email and --role, no other arguments');
			const password = values['password-stdin'] ? await readStdin() : null;
			const added = await withDatabase(db, {
				remote: (url) => post<{ user: { email: string; role: string }; link: string | null }>(url, '/api/v1/users', { email, role, password }),
				local: async (d) => {
					const r = await addUserAudited(d, actor, { email, role, password });
					return { user: r.user, link: r.linkSecret ? linkUrl(r.linkSecret, LOCAL_BASE) : null };
				}
			});
			console.log(`added ${added.user.email} (${added.user.role})`);
			if (added.link) console.log(`one-time link to choose a password (72 hours, one use; shown only now):\n${added.link}`);
			return 0;
		}
		case 'list': {
			need(0, 'no arguments');
			const users = await withDatabase(db, {
				remote: async (url) => (await serverJson<{ users: Array<Record<string, unknown>> }>(url, '/api/v1/users')).users,
				local: (d) => listUsers(d)
			});
			if (users.length === 0) console.log('no users (single-user mode on loopback; with sign-in required, add one: deskpulse user add --email E --role admin)');
			for (const u of users) console.log(terminalSafe(`${String(u.email).padEnd(36)} ${String(u.role).padEnd(8)} ${u.has_password ? 'password set' : 'no password yet'}  last seen ${u.last_seen_at ?? 'never'}`));
			return 0;
		}
		case 'remove': {
			need(1, 'an EMAIL');
			const removed = await withDatabase(db, {
				remote: async (url) => (await post<{ removed: string }>(url, userPath(args[0], 'remove'))).removed,
				local: async (d) => (await removeUserAudited(d, actor, args[0])).email
			});
			console.log(`removed ${removed}; their sessions ended`);
			return 0;
		}
		case 'set-role': {
			need(2, 'an EMAIL and a ROLE');
			const user = await withDatabase(db, {
				remote: async (url) => (await post<{ user: { email: string; role: string } }>(url, userPath(args[0], 'role'), { role: args[1] })).user,
				local: (d) => setRoleAudited(d, actor, args[0], args[1])
			});
			console.log(`${user.email} is now ${user.role}; their sessions ended`);
			return 0;
		}
		case 'link': {
			need(1, 'an EMAIL');
			const link = await withDatabase(db, {
				remote: async (url) => (await post<{ link: string }>(url, userPath(args[0], 'link'))).link,
				local: async (d) => {
					const user = await findUser(d, { email: args[0] });
					if (!user) throw new Error(`no user ${args[0]}`);
					return linkUrl(await newLinkAudited(d, actor, user), LOCAL_BASE);
				}
			});
			console.log(`one-time link to choose a password (72 hours, one use; shown only now):\n${link}`);
			return 0;
		}
		default:
			throw new UsageError(action ? `unknown user action "${action}": add, list, remove, set-role or link` : 'say what to do: add, list, remove, set-role or link');
	}
}
