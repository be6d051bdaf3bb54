import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Principal } from '../../src/lib/roles';
import { claimOwnership, ownerFile } from '../../src/lib/server/db/owner';
import type { Database } from '../../src/lib/server/db/database';
import { createApi } from '../../src/lib/server/api';
import { LOCAL_ADMIN } from '../../src/lib/server/auth/principal';
import { importGenericPath } from '../../src/lib/server/ingest/import-path';
import { FIXTURES, memoryDb } from './db';

/** The JSON API over a fresh in-memory database holding the generic-small fixture (source "generic"). */
export async function genericSmallApi(): Promise<{ db: Database; api: ReturnType<typeof createApi> }> {
	const db = await memoryDb();
	await importGenericPath(db, join(FIXTURES, 'generic-small'), { source: 'generic', timezone: 'UTC' });
	return { db, api: createApi({ db: async () => db, assume: LOCAL_ADMIN }) };
}

/** The caller of single-user mode: an admin (the third argument of `api.request`). */
export const ADMIN_ENV: { principal: Principal } = { principal: { kind: 'local', id: 'local', name: 'local', role: 'admin' } };

/**
 * Claims `dbPath` for this test process as the server does at start, and returns the owner
 * secret the CLI reads from the owner file and sends as x-deskpulse-owner.
 */
export function claimAsServer(dbPath: string): string {
	claimOwnership(dbPath, 'http://127.0.0.1:9');
	return (JSON.parse(readFileSync(ownerFile(dbPath), 'utf8')) as { secret: string }).secret;
}
