import { join } from 'node:path';
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
