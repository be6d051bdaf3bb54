import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, median, progress, quantile, ROOT, vmHwmMb } from './lib';

/** Every page whose server load the dashboard runs (SvelteKit's __data.json endpoint). */
export const PAGES = ['/', '/review', '/trends', '/cohorts', '/sla', '/self-service', '/staffing', '/tickets', '/imports'];

/**
 * Every GET endpoint of src/lib/server/api/*.ts, with a sensible parameter where one is
 * needed. `:id` is the first import run.
 */
export const ENDPOINTS = [
	'/api/v1/health',
	'/api/v1/metrics',
	'/api/v1/kpis',
	'/api/v1/survival',
	'/api/v1/tickets?metric=tickets_created',
	'/api/v1/sessions',
	'/api/v1/searches',
	'/api/v1/flags',
	'/api/v1/review',
	'/api/v1/forecast',
	'/api/v1/anomalies',
	'/api/v1/reconcile?source=generic',
	'/api/v1/kb-gaps',
	'/api/v1/imports',
	'/api/v1/imports/1',
	'/api/v1/imports/1/rejects.csv'
];

/**
 * The endpoints that compute a report for a query (and take `as_of`): timed uncached like the
 * pages. Health, the catalog and the import runs compute nothing per query.
 */
export const REPORT_ENDPOINTS = ENDPOINTS.filter((e) => !/^\/api\/v1\/(health|metrics|imports)\b/.test(e));

/**
 * The report endpoints that take every filter-bar dimension (the ticket reports), timed with
 * a random pair of filters like the pages. Sessions, searches and KB gaps take only the
 * dimensions their rows carry (segment, plan) and refuse the others.
 */
export const TWO_FILTER_ENDPOINTS = REPORT_ENDPOINTS.filter((e) => /^\/api\/v1\/(kpis|survival|tickets|flags|review|forecast|anomalies)\b/.test(e));

/**
 * The one-segment 12-week filter, as the FilterBar writes it into the URL (plain DIM=VALUE,
 * from inclusive, to exclusive), which the API reads alike: the last 12 ISO weeks of the demo.
 */
export const ONE_SEGMENT = { segment: 'scaled', from: '2026-08-24', to: '2026-11-16' };

/**
 * The URL a page's server load or an endpoint answers at: SvelteKit's `<page>/__data.json`
 * for a page, the path itself for an endpoint.
 */
export function dataUrl(path: string): string {
	return path === '/' ? '/__data.json' : PAGES.includes(path) ? `${path}/__data.json` : path;
}

/** `url` with `params` appended to its query string. */
export function withParams(url: string, params: Record<string, string>): string {
	const query = new URLSearchParams(params).toString();
	return query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url;
}

export interface Timing {
	url: string;
	/** The filters: none, ONE_SEGMENT, or two random dimensions (`two_filters`, one pair per URL). */
	variant: 'default' | 'one_segment' | 'two_filters';
	status: number;
	bytes: number;
	content_type: string | null;
	first_ms: number;
	/** Timed requests made: `n`, or fewer when they reached the time budget. */
	requests: number;
	p50_ms: number;
	p95_ms: number;
	/**
	 * Pages and report endpoints: requests that nothing cached can answer, each `as_of` a
	 * different earlier minute, never asked before in the run (as the first visitor of each
	 * minute sees the default view); `errors` counts answers other than 2xx,
	 * after the timed repeats, so the engine is warm.
	 */
	uncached?: { requests: number; errors: number; p50_ms: number; max_ms: number };
	/** The bytes on the wire when the client takes gzip (as browsers and fetch do); `bytes` is the JSON itself. */
	wire_bytes: number;
}

export interface Server {
	url: string;
	pid: number;
	stop: () => Promise<number | null>;
}

/** The node process actually serving: the started one, unless it spawned a node child. */
function servingPid(pid: number): number {
	try {
		for (const task of readdirSync(`/proc/${pid}/task`)) {
			const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
			for (const child of children) if (readFileSync(`/proc/${child}/comm`, 'utf8').trim() === 'node') return servingPid(Number(child));
		}
	} catch {
		/* the process is gone: keep what we have */
	}
	return pid;
}

/**
 * `node bin/start.js` on the imported database (it builds first when the sources changed, and
 * seeds demo data only when the file does not exist, which it does here); ready when
 * GET /api/v1/health answers. stop() returns the server's peak RSS (VmHWM, MB) read before
 * the SIGTERM. `port`: a free one unless given.
 */
