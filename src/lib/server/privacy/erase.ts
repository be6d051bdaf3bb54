import { createHash } from 'node:crypto';
import type { Connection, Database } from '../db/database';
import { escapeHtml } from '../../html';
import { sqlText } from '../db/sql-files';
import { pendingChanges, refreshModels } from '../db/model-refresh';
import { whileNoImport } from '../ingest/import-path';
import { ImportBusyError } from '../ingest/errors';
import { uploadRoot } from '../ingest/upload';
import { recordAudit } from '../auth/audit';
import type { Principal } from '../../roles';
import { eraseFromKeptUploads, type ErasureKind, type UploadErasure } from './kept-uploads';
import { SOURCE_LABEL, SOURCE_LABEL_RULE } from '../ingest/source-label';

/**
 * Erasure of a requester's or an org's data (`deskpulse erase`, POST /api/v1/erasures): their
 * rows go from every raw table keyed by them, the vendor metrics of their tickets, the
 * rejected rows whose record names them and the adjusted values that are their id, in one
 * transaction; the models are then rebuilt from what is left (so every KPI and cached
 * report recomputes), and their rows go from the kept uploads. The erasure is recorded
 * with the SHA-256 of the id, never the id, and audited.
 */

export interface ErasureRequest {
	kind: ErasureKind;
	/** The requester's or org's id as deskpulse holds it (requester_id, org_id). */
	id: string;
	/** Only this source label's rows (null: every source). */
	source: string | null;
}

export interface ErasureResult {
	erasureId: number;
	kind: ErasureKind;
	/** SHA-256 hex of the id: what the erasures table and the audit log keep. */
	idSha256: string;
	source: string | null;
	/** Rows removed, by table. */
	tables: Record<string, number>;
	/** Kept upload files rewritten or deleted (names relative to the upload folder). */
	uploads: UploadErasure;
}

/** A request that cannot be carried out as asked: the message says what to change. */
export class ErasureError extends Error {
	constructor(
		message: string,
		readonly status: 400 | 409 = 400
	) {
		super(message);
		this.name = 'ErasureError';
	}
}

/** The tables an erasure removes rows from, in order (vendor metrics before their tickets). */
const STEPS: Array<{ table: string; sql: string }> = [
	{ table: 'raw_vendor_metrics', sql: 'erase/vendor_metrics' },
	{ table: 'raw_generic_tickets', sql: 'erase/tickets' },
	{ table: 'raw_generic_self_service', sql: 'erase/self_service' },
	{ table: 'raw_generic_kb_searches', sql: 'erase/kb_searches' },
	{ table: 'raw_generic_orgs', sql: 'erase/orgs' },
	{ table: 'import_quarantine', sql: 'erase/quarantine' },
	{ table: 'import_adjustments', sql: 'erase/adjustments' }
];

const MAX_ID_LENGTH = 500;

/** The SHA-256 hex of an id, as the erasures table and the audit log name it. */
export function idHash(id: string): string {
	return createHash('sha256').update(id, 'utf8').digest('hex');
}

/** Checks an erasure request; throws an ErasureError that says what is wrong. */
export function checkErasure(request: { requester?: unknown; org?: unknown; source?: unknown }): ErasureRequest {
	const given = (['requester', 'org'] as const).filter((k) => request[k] !== undefined && request[k] !== null);
	if (given.length !== 1) throw new ErasureError('name exactly one of requester or org: the id whose data to erase');
	const kind = given[0];
	const raw = request[kind];
	const id = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : '';
	if (id === '') throw new ErasureError(`${kind} must be the ${kind}'s id as imported (requester_id or org_id), not empty`);
	if (id.length > MAX_ID_LENGTH) throw new ErasureError(`${kind} is at most ${MAX_ID_LENGTH} characters, got ${id.length}`);
	const source = request.source === undefined || request.source === null || request.source === '' ? null : request.source;
	if (source !== null && (typeof source !== 'string' || !SOURCE_LABEL.test(source))) {
		throw new ErasureError(`source must be a source label of ${SOURCE_LABEL_RULE}, or left out for every source`);
	}
	return { kind, id, source: source as string | null };
}

