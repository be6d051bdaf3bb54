import type { Database } from '../db/database';
import { createLink, userCounts } from './users';

/**
 * With sign-in required and no user yet, nobody could sign in: the server log offers a
 * one-time link that creates the first admin (valid 72 hours, one use). `deskpulse user add
 * --email E --role admin` does the same from the command line.
 */
export async function announceSetup(db: Database, baseUrl: string): Promise<void> {
	if ((await userCounts(db)).users > 0) return;
	const secret = await createLink(db, 'setup', null);
	const url = new URL(`/setup/${secret}`, baseUrl);
	console.log(`deskpulse: no users yet. Create the first admin at ${url.href} (one use, 72 hours), or run: deskpulse user add --email YOU --role admin`);
}
