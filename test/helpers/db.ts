import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/lib/server/db/database';

/** A fresh in-memory database with the schema and views installed. */
export function memoryDb(): Promise<Database> {
	return Database.open(':memory:');
}

/** Writes `files` (name -> CSV text) into a new temporary folder and returns its path. */
export function tempFolder(files: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'deskpulse-test-'));
	for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
	return dir;
}

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
