import { timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * One process owns a database file: DuckDB lets only one process open it for writing. The
 * server records itself beside the file so the CLI can send its work to the server instead
 * of failing on the lock.
 */
export interface OwnerRecord {
	pid: number;
	url: string;
	db: string;
	started_at: string;
}

export function ownerFile(dbPath: string): string {
	return resolve(dbPath) + '.server.json';
}

/**
 * Records this process as the database's server; the record is removed when the process
 * exits. A record left by a killed process is harmless: readers check that its pid lives.
 */
export function claimOwnership(dbPath: string, url: string): void {
	const file = ownerFile(dbPath);
	const record: OwnerRecord = { pid: process.pid, url, db: resolve(dbPath), started_at: new Date().toISOString() };
	writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
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

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * The URL of a live server that holds `dbPath`, or null. A record left by a crashed server
 * (dead pid, or a server that does not answer for this file) is ignored.
 */
export async function findRunningServer(dbPath: string): Promise<string | null> {
	const file = ownerFile(dbPath);
	if (!existsSync(file)) return null;
	let record: OwnerRecord;
	try {
		record = JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
	if (!alive(record.pid)) return null;
	try {
		const res = await fetch(new URL('/api/v1/health', record.url), { signal: AbortSignal.timeout(2000) });
		const health = (await res.json()) as { db?: string };
		return health.db && resolve(health.db) === resolve(dbPath) ? record.url : null;
	} catch {
		return null;
	}
}

let ownSecret: string | null = null;

/** Whether `secret` is the one this server wrote into its owner file (compared in constant time). */
export function ownerSecretMatches(secret: string | null): boolean {
	if (!ownSecret || !secret) return false;
	const a = Buffer.from(secret);
	const b = Buffer.from(ownSecret);
	return a.length === b.length && timingSafeEqual(a, b);
}
