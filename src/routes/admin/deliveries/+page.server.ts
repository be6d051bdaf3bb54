import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { appDatabase } from '$lib/server/app-db';
import { UserError } from '$lib/server/auth/users';
import { addDigestAudited, findDigest, listDigests, parseDigestInput, removeDigestAudited } from '$lib/server/delivery/digests';
import { addAlertRuleAudited, findAlertRule, listAlertRules, parseAlertRuleInput, removeAlertRuleAudited, setAlertRuleMutedAudited } from '$lib/server/delivery/alert-rules';
import { sendDigestsNowAudited, sendTestMessage } from '$lib/server/delivery/scheduler';
import { evaluateAlerts } from '$lib/server/delivery/alerts';
import { listDeliveries, retryDelivery } from '$lib/server/delivery/messages';
import { smtpConfigured } from '$lib/server/delivery/channels';
import { publicBaseUrl } from '$lib/server/delivery/links';
import { pdfProblem } from '$lib/server/export/pdf';
import { METRICS } from '$lib/metric-catalog';
import { DIGEST_PAGES } from '$lib/delivery';
import { isTimeZone } from '$lib/filters';

/** Deliveries listed on the page: the latest, newest first. */
const SHOWN_DELIVERIES = 50;

export const load: PageServerLoad = async ({ url }) => {
	const db = await appDatabase();
	// A page's "send it to the team" link names its content and zone: the form starts with them.
	const tz = url.searchParams.get('tz');
	const [digests, rules, deliveries] = await Promise.all([listDigests(db), listAlertRules(db), listDeliveries(db, { limit: SHOWN_DELIVERIES })]);
	return {
		digests,
		rules,
		deliveries,
		smtpConfigured: smtpConfigured(),
		publicUrl: publicBaseUrl(),
		pdfProblem: pdfProblem(),
		pages: Object.entries(DIGEST_PAGES).map(([path, label]) => ({ path, label })),
		metrics: METRICS.map((m) => ({ id: m.id, label: m.label, unit: m.unit })),
		prefill: { content: url.searchParams.get('content')?.slice(0, 500) || 'review', tz: tz && isTimeZone(tz) ? tz : null }
	};
};

/** Runs an action; a refusal of the rules (bad input, an unknown id) is the form's message, not an error page. */
async function attempt<T>(work: () => Promise<T>): Promise<T | ReturnType<typeof fail<{ message: string }>>> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof UserError) return fail(400, { message: e.message });
		throw e;
	}
}

function fieldsOf(form: FormData) {
	return (name: string) => String(form.get(name) ?? '').trim();
}

const actorOf = (event: RequestEvent) => ({ principal: event.locals.principal!, ip: event.getClientAddress() });

export const actions: Actions = {
	addDigest: async (event) => {
		const field = fieldsOf(await event.request.formData());
		return attempt(async () => {
			const schedule = field('schedule') === 'custom' ? field('cron') : field('schedule');
			const input = parseDigestInput({ name: field('name'), to: field('to'), content: field('content'), schedule, tz: field('tz'), attach: field('attach_pdf') ? 'md,pdf' : 'md' });
			const digest = await addDigestAudited(await appDatabase(), actorOf(event), input);
			return { done: `Digest "${digest.name}" added: ${digest.recipients.length} recipient${digest.recipients.length === 1 ? '' : 's'}.` };
		});
	},
	sendDigest: async (event) => {
		const field = fieldsOf(await event.request.formData());
		return attempt(async () => {
			const run = await sendDigestsNowAudited(await appDatabase(), actorOf(event), Number(field('id')));
			return { outcomes: run.outcomes };
		});
	},
	testDigest: async (event) => {
		const field = fieldsOf(await event.request.formData());
		return attempt(async () => {
			const db = await appDatabase();
			const digest = await findDigest(db, Number(field('id')));
			return { outcomes: await sendTestMessage(db, { kind: 'digest-test', id: digest.digest_id, name: digest.name, recipients: digest.recipients }) };
		});
	},
	removeDigest: async (event) => {
		const field = fieldsOf(await event.request.formData());
		return attempt(async () => {
			await removeDigestAudited(await appDatabase(), actorOf(event), Number(field('id')));
			return { done: `Digest ${field('id')} removed.` };
		});
	},
	addRule: async (event) => {
		const field = fieldsOf(await event.request.formData());
		return attempt(async () => {
			const condition = field('condition');
			const input = parseAlertRuleInput({
				name: field('name'),
				metric: condition === 'flag' || condition === 'anomaly' ? '' : field('metric'),
				condition,
				threshold: field('threshold') || null,
				direction: field('direction') || 'any',
				filters: field('filters'),
				to: field('to'),
				tz: field('tz')
			});
			const rule = await addAlertRuleAudited(await appDatabase(), actorOf(event), input);
			return { done: `Alert rule "${rule.name}" added; it is evaluated after every import and every hour.` };
		});
	},
	muteRule: async (event) => {
		const field = fieldsOf(await event.request.formData());
		return attempt(async () => {
			const rule = await setAlertRuleMutedAudited(await appDatabase(), actorOf(event), Number(field('id')), field('muted') === 'true');
			return { done: `Alert rule "${rule.name}" ${rule.muted ? 'muted' : 'unmuted'}.` };
		});
	},
	testRule: async (event) => {
		const field = fieldsOf(await event.request.formData());
		return attempt(async () => {
			const db = await appDatabase();
			const rule = await findAlertRule(db, Number(field('id')));
			return { outcomes: await sendTestMessage(db, { kind: 'alert-test', id: rule.rule_id, name: rule.name, recipients: rule.recipients }) };
		});
	},
	removeRule: async (event) => {
		const field = fieldsOf(await event.request.formData());
		return attempt(async () => {
			await removeAlertRuleAudited(await appDatabase(), actorOf(event), Number(field('id')));
			return { done: `Alert rule ${field('id')} removed.` };
		});
	},
	checkRules: async () =>
		attempt(async () => {
			const run = await evaluateAlerts(await appDatabase(), new Date(), 'admin');
			return { findings: run.findings, outcomes: run.outcomes };
		}),
	retry: async (event) => {
		const field = fieldsOf(await event.request.formData());
		return attempt(async () => {
			return { outcomes: await retryDelivery(await appDatabase(), Number(field('id'))) };
		});
	}
};
