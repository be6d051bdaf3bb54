import { Database } from './db/database';
import { defaultDbPath } from './db/project-root';

let opening: Promise<Database> | undefined;

/** The server's database, opened once at $DESKPULSE_DB (default data/deskpulse.duckdb). */
export function appDatabase(): Promise<Database> {
	opening ??= Database.open(defaultDbPath());
	return opening;
}