export async function startServer(db: string, port?: number): Promise<Server> {
	port ??= await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin', 'start.js')], {
		cwd: ROOT,
		env: { ...process.env, DESKPULSE_RESULT_CACHE: 'on', DESKPULSE_DB: db, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout!.on('data', (c: Buffer) => (log = (log + c).slice(-20_000)));
	child.stderr!.on('data', (c: Buffer) => (log = (log + c).slice(-20_000)));
	const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
	const t0 = performance.now();
	for (;;) {
		if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log}`);
		try {
			const res = await fetch(`${url}/api/v1/health`);
			if (res.ok) break;
		} catch {
			/* not listening yet */
		}
		if (performance.now() - t0 > 15 * 60_000) throw new Error(`the server did not answer in 15 minutes:\n${log}`);
		await new Promise((r) => setTimeout(r, 500));
		if (Math.round(performance.now() - t0) % 10_000 < 500) progress('dashboard', `waiting for the server (building?) ${((performance.now() - t0) / 1000).toFixed(0)} s`);
	}
	progress('dashboard', `server up at ${url} after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
	return {
		url,
		pid: child.pid!,
		stop: async () => {
			const rss = vmHwmMb(servingPid(child.pid!));
			child.kill('SIGTERM');
			await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
			if (child.exitCode === null) child.kill('SIGKILL');
			return rss;
		}
	};
}

/** The bytes of a response as sent to a client that takes gzip (fetch unzips what it reads). */
export function wireBytes(url: string): Promise<number> {
	return new Promise((resolve, reject) => {
		http.get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
			let bytes = 0;
			res.on('data', (chunk: Buffer) => (bytes += chunk.length));
			res.on('end', () => resolve(bytes));
			res.on('error', reject);
		}).on('error', reject);
	});
}

/**
 * The `as_of` of the next uncached request: a minute earlier than any asked before in this
 * process. Pages and reports share results (the review computes the flags, the self-service
 * page the KB gaps), so an `as_of` used for one URL would be cached for the next.
 */
let uncachedMinute = Math.floor(Date.now() / 60_000) * 60_000;
function nextUncachedAsOf(): string {
	uncachedMinute -= 60_000;
	return new Date(uncachedMinute).toISOString().replace('.000Z', 'Z');
}

/**
 * One warm-up request (reported as first_ms), then `n` sequential timed requests, or fewer
 * once they have taken `budgetMs` (at 10M tickets a slow page would otherwise take an hour).
 * `filters` are the variant's query parameters.
 */
export async function timeUrl(
	base: string,
	path: string,
	variant: Timing['variant'],
	filters: Record<string, string>,
	n: number,
	budgetMs = 120_000,
	uncachedN = 0
): Promise<Timing> {
	const url = withParams(dataUrl(path), filters);
	const once = async () => {
		const t0 = performance.now();
		const res = await fetch(base + url);
		const body = await res.arrayBuffer();
		return { ms: performance.now() - t0, status: res.status, bytes: body.byteLength, type: res.headers.get('content-type') };
	};
	const first = await once();
	const ms: number[] = [];
	const t0 = performance.now();
	while (ms.length < n && (ms.length === 0 || performance.now() - t0 < budgetMs)) ms.push((await once()).ms);
	const timing: Timing = {
		url,
		variant,
		status: first.status,
		bytes: first.bytes,
		wire_bytes: await wireBytes(base + url),
		content_type: first.type,
		first_ms: first.ms,
		requests: ms.length,
		p50_ms: median(ms),
		p95_ms: quantile(ms, 0.95)
	};
	if (uncachedN > 0 && (PAGES.includes(path) || REPORT_ENDPOINTS.includes(path))) {
		const fresh: number[] = [];
		let errors = 0;
		const t1 = performance.now();
		while (fresh.length < uncachedN && (fresh.length === 0 || performance.now() - t1 < budgetMs)) {
			const asOf = nextUncachedAsOf();
			const t = performance.now();
			const res = await fetch(base + withParams(url, { as_of: asOf }));
			await res.arrayBuffer();
			fresh.push(performance.now() - t);
			// A refusal is fast: it is counted, so it cannot pass for a fast first view.
			if (!res.ok) errors++;
		}
		timing.uncached = { requests: fresh.length, errors, p50_ms: median(fresh), max_ms: Math.max(...fresh) };
	}
	return timing;
}
