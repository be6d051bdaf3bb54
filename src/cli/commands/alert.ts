import { UsageError, type CommandSpec } from '../args';
import { serverJson, withDatabase } from '../target';
import { idArgument, listAction, outcomeLines, POST, readDeliveryCommand, removeAction, testAction } from '../delivery-commands';
import type { AlertRule, AlertRuleSummary, SendOutcome } from '../../lib/delivery';
import { addAlertRuleAudited, findAlertRule, listAlertRules, parseAlertRuleInput, removeAlertRuleAudited, setAlertRuleMutedAudited } from '../../lib/server/delivery/alert-rules';
import { evaluateAlerts, type AlertFinding } from '../../lib/server/delivery/alerts';
import { sendTestMessage } from '../../lib/server/delivery/scheduler';
import { CLI_ADMIN } from '../../lib/server/auth/principal';
import { UserError } from '../../lib/server/auth/users';

export const alertSpec: CommandSpec = {
	name: 'alert',
	summary:
		'Alert rules: a metric crossing a value, a week-over-week change, any review flag or any\n' +
		'anomaly, for a set of filters; one message per rule and week to email, Slack or Teams (docs/delivery.md).',
	usage:
		'deskpulse alert add --to ADDR[,ADDR] (--metric ID (--above V | --below V | --change-pct X | --change-points X) | --flag | --anomaly [P])\n' +
		'                    [--where DIM=VALUE ...] [--direction any|up|down] [--tz ZONE] [--name NAME]\n' +
		'       deskpulse alert list | check | mute ID | unmute ID | remove ID | test ID   [--format table|json] [--db PATH]',
	help: [
		'--to ADDR[,ADDR]      recipients: email addresses, webhook URLs (Slack, Teams by their host, or slack:URL,',
		'                      teams:URL; any other URL gets JSON with a Slack-style text)',
		'--metric ID           the metric watched (deskpulse kpis --help lists them)',
		'--above V, --below V  the metric in its week so far crosses V: a rate as 85% (or 0.85), minutes as 240 or 4h',
		'--change-pct X        the metric moved more than X % between the last two complete weeks',
		'--change-points X     a rate moved more than X points between the last two complete weeks',
		'--direction DIR       for changes: any (default), up or down',
		'--flag                any flag of the weekly review',
		'--anomaly [P]         any anomaly (categories, tags, channels, FRT, CSAT, reopens) with p below P (default 0.05)',
		'--where DIM=VALUE     the rule\u2019s filters, repeatable: segment=high_touch, plan=premium,enterprise',
		'--tz ZONE             the zone its weeks are read in (default UTC)',
		'--name NAME           what the rule is called (default: its condition in words)',
		'--format FORMAT       table (default) or json',
		'check evaluates every rule now and sends what fired for a week it had not fired for.'
	],
	options: {
		to: { type: 'string' },
		metric: { type: 'string' },
		above: { type: 'string' },
		below: { type: 'string' },
		'change-pct': { type: 'string' },
		'change-points': { type: 'string' },
		direction: { type: 'string' },
		flag: { type: 'boolean' },
		anomaly: { type: 'boolean' },
		where: { type: 'string', multiple: true },
		tz: { type: 'string' },
		name: { type: 'string' },
		format: { type: 'string' }
	},
	allowPositionals: true
};

/** The condition flags as the API's condition and threshold; exactly one must be given. */
function conditionOf(values: Record<string, unknown>, args: string[]): { condition: string; threshold: string | null; rest: string[] } {
	const given = [
		...(['above', 'below', 'change-pct', 'change-points'] as const).filter((f) => typeof values[f] === 'string').map((f) => ({ condition: f.replace('-', '_'), threshold: values[f] as string })),
		...(values.flag ? [{ condition: 'flag', threshold: null }] : []),
		...(values.anomaly ? [{ condition: 'anomaly', threshold: null }] : [])
	];
	if (given.length !== 1) throw new UsageError('give one condition: --above V, --below V, --change-pct X, --change-points X, --flag or --anomaly [P]');
	const [chosen] = given;
	// `--anomaly 0.01`: the level arrives as a positional, since --anomaly also stands alone.
	if (chosen.condition === 'anomaly' && args.length) return { ...chosen, threshold: args[0], rest: args.slice(1) };
	return { ...chosen, rest: args };
}

