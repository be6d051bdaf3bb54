import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { commandHelp, dbPathOf, parseCommand, UsageError, type CommandSpec } from '../args';
import { Progress } from '../progress';
import { withDatabase } from '../target';
import { forwardImport, printImportResult } from './import';
import { importGenericPath, type PathImportResult } from '../../lib/server/ingest/import-path';

export const demoSpec: CommandSpec = {
	name: 'demo',
	summary:
		'Generates the deterministic demo data set (a SaaS support operation over 18 months) in the\n' +
		'generic format and imports it under the source label "demo". Same seed and end: same data.',
	usage: 'deskpulse demo [--tickets N] [--seed S] [--end DATE] [--out DIR] [--db PATH]',
	help: [
		'--tickets N          tickets to generate (default 60000)',
		'--seed S             random seed (default 1)',
		'--end DATE           last day of data, YYYY-MM-DD (default: the Sunday ending the last complete ISO week)',
		'--out DIR            keep the generated CSV files in DIR (default: a temporary folder, removed after)'
	],
	options: {
		tickets: { type: 'string' },
		seed: { type: 'string' },
		end: { type: 'string' },
		out: { type: 'string' }
	}
};

function wholeNumber(flag: string, text: string | undefined, fallback: number, min: number): number {
	if (text === undefined) return fallback;
	const n = Number(text);
	if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number >= ${min}, got "${text}"`);
	return n;
}

export async function runDemo(argv: string[]): Promise<number> {
	const { values } = parseCommand(demoSpec, argv);
	if (values.help) {
		console.log(commandHelp(demoSpec));
		return 0;
	}
	// Loaded here, not at the top, so `deskpulse --help` does not load the generator.
	const { defaultDemoEnd, generateDemo } = await import('../../../seeds/generate-demo');
	const tickets = wholeNumber('--tickets', values.tickets as string | undefined, 60_000, 1);
	const seed = wholeNumber('--seed', values.seed as string | undefined, 1, 0);
	const end = (values.end as string | undefined) ?? defaultDemoEnd(new Date());
	if (!/^\d{4}-\d{2}-\d{2}$/.test(end) || Number.isNaN(Date.parse(end))) throw new UsageError(`--end must be a date YYYY-MM-DD, got "${end}"`);

	const keep = typeof values.out === 'string';
	const outDir = keep ? resolve(values.out as string) : mkdtempSync(join(tmpdir(), 'deskpulse-demo-'));
	mkdirSync(outDir, { recursive: true });
	try {
		const generating = new Progress('generate');
		const summary = await generateDemo({
			tickets,
			seed,
			end,
			outDir,
			onProgress: (done, total, label) => generating.update(done, total, label)
		});
		generating.finish(`${tickets.toLocaleString('en-US')} tickets, ${summary.start} .. ${summary.end}`);
		if (keep) process.stderr.write(`deskpulse: demo files kept in ${outDir}\n`);

		const result = await withDatabase(dbPathOf(values), {
			remote: (server) =>
				forwardImport(server, { path: outDir, timezone: 'UTC', source: 'generic', label: 'demo' }),
			local: async (db) => {
				const importing = new Progress('import');
				const r = await importGenericPath(db, outDir, {
					timezone: 'UTC',
					source: 'demo',
					onProgress: (p) => importing.update(p.bytesDone, p.bytesTotal, `${p.file.split('/').pop()} (${p.phase})`)
				});
				importing.finish(`${r.files.length} files`);
				return r;
			}
		});
		return printImportResult(result);
	} finally {
		if (!keep) rmSync(outDir, { recursive: true, force: true });
	}
}
