import { join } from 'node:path';
import type { Principal } from '../../src/lib/roles';
import type { Database } from '../../src/lib/server/db/database';
import { createApi } from '../../src/lib/server/api';
import { CLI_ADMIN, LOCAL_ADMIN } from '../../src/lib/server/auth/principal';
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

/** The CLI on the server's machine, as hooks.server.ts resolves its owner secret (auth/principal.ts). */
export const CLI_ENV: { principal: Principal } = { principal: CLI_ADMIN };
