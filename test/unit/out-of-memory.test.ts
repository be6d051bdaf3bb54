import { describe, expect, it } from 'vitest';
import { isOutOfMemory } from '../../src/lib/server/ingest/import-path';

// A refresh that runs out of memory under the import's budget runs again under the reports'
// (import-path.ts); only DuckDB's out-of-memory refusal is retried, nothing else.
describe("DuckDB's out-of-memory refusal", () => {
	it('is told from other failures', () => {
		expect(isOutOfMemory(new Error('Out of Memory Error: failed to allocate data of size 64.0 MiB (954.5 MiB/976.5 MiB used)'))).toBe(true);
		expect(isOutOfMemory(new Error('Constraint Error: Duplicate key "ticket_id: 1"'))).toBe(false);
		expect(isOutOfMemory(new Error('IO Error: No space left on device'))).toBe(false);
		expect(isOutOfMemory('Out of Memory Error')).toBe(false);
	});
});
