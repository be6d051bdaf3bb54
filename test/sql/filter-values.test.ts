import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db/database';
import { dimensionValues } from '../../src/lib/server/metrics/dimension-values';
import { importPath } from '../../src/lib/server/ingest/import-path';
import { FIXTURES, memoryDb, tempFolder } from '../helpers/db';

// The filter bar offers the values of the inbound tickets created by as_of. They are read
// from a summary the import's refresh rebuilds whole (sql/models/agg_filter_values.sql):
// an incremental import must add a new value and drop one no ticket has any more.
let db: Database;
const options = { adapter: 'generic' as const, source: 'generic', timezone: 'UTC' };

beforeAll(async () => {
	db = await memoryDb();
	await importPath(db, join(FIXTURES, 'generic-small'), options);
});

afterAll(async () => {
	await db?.close();
});

describe('the filter bar values', () => {
	it('are those of the inbound tickets created by as_of', async () => {
		// t1-t3 exist on 2026-03-04 at 08:00 (t3 at 08:00 exactly counts); t4 is outbound.
		// Orgs without a segment take one from their ARR: o1 scaled, o2 high_touch.
		expect(await dimensionValues(db, '2026-03-04T08:00:00Z')).toEqual({
			segment: ['high_touch', 'scaled'],
			plan: ['enterprise', 'standard'],
			channel: ['chat', 'email', 'web'],
			priority: ['P2', 'P3'],
			group: [],
			tag: ['export', 'invoice', 'seats', 'sso']
		});
		// All ten: t4's P4 and renewal stay out (outbound); t7 is the one phone ticket.
		expect(await dimensionValues(db, '2026-04-01T00:00:00Z')).toEqual({
			segment: ['blended', 'high_touch', 'scaled'],
			plan: ['enterprise', 'premium', 'standard'],
			channel: ['chat', 'email', 'phone', 'web'],
			priority: ['P1', 'P2', 'P3'],
			group: [],
			tag: ['2fa', 'api', 'export', 'import', 'invoice', 'seats', 'sso', 'ui', 'webhooks']
		});
	});

	it('follow an incremental import: a new value appears, a value no ticket has left goes', async () => {
		// t7 moves from phone to email; t11 brings the tag refund on 2026-03-24 at 09:00.
		const slice = tempFolder({
			'tickets.csv':
				'ticket_id,created_at,status,channel,priority,tags,org_id\n' +
				't7,2026-03-10T15:00:00Z,solved,email,P3,,o1\n' +
				't11,2026-03-24T09:00:00Z,open,chat,P3,refund,o1\n'
		});
		const result = await importPath(db, slice, options);
		expect(result.modelRefresh).toBe('incremental');
		const later = await dimensionValues(db, '2026-04-01T00:00:00Z');
		expect(later.channel).toEqual(['chat', 'email', 'web']);
		expect(later.tag).toEqual(['2fa', 'api', 'export', 'import', 'invoice', 'refund', 'seats', 'sso', 'ui', 'webhooks']);
		expect((await dimensionValues(db, '2026-03-24T08:59:00Z')).tag).not.toContain('refund');
	});
});