/**
 * The forms an org's name takes inside a stored message's JSON: as written, and HTML-escaped
 * (the email's body), each as a JSON string holds it.
 */
function storedForms(name: string): string[] {
	const inJson = (text: string) => JSON.stringify(text).slice(1, -1);
	return [...new Set([inJson(name), inJson(escapeHtml(name))])].filter((form) => form.length >= 3);
}

/** Replaces an erased org's name in the messages deskpulse sent and keeps; the count of messages changed. */
async function scrubDeliveredNames(conn: Connection, params: { kind: string; id: string; source: string | null }): Promise<number> {
	const names = await conn.query<{ name: string }>(sqlText('erase/org_names'), params);
	let changed = 0;
	for (const { name } of names) {
		for (const needle of storedForms(name)) {
			const [result] = await conn.query<{ Count: number }>(sqlText('erase/delivery_messages'), { needle });
			changed += Number(result?.Count ?? 0);
		}
	}
	return changed;
}

/**
 * Erases a requester's or an org's data (see above). `actor` is who asked (the audit entry and
 * the erasures row name them). Refused while an import runs; no import starts until it ends.
 */
export async function erase(db: Database, request: ErasureRequest, actor: Principal, ip: string | null = null): Promise<ErasureResult> {
	try {
		return await whileNoImport(db, () => eraseNow(db, request, actor, ip));
	} catch (e) {
		if (e instanceof ImportBusyError) throw new ErasureError('an import is running on this database: erase once it has finished', 409);
		throw e;
	}
}

async function eraseNow(db: Database, request: ErasureRequest, actor: Principal, ip: string | null): Promise<ErasureResult> {
	const params = { kind: request.kind, id: request.id, source: request.source };
	const hash = idHash(request.id);
	const tables: Record<string, number> = {};
	const erasureId = await db.transaction(async (conn) => {
		tables.delivery_messages = await scrubDeliveredNames(conn, params);
		for (const step of STEPS) {
			const [result] = await conn.query<{ Count: number }>(sqlText(step.sql), params);
			tables[step.table] = Number(result?.Count ?? 0);
		}
		// The models are rebuilt from what is left: recorded as pending in the same transaction,
		// so a process that dies before the rebuild leaves it to the next start (db/model-refresh.ts).
		await conn.run(`insert into pending_refresh values (0, 'erasure', now())`);
		const [{ erasure_id }] = await conn.query<{ erasure_id: number }>(sqlText('erase/record_erasure'), {
			erased_by: actor.name,
			kind: request.kind,
			id_sha256: hash,
			source: request.source,
			counts: JSON.stringify(tables)
		});
		return erasure_id;
	});
	await db.withConnection(async (conn) => {
		const changes = await pendingChanges(conn);
		// An erasure is no import's rows: the whole models are rebuilt (refreshModels), which
		// also stamps the data version the cached reports are keyed by.
		if (changes) await refreshModels(conn, changes);
		// Write the deletions into the file now rather than leave them in the write-ahead log;
		// a checkpoint another transaction holds off is taken later by DuckDB itself.
		await conn.exec('checkpoint').catch(() => undefined);
	});
	// An in-memory database (tests) has no uploads of its own: its upload folder is shared.
	const uploads = db.path === ':memory:' ? { rewritten: [], deleted: [], rowsRemoved: 0 } : await eraseFromKeptUploads(uploadRoot(db.path), request.kind, request.id);
	const counts = {
		...tables,
		'kept uploads: rows removed': uploads.rowsRemoved,
		'kept uploads: files rewritten': uploads.rewritten.length,
		'kept uploads: files deleted': uploads.deleted.length
	};
	await db.query(sqlText('erase/record_upload_counts'), { erasure_id: erasureId, counts: JSON.stringify(counts) });
	await recordAudit(db, {
		actor,
		action: 'erase',
		subject: `${request.kind} sha256:${hash}`,
		detail: { erasure_id: erasureId, source: request.source, counts },
		ip
	});
	return { erasureId, kind: request.kind, idSha256: hash, source: request.source, tables, uploads };
}
