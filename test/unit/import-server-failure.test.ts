import { describe, expect, it } from 'vitest';
import { serverFailure } from '../../src/lib/server/api/imports';

// An import that fails for the server's reasons (not the export's) tells the admin why, in the
// engine's first sentence, a path in the server's folders shown relative to it, as elsewhere.
describe('an import failure on the server', () => {
	it("says the engine's reason without the server's folders", () => {
		const engine = new Error(
			'Out of Memory Error: could not allocate block of size 256.0 KiB (1023.9 MiB/1.0 GiB used)\n\nPossible fixes:\n* Reduce the number of threads'
		);
		expect(serverFailure(engine, [])).toBe('the import failed on the server: Out of Memory Error: could not allocate block of size 256.0 KiB (1023.9 MiB/1.0 GiB used)');
		const disk = new Error('IO Error: Could not write file "/srv/deskpulse/data/deskpulse.duckdb.tmp/spill_1.block": No space left on device');
		expect(serverFailure(disk, [{ path: '/srv/deskpulse/data', as: 'the data folder' }])).toBe(
			'the import failed on the server: IO Error: Could not write file "deskpulse.duckdb.tmp/spill_1.block": No space left on device'
		);
	});
});
