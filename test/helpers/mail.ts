import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP sink and a local webhook stub for the delivery tests: each keeps what it
 * received; closeMailServers() in an afterEach/afterAll closes every one a test started.
 */

export interface Sink {
	port: number;
	messages: Array<{ from: string; to: string[]; raw: string }>;
	server: SMTPServer;
}

const sinks: SMTPServer[] = [];

/**
 * A local SMTP server that accepts anything (or refuses every recipient) and keeps what it
 * got; `startTls` offers STARTTLS with smtp-server's own self-signed certificate, as a sink
 * started with its defaults does.
 */
export async function smtpSink(refuseRecipients = false, startTls = false): Promise<Sink> {
	const messages: Sink['messages'] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: startTls ? [] : ['STARTTLS'],
		logger: false,
		onRcptTo(address, _session, callback) {
			if (refuseRecipients) {
				const error = new Error(`mailbox ${address.address} unavailable`) as Error & { responseCode: number };
				error.responseCode = 550;
				return callback(error);
			}
			callback();
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const envelope = session.envelope;
				messages.push({
					from: envelope.mailFrom ? envelope.mailFrom.address : '',
					to: envelope.rcptTo.map((r) => r.address),
					raw: Buffer.concat(chunks).toString('utf8')
				});
				callback();
			});
		}
	});
	sinks.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.server.address() as AddressInfo).port;
	return { port, messages, server };
}

/** A port nothing listens on: one we bound and let go. */
export async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/** The header block of a MIME entity, unfolded. */
export function headersOf(entity: string): string {
	return entity.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
}

export function header(entity: string, name: string): string | undefined {
	const match = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headersOf(entity));
	return match?.[1].trim();
}

/** A MIME part's body, decoded from quoted-printable or base64. */
export function decodedBody(part: string): string {
	const body = part.slice(part.search(/\r?\n\r?\n/)).trim();
	const encoding = header(part, 'Content-Transfer-Encoding')?.toLowerCase();
	if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	if (encoding === 'quoted-printable') {
		const joined = body.replace(/=\r?\n/g, '');
		return Buffer.from(joined.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
	}
	return body;
}

/** Every leaf part of a multipart message, nested multiparts flattened. */
export function leafParts(entity: string): string[] {
	const boundary = /boundary="?([^";\s]+)"?/i.exec(header(entity, 'Content-Type') ?? '')?.[1];
	if (!boundary) return [entity];
	const parts = entity.split(`--${boundary}`).slice(1, -1);
	return parts.map((p) => p.replace(/^\r?\n/, '')).flatMap(leafParts);
}

export function partOfType(raw: string, type: string): string {
	const part = leafParts(raw).find((p) => header(p, 'Content-Type')?.toLowerCase().startsWith(type));
	if (!part) throw new Error(`no ${type} part in:\n${raw}`);
	return part;
}

export interface Received {
	method: string;
	path: string;
	contentType: string | undefined;
	body: unknown;
}

export interface Stub {
	base: string;
	received: Received[];
}

const stubs: Server[] = [];

/** A local webhook that records each request and answers as `answer` says (or never, when it does nothing). */
export async function webhookStub(answer: (res: ServerResponse) => void): Promise<Stub> {
	const received: Received[] = [];
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			received.push({ method: req.method ?? '', path: req.url ?? '', contentType: req.headers['content-type'], body: text ? JSON.parse(text) : null });
			answer(res);
		});
	});
	stubs.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}


/** Closes every sink and stub started so far. */
export async function closeMailServers(): Promise<void> {
	await Promise.all(sinks.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
	await Promise.all(
		stubs.splice(0).map((server) => {
			server.closeAllConnections();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		})
	);
}

export const ok = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
