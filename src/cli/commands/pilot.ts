import { commandHelp, dbPathOf, parseCommand, UsageError, type CommandSpec } from '../args';
import { serverJson, withDatabase } from '../target';
import { terminalSafe } from '../terminal';
import { textTable } from '../report-command';
import { FilterError, parseKpiQuery } from '../../lib/filters';
import { toCsv } from '../../lib/csv';
import { formatMinutes } from '../../lib/format';
import { describeGroup, formatEffect, formatInterval, formatPilotValue, PILOT_CSV_COLUMNS, PILOT_DIMENSIONS, PILOT_METRICS, type Pilot, type PilotResult } from '../../lib/pilots';
import { addPilotAudited, computePilot, endPilotAudited, findPilot, listPilotSummaries, parsePilotInput, type PilotSummary } from '../../lib/server/metrics/pilots';
import { CLI_ADMIN } from '../../lib/server/auth/principal';
import { UserError } from '../../lib/server/auth/users';

export const pilotSpec: CommandSpec = {
	name: 'pilot',
	summary:
		'Pilots: a change tried on one group from a start date, judged against a control group by\n' +
		'difference-in-differences with 95 % intervals and a verdict (docs/pilots.md).\n' +
		'`add` stores one, `list` shows every pilot with its verdict, `show ID` its whole result,\n' +
		'`end ID` ends a running one (at --end, default now).',
	usage:
		'deskpulse pilot add --name NAME --start DATE [--end DATE] --treated DIM=VALUES ... [--control DIM=VALUES ...]\n' +
		'                      [--metric ID] [--min-effect N] [--csat-tolerance POINTS]\n' +
		'       deskpulse pilot list | show ID [--as-of ISO] [--tz ZONE] [--hours FLAVOUR] [--format table|json|csv] [--db PATH]\n' +
		'       deskpulse pilot end ID [--end DATE] [--tz ZONE]',
	help: [
		'--name NAME            what the pilot is ("Export article kb-217")',
		'--start DATE           when it started: 2026-05-18, 2026-05-18T15:00 (in --tz) or an ISO instant',
		'--end DATE             when it ended (add: default still running; end: default now)',
		`--treated DIM=VALUES   the treated group, repeatable: ${PILOT_DIMENSIONS.join(', ')} (values comma-separated)`,
		'--control DIM=VALUES   the control group, repeatable (default: every ticket not treated)',
		`--metric ID            what the verdict judges: ${PILOT_METRICS.map((m) => m.id).join(', ')}`,
		'                       (default: deflection_rate for groups of customers, else tickets_per_customer)',
		'--min-effect N         the least improvement that counts, in the metric\u2019s unit: points for rates,',
		'                       percent for tickets per customer, minutes for medians (default 5 points, 10 %)',
		'--csat-tolerance N     CSAT may fall at most N points, and not significantly, for "scale it" (default 2)',
		'--as-of ISO            the instant the result is read at (default: now)',
		'--tz ZONE              the zone of dates without an offset, and of the team figures (default UTC)',
		'--hours FLAVOUR        business or calendar durations (default: business when a schedule is imported)',
		'--format FORMAT        table (default), json or csv'
	],
	options: {
		name: { type: 'string' },
		start: { type: 'string' },
		end: { type: 'string' },
		treated: { type: 'string', multiple: true },
		control: { type: 'string', multiple: true },
		metric: { type: 'string' },
		'min-effect': { type: 'string' },
		'csat-tolerance': { type: 'string' },
		'as-of': { type: 'string' },
		tz: { type: 'string' },
		hours: { type: 'string' },
		format: { type: 'string' }
	},
	allowPositionals: true
};

/** `--treated category=how_to --treated tag=export` as a group object. */
function groupFlags(flags: unknown, what: string): Record<string, string> | null {
	if (!Array.isArray(flags) || flags.length === 0) return null;
	const group: Record<string, string> = {};
	for (const flag of flags as string[]) {
		const eq = flag.indexOf('=');
		if (eq < 1) throw new UsageError(`--${what} takes DIM=VALUES, got "${flag}"`);
		const dim = flag.slice(0, eq).trim();
		group[dim] = group[dim] ? `${group[dim]},${flag.slice(eq + 1)}` : flag.slice(eq + 1);
	}
	return group;
}

