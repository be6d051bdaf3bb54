import { UsageError, type CommandSpec } from '../args';
import { serverJson, withDatabase } from '../target';
import { idArgument, listAction, outcomeLines, POST, readDeliveryCommand, removeAction, testAction } from '../delivery-commands';
import { localTime } from '../../lib/format';
import type { Digest, DigestSummary } from '../../lib/delivery';
import { addDigestAudited, findDigest, listDigests, parseDigestInput, removeDigestAudited } from '../../lib/server/delivery/digests';
import { sendDigestsNowAudited, sendTestMessage, type DeliveryRun } from '../../lib/server/delivery/scheduler';
import { CLI_ADMIN } from '../../lib/server/auth/principal';
import { UserError } from '../../lib/server/auth/users';

export const digestSpec: CommandSpec = {
	name: 'digest',
	summary:
		'Digests: the weekly review (or one page\u2019s view) sent on a schedule to email addresses,\n' +
		'Slack or Teams (docs/delivery.md). The server sends them; `send --now` sends at once.',
	usage:
		'deskpulse digest add --to ADDR[,ADDR] --schedule "CRON" --tz ZONE [--content review|URL-PATH] [--attach md,pdf] [--name NAME]\n' +
		'       deskpulse digest list | remove ID | test ID | send --now [ID]   [--format table|json] [--db PATH]',
	help: [
		'--to ADDR[,ADDR]      recipients: email addresses, webhook URLs (Slack, Teams by their host, or slack:URL,',
		'                      teams:URL; any other URL gets JSON with a Slack-style text)',
		'--schedule "CRON"     five cron fields in --tz: "0 8 * * 1" Mondays 08:00, "0 8 1W * *" the first',
		'                      weekday of the month; or @daily, @weekdays, @weekly, @monthly (at 08:00)',
		'--tz ZONE             the recipients\u2019 zone: the schedule, the weeks and the times (default UTC)',
		'--content WHAT        review (default), or a page with its filters: /sla?plan=premium',
		'--attach LIST         what the email carries besides its HTML: md (default), pdf (needs Chromium)',
		'--name NAME           what the digest is called (default: its content)',
		'--now                 with send: send at once (ID: that digest; none: every digest), its due period or as of now',
		'--format FORMAT       table (default) or json'
	],
	options: {
		to: { type: 'string' },
		schedule: { type: 'string' },
		tz: { type: 'string' },
		content: { type: 'string' },
		attach: { type: 'string' },
		name: { type: 'string' },
		now: { type: 'boolean' },
		format: { type: 'string' }
	},
	allowPositionals: true
};

function digestLines(d: DigestSummary): string {
	const next = d.next_run ? `next ${localTime(d.next_run, d.tz)}` : 'never runs again';
	const last = d.last_sent_at ? `last sent ${localTime(d.last_sent_at, d.tz)}` : 'not sent yet';
	const failed = d.failed_deliveries ? `; ${d.failed_deliveries} failed deliveries (see the admin page)` : '';
	return `${String(d.digest_id).padStart(4)}  ${d.name}: ${d.schedule_text}, ${next}\n      to ${d.recipients_shown.join(', ')}; content ${d.content}; attach ${d.attach.join(', ') || 'nothing'}; ${last}${failed}\n`;
}

export async function runDigest(argv: string[]): Promise<number> {
	const command = readDeliveryCommand(digestSpec, argv, '/api/v1/digests', 'digest');
	if (!command) return 0;
	const { values, action, args, ctx, json, write } = command;
	const { db, format } = ctx;
	switch (action) {
		case 'add': {
			if (args.length) throw new UsageError('digest add takes flags only (see deskpulse digest --help)');
			const body = { to: values.to, schedule: values.schedule, tz: values.tz, content: values.content, attach: values.attach, name: values.name };
			let input;
			try {
				input = parseDigestInput(body);
			} catch (e) {
				if (e instanceof UserError) throw new UsageError(e.message);
				throw e;
			}
			const digest = await withDatabase(db, {
				remote: async (server) => (await serverJson<{ digest: Digest }>(server, '/api/v1/digests', POST(body))).digest,
				local: (d) => addDigestAudited(d, { principal: CLI_ADMIN }, input)
			});
			if (format === 'json') json({ digest });
			else write(`added digest ${digest.digest_id} "${digest.name}" to ${digest.recipients.length} recipient${digest.recipients.length === 1 ? '' : 's'}; the server sends it on schedule (deskpulse digest list shows the next time; deskpulse digest send --now ${digest.digest_id} sends it at once)\n`);
			return 0;
		}
		case 'list': {
			if (args.length) throw new UsageError('digest list takes no arguments');
			return listAction<DigestSummary>(ctx, 'digests', (d) => listDigests(d), digestLines, 'no digests yet: deskpulse digest add --to ADDR --schedule "0 8 * * 1" --tz ZONE');
		}
		case 'remove': {
			const id = idArgument('digest', args, 'remove');
			return removeAction(ctx, id, (d) => removeDigestAudited(d, { principal: CLI_ADMIN }, id));
		}
		case 'test': {
			const id = idArgument('digest', args, 'test');
			return testAction(ctx, id, async (d) => {
				const digest = await findDigest(d, id);
				return sendTestMessage(d, { kind: 'digest-test', id, name: digest.name, recipients: digest.recipients });
			});
		}
		case 'send': {
			if (!values.now) throw new UsageError('digest send --now [ID]: --now sends at once (the server sends every digest on its schedule)');
			const id = args.length ? idArgument('digest', args, 'send --now') : null;
			const run = await withDatabase<DeliveryRun>(db, {
				remote: (server) => serverJson<DeliveryRun>(server, '/api/v1/digests/send', POST(id === null ? {} : { id })),
				local: (d) => sendDigestsNowAudited(d, { principal: CLI_ADMIN }, id)
			});
			if (format === 'json') json(run);
			else {
				const said = (q: DeliveryRun['queued'][number]) =>
					q.scheduled ? `digest ${q.digest_id}: its period ${q.period} was due${q.skipped ? ` (${q.skipped} earlier periods missed while nothing ran)` : ''}\n` : `digest ${q.digest_id}: as of now, outside its schedule\n`;
				write(run.queued.length ? run.queued.map(said).join('') : 'no digests yet\n');
				write(outcomeLines(run.outcomes));
			}
			return run.outcomes.every((o) => o.status === 'sent') ? 0 : 1;
		}
		default:
			throw new UsageError(action ? `unknown digest action "${action}": add, list, remove, test or send` : 'say what to do: add, list, remove, test or send --now');
	}
}