function ruleLines(r: AlertRuleSummary): string {
	const state = r.muted ? 'muted' : r.last_fired_week ? `last fired for ${r.last_fired_week}` : 'not fired yet';
	const failed = r.failed_deliveries ? `; ${r.failed_deliveries} failed deliveries (see the admin page)` : '';
	return `${String(r.rule_id).padStart(4)}  ${r.name}${r.name === r.condition_text ? '' : `: ${r.condition_text}`} (weeks in ${r.tz})\n      to ${r.recipients_shown.join(', ')}; ${state}${failed}\n`;
}

function findingLines(findings: AlertFinding[]): string {
	if (findings.length === 0) return 'no alert rule to evaluate (muted rules are not)\n';
	return findings.map((f) => `${String(f.rule_id).padStart(4)}  ${f.name}: ${f.fired ? (f.queued ? `fired for ${f.week}, sent` : `holds for ${f.week}, already sent for that week`) : `quiet${f.week ? ` for ${f.week}` : ''}`}\n      ${f.summary}\n`).join('');
}

export async function runAlert(argv: string[]): Promise<number> {
	const command = readDeliveryCommand(alertSpec, argv, '/api/v1/alerts', 'alert rule');
	if (!command) return 0;
	const { values, action, args, ctx, json, write } = command;
	const { db, format } = ctx;
	const actor = { principal: CLI_ADMIN };
	switch (action) {
		case 'add': {
			const { condition, threshold, rest } = conditionOf(values, args);
			if (rest.length) throw new UsageError('alert add takes flags only (see deskpulse alert --help)');
			const filters = new URLSearchParams();
			for (const w of (values.where as string[] | undefined) ?? []) {
				const eq = w.indexOf('=');
				if (eq < 1) throw new UsageError(`--where takes DIM=VALUE, got "${w}"`);
				filters.append(w.slice(0, eq).trim(), w.slice(eq + 1).trim());
			}
			const body = { to: values.to, metric: values.metric, condition, threshold, direction: values.direction, filters: filters.toString(), tz: values.tz, name: values.name };
			let input;
			try {
				input = parseAlertRuleInput(body);
			} catch (e) {
				if (e instanceof UserError) throw new UsageError(e.message);
				throw e;
			}
			const rule = await withDatabase(db, {
				remote: async (server) => (await serverJson<{ rule: AlertRule }>(server, '/api/v1/alerts', POST(body))).rule,
				local: (d) => addAlertRuleAudited(d, actor, input)
			});
			if (format === 'json') json({ rule });
			else write(`added alert rule ${rule.rule_id} "${rule.name}"; it is evaluated after every import and every hour (deskpulse alert check evaluates it now)\n`);
			return 0;
		}
		case 'list': {
			if (args.length) throw new UsageError('alert list takes no arguments');
			return listAction<AlertRuleSummary>(ctx, 'rules', (d) => listAlertRules(d), ruleLines, 'no alert rules yet: deskpulse alert add --to ADDR --metric csat_rate --below 85% --where segment=high_touch');
		}
		case 'check': {
			if (args.length) throw new UsageError('alert check takes no arguments');
			const run = await withDatabase(db, {
				remote: (server) => serverJson<{ findings: AlertFinding[]; outcomes: SendOutcome[] }>(server, '/api/v1/alerts/check', POST({})),
				local: (d) => evaluateAlerts(d, new Date(), 'admin')
			});
			if (format === 'json') json(run);
			else write(findingLines(run.findings) + (run.outcomes.length ? outcomeLines(run.outcomes) : ''));
			return run.outcomes.every((o) => o.status === 'sent') ? 0 : 1;
		}
		case 'mute':
		case 'unmute': {
			const id = idArgument('alert', args, action);
			const rule = await withDatabase(db, {
				remote: async (server) => (await serverJson<{ rule: AlertRule }>(server, `/api/v1/alerts/${id}/${action}`, POST({}))).rule,
				local: (d) => setAlertRuleMutedAudited(d, actor, id, action === 'mute')
			});
			if (format === 'json') json({ rule });
			else write(`${action}d alert rule ${id} "${rule.name}"\n`);
			return 0;
		}
		case 'remove': {
			const id = idArgument('alert', args, 'remove');
			return removeAction(ctx, id, (d) => removeAlertRuleAudited(d, actor, id));
		}
		case 'test': {
			const id = idArgument('alert', args, 'test');
			return testAction(ctx, id, async (d) => {
				const rule = await findAlertRule(d, id);
				return sendTestMessage(d, { kind: 'alert-test', id, name: rule.name, recipients: rule.recipients });
			});
		}
		default:
			throw new UsageError(action ? `unknown alert action "${action}": add, list, check, mute, unmute, remove or test` : 'say what to do: add, list, check, mute, unmute, remove or test');
	}
}
