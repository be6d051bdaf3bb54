import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * One process owns a database file: DuckDB lets only one process open it for writing. The
 * server records itself beside the file so the CLI can send its work to the server instead
 * of failing on the lock. The record holds a random secret and is readable by its owner only
 * (mode 0600): a CLI that can read it could read the database file too, so the server treats
 * a request carrying the secret as the CLI on its own machine (an admin).
 */
export interface OwnerRecord {
	pid: number;
	url: string;
	/** 32 random bytes, hex: what the CLI sends in the x-deskpulse-owner header. */
	secret: string;
	started_at: string;
}

/** The header the CLI proves itself with on every request to the server. */
export const OWNER_HEADER = 'x-deskpulse-owner';

/** The endpoint that answers 200 to this server's own secret, 401 to anything else. */
export const OWNER_CHECK_PATH = '/api/v1/owner-check';

/** A running server the CLI sends its work to, with the secret it proves itself by. */
export interface ServerTarget {
	url: string;
	ownerSecret: string;
}

/** This process's secret, once it claimed a database; null before (and in tests that never claim). */
let ownSecret: string | null = null;

export function ownerFile(dbPath: string): string {
	return resolve(dbPath) + '.server.json';
}

/**
 * Records this process as the database's server, with a new secret; the record is removed
 * when the process exits. A record left by a killed process is harmless: readers check that
 * its pid lives and that the server at its URL knows its secret.
 */
export function claimOwnership(dbPath: string, url: string): void {
	const file = ownerFile(dbPath);
	const secret = randomBytes(32).toString('hex');
	const record: OwnerRecord = { pid: process.pid, url, secret, started_at: new Date().toISOString() };
	// Written whole to a new file created 0600, then renamed over the old one: the secret is
	// never readable by others, not even for a moment, and never half-written.
	const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
	writeFileSync(temp, JSON.stringify(record, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
	renameSync(temp, file);
	ownSecret = secret;
	const release = () => {
		try {
			const current = JSON.parse(readFileSync(file, 'utf8')) as OwnerRecord;
			if (current.pid === process.pid) unlinkSync(file);
		} catch {
			// Already gone, or replaced by another server: nothing of ours to remove.
		}
	};
	process.once('exit', release);
}

/**
 * Whether a request's x-deskpulse-owner header carries this server's secret (compared in
 * constant time). False while the process has claimed no database.
 */
export function ownerSecretMatches(header: string | null | undefined): boolean {
	if (!ownSecret || !header) return false;
	const given = Buffer.from(header, 'utf8');
	const own = Buffer.from(ownSecret, 'utf8');
	// The length is no secret (always 64 hex digits); timingSafeEqual needs equal lengths.
	return given.length === own.length && timingSafeEqual(given, own);
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * The live server that holds `dbPath`, with its secret, or null. A record left by a crashed
 * server (dead pid, or a server at its URL that does not know its secret) is ignored.
 */
export async function findRunningServer(dbPath: string): Promise<ServerTarget | null> {
	const file = ownerFile(dbPath);
	if (!existsSync(file)) return null;
	let record: OwnerRecord;
	try {
		record = JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
	if (typeof record.secret !== 'string' || typeof record.url !== 'string' || !alive(record.pid)) return null;
	try {
		const res = await fetch(new URL(OWNER_CHECK_PATH, record.url), { headers: { [OWNER_HEADER]: record.secret }, signal: AbortSignal.timeout(2000) });
		await res.body?.cancel();
		return res.status === 200 ? { url: record.url, ownerSecret: record.secret } : null;
	} catch {
		return null;
	}
}

