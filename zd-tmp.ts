import { Database } from './src/lib/server/db/database';
import { importPath } from './src/lib/server/ingest/import-path';
const db = await Database.open(':memory:');
try { await importPath(db, 'test/fixtures/zendesk-csv'); } catch (e) { console.log('no tz:', (e as Error).message); }
const r = await importPath(db, 'test/fixtures/zendesk-csv', { timezone: 'America/Los_Angeles' });
console.log(JSON.stringify({ adapter: r.adapter, source: r.source, files: r.files.map((f) => ({ ...f, path: undefined })) }, null, 1).slice(0, 3000));
console.log(await db.query(`select ticket_id, created_at, status, channel, priority, category, tags, org_id, first_response_at, solved_at, final_solved_at, csat_answer, full_resolution_calendar_minutes, resolution_calendar_minutes, frt_business_minutes from fct_tickets order by ticket_id`));
console.log(await db.query(`select * from raw_vendor_metrics where ticket_id = '102'`));
await db.close();
