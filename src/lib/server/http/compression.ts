/**
 * Gzip for the responses deskpulse computes: report JSON, CSV downloads, page data and HTML.
 * The default KPI table of a few years of weeks is 300 KB of JSON and 40 KB gzipped, and
 * adapter-node sends what the app returns as it is. Static assets are not compressed here
 * (they never reach the app's handle).
 */

/** Content types worth compressing: text the app builds per request. */
const COMPRESSIBLE = /^(application\/(json|javascript)|text\/(csv|html|plain|javascript))\b/i;

/** Below this many bytes (when the length is known) gzip's header costs more than it saves. */
const MIN_BYTES = 1024;

/** Whether the request's Accept-Encoding takes gzip (and does not refuse it with q=0). */
export function acceptsGzip(acceptEncoding: string | null): boolean {
	if (!acceptEncoding) return false;
	return acceptEncoding.split(',').some((part) => {
		const [coding, ...params] = part.trim().toLowerCase().split(';');
		if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return q === undefined || Number(q.slice(2)) > 0;
	});
}

/**
 * The response gzipped as it streams (a CSV export keeps streaming), when the client takes
 * gzip and the body is compressible text; otherwise the response itself.
 */
export function compressed(acceptEncoding: string | null, response: Response): Response {
	const type = response.headers.get('content-type') ?? '';
	const length = response.headers.get('content-length');
	if (
		!response.body ||
		!acceptsGzip(acceptEncoding) ||
		!COMPRESSIBLE.test(type) ||
		response.headers.has('content-encoding') ||
		(length !== null && Number(length) < MIN_BYTES)
	) {
		return response;
	}
	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	headers.append('vary', 'accept-encoding');
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}