export async function runPilot(argv: string[]): Promise<number> {
	const { values, positionals } = parseCommand(pilotSpec, argv);
	if (values.help) {
		console.log(commandHelp(pilotSpec));
		return 0;
	}
	const [action, ...args] = positionals;
	const format = (values.format as string | undefined) ?? 'table';
	if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`--format must be table, json or csv, got "${format}"`);
	const search = new URLSearchParams();
	for (const [flag, name] of [['as-of', 'as_of'], ['tz', 'tz'], ['hours', 'hours']] as const) {
		if (typeof values[flag] === 'string') search.set(name, values[flag] as string);
	}
	let q;
	try {
		q = parseKpiQuery(search);
	} catch (e) {
		if (e instanceof FilterError) throw new UsageError(`--${e.param.replace(/_/g, '-')}: ${e.message}`);
		throw e;
	}
	search.set('as_of', q.asOf);
	const db = dbPathOf(values);
	const write = (text: string) => process.stdout.write(format === 'table' ? terminalSafe(text) : text);
	switch (action) {
		case 'add': {
			if (args.length) throw new UsageError('pilot add takes flags only (see deskpulse pilot --help)');
			const body = {
				name: values.name,
				start: values.start,
				end: values.end,
				treated: groupFlags(values.treated, 'treated'),
				control: groupFlags(values.control, 'control'),
				metric: values.metric,
				min_effect: values['min-effect'],
				csat_tolerance: values['csat-tolerance'],
				tz: q.tz
			};
			let input;
			try {
				input = parsePilotInput(body, q.tz);
			} catch (e) {
				if (e instanceof UserError) throw new UsageError(e.message);
				throw e;
			}
			const pilot = await withDatabase(db, {
				remote: async (server) =>
					(await serverJson<{ pilot: Pilot }>(server, '/api/v1/pilots', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).pilot,
				local: (d) => addPilotAudited(d, { principal: CLI_ADMIN }, input)
			});
			if (format === 'json') write(JSON.stringify({ pilot }, null, 2) + '\n');
			else write(`added pilot ${pilot.pilot_id} "${pilot.name}": ${describeGroup(pilot.treated)} from ${pilot.starts_at}; see deskpulse pilot show ${pilot.pilot_id}\n`);
			return 0;
		}
		case 'list': {
			if (args.length) throw new UsageError('pilot list takes no arguments');
			const rows = await withDatabase(db, {
				remote: async (server) => (await serverJson<{ rows: PilotSummary[] }>(server, `/api/v1/pilots?${search}`)).rows,
				local: (d) => listPilotSummaries(d, q)
			});
			if (format === 'json') write(JSON.stringify({ meta: { as_of: q.asOf, count: rows.length }, rows }, null, 2) + '\n');
			else if (format === 'csv') write(toCsv(['pilot_id', 'name', 'starts_at', 'ends_at', 'running', 'after_weeks', 'metric', 'effect', 'effect_lo', 'effect_hi', 'status', 'verdict'], rows.map((r) => ({ ...r, status: r.verdict.status, verdict: r.verdict.text }))));
			else if (rows.length === 0) write('no pilots yet: deskpulse pilot add --name NAME --start DATE --treated DIM=VALUES\n');
			else write(rows.map((r) => `${String(r.pilot_id).padStart(4)}  ${r.name}, from ${r.starts_at.slice(0, 16).replace('T', ' ')}Z${r.ends_at ? ` to ${r.ends_at.slice(0, 16).replace('T', ' ')}Z` : r.running ? ', running' : ''}\n      ${r.verdict.text}\n`).join(''));
			return 0;
		}
		case 'show': {
			const id = Number(args[0]);
			if (args.length !== 1 || !Number.isInteger(id) || id < 1) throw new UsageError('pilot show takes a pilot ID (see deskpulse pilot list)');
			const result = await withDatabase(db, {
				remote: (server) => serverJson<PilotResult>(server, `/api/v1/pilots/${id}?${search}`),
				local: async (d) => computePilot(d, await findPilot(d, id), q)
			});
			if (format === 'json') write(JSON.stringify(result, null, 2) + '\n');
			else if (format === 'csv') write(toCsv([...PILOT_CSV_COLUMNS], result.rows));
			else write(pilotTable(result));
			return 0;
		}
		case 'end': {
			const id = Number(args[0]);
			if (args.length !== 1 || !Number.isInteger(id) || id < 1) throw new UsageError('pilot end takes a pilot ID (see deskpulse pilot list)');
			const body = { end: values.end, tz: q.tz };
			const pilot = await withDatabase(db, {
				remote: async (server) =>
					(await serverJson<{ pilot: Pilot }>(server, `/api/v1/pilots/${id}/end`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).pilot,
				local: (d) => endPilotAudited(d, { principal: CLI_ADMIN }, id, values.end, q.tz)
			});
			if (format === 'json') write(JSON.stringify({ pilot }, null, 2) + '\n');
			else write(`ended pilot ${pilot.pilot_id} "${pilot.name}" at ${pilot.ends_at}; see deskpulse pilot show ${pilot.pilot_id}\n`);
			return 0;
		}
		default:
			throw new UsageError(action ? `unknown pilot action "${action}": add, list, show or end` : 'say what to do: add, list, show or end');
	}
}

const cellText = (metric: string, value: number | null) => formatPilotValue(metric, value, formatMinutes);

function pilotTable(result: PilotResult): string {
	const m = result.meta;
	const lines = [
		`Pilot ${m.pilot.pilot_id} "${m.pilot.name}", as of ${m.as_of} (${m.hours} hours)`,
		...m.notes,
		'',
		m.verdict.text,
		...(m.verdict.caution ? [m.verdict.caution] : []),
		'',
		textTable(
			['metric', 'treated before', 'after', 'control before', 'after', 'difference-in-differences', '95 % interval'],
			result.rows.map((r) => [
				r.label,
				cellText(r.metric, r.treated_before),
				cellText(r.metric, r.treated_after),
				cellText(r.metric, r.control_before),
				cellText(r.metric, r.control_after),
				formatEffect(r.effect, r.unit),
				formatInterval(r.effect_lo, r.effect_hi, r.unit)
			]),
			1
		),
		...result.rows.filter((r) => r.note).map((r) => `${r.label}: ${r.note}.`),
		'',
		...m.team.map((t) => `${t.label}: ${t.before === null ? '-' : t.before.toFixed(2)} before, ${t.after === null ? '-' : t.after.toFixed(2)} after`)
	];
	return lines.join('\n') + '\n';
}
