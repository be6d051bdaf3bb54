// The load run of `npm run load` and of the bench's last step: N virtual users at once, each
// looping over the pages and API reports with random (seeded) filters, against one server.
import { dataUrl, ENDPOINTS, PAGES, startServer, withParams } from './dashboard';
import { readFilterValues, twelveWeeks, type FilterValues } from './filters';
import { progress, quantile, round } from './lib';
import { Rng } from '../seeds/random';
import { GRAINS } from '../src/lib/filters';

/**
 * The random parameters a page or endpoint reads; a URL not named here takes none. `dims`:
 * segment, plan, channel; `org_dims`: segment and plan only (sessions and searches carry no
 * channel, and their lists and KB gaps answer 400 to one).
 */
type Takes = 'grain' | 'range' | 'week' | 'metric' | 'ticket_metric' | 'offset' | 'dims' | 'org_dims';
const TAKES: Record<string, Takes[]> = {
	'/': ['grain', 'dims', 'range'],
	'/review': ['week', 'dims'],
	'/trends': ['week', 'dims'],
	'/cohorts': ['metric', 'dims', 'range'],
	'/sla': ['grain', 'dims', 'range'],
	'/self-service': ['dims', 'range'],
	'/staffing': ['dims'],
	'/tickets': ['ticket_metric', 'dims', 'range', 'offset'],
	'/api/v1/kpis': ['grain', 'dims', 'range'],
	'/api/v1/survival': ['dims', 'range'],
	'/api/v1/tickets?metric=tickets_created': ['ticket_metric', 'dims', 'range', 'offset'],
	'/api/v1/sessions': ['org_dims', 'range', 'offset'],
	'/api/v1/searches': ['org_dims', 'range', 'offset'],
	'/api/v1/flags': ['week', 'dims'],
	'/api/v1/review': ['week', 'dims'],
	'/api/v1/forecast': ['dims'],
	'/api/v1/anomalies': ['week', 'dims'],
	'/api/v1/kb-gaps': ['org_dims', 'range']
};

/** The dimensions a user filters by, each on its own with this chance (the rest stay "all"). */
const DIM_CHANCE = { segment: 0.4, plan: 0.25, channel: 0.25 } as const;
/** A list page is one of the first PAGES_DEEP pages of 50 rows. */
const LIST_PAGE = 50;
const PAGES_DEEP = 10;
/** A request that takes longer counts as a network error ('timeout'), so a run always ends. */
const REQUEST_TIMEOUT_MS = 120_000;

export interface LoadOptions {
	/** The database file the server opens (not opened by anyone else meanwhile). */
	db: string;
	users: number;
	seconds: number;
	seed: number;
	/** The server's port; a free one when absent. */
	port?: number;
}

interface Sample {
	/** The URL without the query string (`/sla/__data.json`, `/api/v1/tickets`). */
	pattern: string;
	url: string;
	/** HTTP status, or 0 for a network error or a timeout. */
	status: number;
	ms: number;
}

export interface Failure {
	status: number | string;
	pattern: string;
	count: number;
	examples: string[];
}

export interface LoadSummary {
	tickets: number;
	users: number;
	seconds: number;
	seed: number;
	requests: number;
	/** From the first request to the end of the last (users start none after `seconds`). */
	duration_s: number;
	requests_per_s: number;
	p50_ms: number;
	p95_ms: number;
	p99_ms: number;
	max_ms: number;
	/** Requests not answered 2xx: any other status, a network error or a timeout (refused included). */
	errors: number;
	/** Of those, answered 429 or 503: turned away by the server. */
	refused: number;
	failures: Failure[];
	server_peak_rss_mb: number | null;
	by_url: Array<{ pattern: string; requests: number; p50_ms: number; p95_ms: number; max_ms: number; errors: number }>;
	filter_values: { segment: string[]; plan: string[]; channel: string[]; weeks: string[]; ticket_metrics: number; metrics: number };
}

/** One request's URL: a page or endpoint, uniformly, with the random filters it takes. */
export function randomRequest(values: FilterValues, random: Rng): { pattern: string; url: string } {
	const path = random.pick([...PAGES, ...ENDPOINTS]);
	const base = dataUrl(path);
	const params: Record<string, string> = {};
	for (const take of TAKES[path] ?? []) {
		if (take === 'grain') params.grain = random.pick(GRAINS);
		else if (take === 'week') params.week = random.pick(values.weeks);
		else if (take === 'range') {
			if (random.next() < 0.5) Object.assign(params, twelveWeeks(random.pick(values.weeks)));
		} else if (take === 'metric') params.metric = random.pick(values.metrics);
		else if (take === 'ticket_metric') params.metric = random.pick(values.ticketMetrics);
		else if (take === 'offset') params.offset = String(LIST_PAGE * random.int(0, PAGES_DEEP - 1));
		else {
			for (const [dim, chance] of Object.entries(DIM_CHANCE)) {
				if (take === 'org_dims' && dim === 'channel') continue;
				const offered = values.dimensions[dim as keyof typeof DIM_CHANCE];
				if (offered.length && random.next() < chance) params[dim] = random.pick(offered);
			}
		}
	}
	// A parameter the endpoint fixes (`metric=tickets_created`) is replaced, not repeated.
	const [pathPart, fixed] = base.split('?');
	const query = new URLSearchParams(fixed);
	for (const [k, v] of Object.entries(params)) query.set(k, v);
	return { pattern: pathPart, url: withParams(pathPart, Object.fromEntries(query)) };
}

