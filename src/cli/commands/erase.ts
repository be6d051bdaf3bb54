import { commandHelp, dbPathOf, parseCommand, UsageError, type CommandSpec } from '../args';
import { serverJson, withDatabase } from '../target';
import { terminalSafe } from '../terminal';
import { checkErasure, erase, ErasureError, type ErasureResult } from '../../lib/server/privacy/erase';

export const eraseSpec: CommandSpec = {
	name: 'erase',
	summary:
		"Erases a requester's or an org's data: their tickets (with the vendor's metrics of them), self-service\n" +
		'sessions, KB searches, org row, the rejected rows and adjusted values that name them, and their rows in\n' +
		'kept uploads; then rebuilds the models, so every KPI recomputes. Records the erasure with a SHA-256 of\n' +
		'the id (never the id) and audits it. Cannot be undone.',
	usage: 'deskpulse erase (--requester ID | --org ID) [--source LABEL] [--db PATH]',
	help: [
		'--requester ID       the requester id as imported (the requester_id column: an id, or an email for some exports)',
		'--org ID             the org id as imported (the org_id column)',
		'--source LABEL       only that source label\'s rows (default: every source)'
	],
	options: {
		requester: { type: 'string' },
		org: { type: 'string' },
		source: { type: 'string' }
	}
};

/** What an erasure removed, table by table, and what it did to kept uploads. */
export function printErasure(result: ErasureResult): string {
	const n = (x: number) => x.toLocaleString('en-US');
	const lines = [
		`erasure ${result.erasureId}: ${result.kind} sha256:${result.idSha256}${result.source ? ` (source "${result.source}")` : ' (every source)'}`,
		...Object.entries(result.tables).map(([table, rows]) => `  ${table.padEnd(26)} ${n(rows).padStart(9)} row${rows === 1 ? '' : 's'} removed`),
		`  kept uploads: ${n(result.uploads.rowsRemoved)} row${result.uploads.rowsRemoved === 1 ? '' : 's'} removed from ${n(result.uploads.rewritten.length)} file${result.uploads.rewritten.length === 1 ? '' : 's'}, ${n(result.uploads.deleted.length)} deleted`,
		...result.uploads.rewritten.map((f) => `    rewritten: ${f}`),
		...result.uploads.deleted.map((f) => `    deleted: ${f}`),
		'models rebuilt: every KPI now reads the data without them'
	];
	return lines.join('\n') + '\n';
}

export async function runErase(argv: string[]): Promise<number> {
	const { values } = parseCommand(eraseSpec, argv);
	if (values.help) {
		console.log(commandHelp(eraseSpec));
		return 0;
	}
	let request;
	try {
		request = checkErasure({ requester: values.requester, org: values.org, source: values.source });
	} catch (e) {
		if (e instanceof ErasureError) throw new UsageError(e.message.replace(/^name exactly one of requester or org/, 'give exactly one of --requester or --org'));
		throw e;
	}
	const result = await withDatabase(dbPathOf(values), {
		remote: (url) =>
			serverJson<ErasureResult>(url, '/api/v1/erasures', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ [request.kind]: request.id, source: request.source })
			}),
		local: (db) => erase(db, request, { kind: 'cli', id: 'cli', name: 'cli', role: 'admin' })
	});
	process.stdout.write(terminalSafe(printErasure(result)));
	return 0;
}
