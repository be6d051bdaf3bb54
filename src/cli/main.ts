import { commandHelp, UsageError, type CommandSpec } from './args';
import { importSpec, runImport } from './commands/import';
import { kpisSpec, runKpis } from './commands/kpis';
import { demoSpec, runDemo } from './commands/demo';
import { runSurvival, survivalSpec } from './commands/survival';
import { runDrill, searchesSpec, sessionsSpec, ticketsSpec } from './commands/drill';
import { flagsSpec, runFlags } from './commands/flags';
import { forecastSpec, runForecast } from './commands/forecast';
import { anomaliesSpec, runAnomalies } from './commands/anomalies';
import { pilotSpec, runPilot } from './commands/pilot';
import { digestSpec, runDigest } from './commands/digest';
import { alertSpec, runAlert } from './commands/alert';
import { kbGapsSpec, runKbGaps } from './commands/kb-gaps';
import { reconcileSpec, runReconcile } from './commands/reconcile';
import { reviewSpec, runReview } from './commands/review';
import { checkSpec, runCheck } from './commands/check';
import { runUser, userSpec } from './commands/user';
import { runToken, tokenSpec } from './commands/token';
import { eraseSpec, runErase } from './commands/erase';
import { exportSpec, runExport } from './commands/export';

const COMMANDS: Array<{ spec: CommandSpec; run: (argv: string[]) => Promise<number> }> = [
	{ spec: importSpec, run: runImport },
	{ spec: demoSpec, run: runDemo },
	{ spec: kpisSpec, run: runKpis },
	{ spec: survivalSpec, run: runSurvival },
	{ spec: ticketsSpec, run: runDrill('tickets') },
	{ spec: sessionsSpec, run: runDrill('sessions') },
	{ spec: searchesSpec, run: runDrill('searches') },
	{ spec: flagsSpec, run: runFlags },
	{ spec: forecastSpec, run: runForecast },
	{ spec: anomaliesSpec, run: runAnomalies },
	{ spec: pilotSpec, run: runPilot },
	{ spec: digestSpec, run: runDigest },
	{ spec: alertSpec, run: runAlert },
	{ spec: kbGapsSpec, run: runKbGaps },
	{ spec: reconcileSpec, run: runReconcile },
	{ spec: reviewSpec, run: runReview },
	{ spec: checkSpec, run: runCheck },
	{ spec: userSpec, run: runUser },
	{ spec: tokenSpec, run: runToken },
	{ spec: eraseSpec, run: runErase },
	{ spec: exportSpec, run: runExport }
];

function overview(): string {
	const lines = COMMANDS.map((c) => `  ${c.spec.name.padEnd(10)} ${c.spec.summary.split('\n')[0]}`);
	return [
		'usage: deskpulse <command> [options]',
		'',
		'Support analytics on an embedded DuckDB. Commands work on the database file given by --db',
		'(default $DESKPULSE_DB, else data/deskpulse.duckdb), or through the server that holds it.',
		'',
		'commands:',
		...lines,
		'',
		'deskpulse <command> --help shows a command\'s options.'
	].join('\n');
}

/** Runs the deskpulse command line; returns the exit status. */
export async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		console.log(overview());
		return name ? 0 : 2;
	}
	const command = COMMANDS.find((c) => c.spec.name === name);
	if (!command) {
		console.error(`deskpulse: unknown command "${name}"\n\n${overview()}`);
		return 2;
	}
	try {
		return await command.run(rest);
	} catch (e) {
		if (e instanceof UsageError) {
			console.error(`deskpulse ${name}: ${e.message}\n\n${commandHelp(command.spec)}`);
			return 2;
		}
		console.error(`deskpulse ${name}: ${(e as Error).message}`);
		return 1;
	}
}