async function virtualUser(base: string, values: FilterValues, random: Rng, deadline: number, samples: Sample[]): Promise<void> {
	while (performance.now() < deadline) {
		const { pattern, url } = randomRequest(values, random);
		const t0 = performance.now();
		let status = 0;
		try {
			const res = await fetch(base + url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
			await res.arrayBuffer();
			status = res.status;
		} catch {
			/* a network error or the timeout: status 0 */
		}
		samples.push({ pattern, url, status, ms: performance.now() - t0 });
	}
}

const ok = (s: Sample) => s.status >= 200 && s.status < 300;

function failures(samples: Sample[]): Failure[] {
	const groups = new Map<string, Failure>();
	for (const s of samples.filter((x) => !ok(x))) {
		const key = `${s.status} ${s.pattern}`;
		const g = groups.get(key) ?? { status: s.status || 'network error', pattern: s.pattern, count: 0, examples: [] };
		g.count++;
		if (g.examples.length < 3) g.examples.push(s.url);
		groups.set(key, g);
	}
	return [...groups.values()].sort((a, b) => b.count - a.count);
}

/**
 * Starts the server on `o.db`, runs `o.users` users for `o.seconds` seconds, stops the server
 * and summarizes. Each user's choices come from its own sequence (seed, user), so the same
 * seed asks the same URLs in the same order per user; which finish first is the machine's.
 */
export async function runLoad(o: LoadOptions): Promise<LoadSummary> {
	const values = await readFilterValues(o.db);
	const server = await startServer(o.db, o.port);
	const samples: Sample[] = [];
	let rss: number | null = null;
	try {
		progress('load', `${o.users} users for ${o.seconds} s on ${server.url} (${values.tickets} tickets, seed ${o.seed})`);
		const t0 = performance.now();
		const deadline = t0 + o.seconds * 1000;
		const tick = setInterval(() => {
			const s = (performance.now() - t0) / 1000;
			const bad = samples.filter((x) => !ok(x)).length;
			progress('load', `${s.toFixed(0)} s: ${samples.length} requests (${(samples.length / s).toFixed(1)}/s), p95 ${samples.length ? quantile(samples.map((x) => x.ms), 0.95).toFixed(0) : '-'} ms, ${bad} errors`);
		}, 5000);
		try {
			await Promise.all(Array.from({ length: o.users }, (_, i) => virtualUser(server.url, values, new Rng(o.seed, `user-${i}`), deadline, samples)));
		} finally {
			clearInterval(tick);
		}
		var durationS = (performance.now() - t0) / 1000;
	} finally {
		rss = await server.stop();
	}
	const ms = samples.map((s) => s.ms);
	const patterns = [...new Set(samples.map((s) => s.pattern))].sort();
	return {
		tickets: values.tickets,
		users: o.users,
		seconds: o.seconds,
		seed: o.seed,
		requests: samples.length,
		duration_s: round(durationS, 2)!,
		requests_per_s: round(samples.length / durationS, 2)!,
		p50_ms: round(quantile(ms, 0.5))!,
		p95_ms: round(quantile(ms, 0.95))!,
		p99_ms: round(quantile(ms, 0.99))!,
		max_ms: round(Math.max(...ms))!,
		errors: samples.filter((s) => !ok(s)).length,
		refused: samples.filter((s) => s.status === 429 || s.status === 503).length,
		failures: failures(samples),
		server_peak_rss_mb: round(rss),
		by_url: patterns.map((pattern) => {
			const of = samples.filter((s) => s.pattern === pattern);
			const t = of.map((s) => s.ms);
			return { pattern, requests: of.length, p50_ms: round(quantile(t, 0.5))!, p95_ms: round(quantile(t, 0.95))!, max_ms: round(Math.max(...t))!, errors: of.filter((s) => !ok(s)).length };
		}),
		filter_values: {
			segment: values.dimensions.segment,
			plan: values.dimensions.plan,
			channel: values.dimensions.channel,
			weeks: [values.weeks.at(-1)!, values.weeks[0]],
			ticket_metrics: values.ticketMetrics.length,
			metrics: values.metrics.length
		}
	};
}

/** The summary as the short table both `npm run load` and the bench print. */
export function loadTable(s: LoadSummary): string {
	const lines = [
		`load: ${s.users} users x ${s.seconds} s, ${s.tickets.toLocaleString('en-US')} tickets, seed ${s.seed}`,
		`  requests ${s.requests} in ${s.duration_s} s = ${s.requests_per_s}/s; latency p50 ${s.p50_ms} ms, p95 ${s.p95_ms} ms, p99 ${s.p99_ms} ms, max ${s.max_ms} ms`,
		`  errors ${s.errors} (refused 429/503: ${s.refused}); server peak RSS ${s.server_peak_rss_mb ?? '-'} MB`,
		'',
		`  ${'url'.padEnd(28)} ${'requests'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'errors'.padStart(6)}`,
		...s.by_url.map((u) => `  ${u.pattern.padEnd(28)} ${String(u.requests).padStart(8)} ${u.p50_ms.toFixed(0).padStart(8)} ${u.p95_ms.toFixed(0).padStart(8)} ${u.max_ms.toFixed(0).padStart(8)} ${String(u.errors).padStart(6)}`)
	];
	for (const f of s.failures.slice(0, 10)) lines.push(`  failed: ${f.status} ${f.pattern} x${f.count}, e.g. ${f.examples[0]}`);
	return lines.join('\n');
}
