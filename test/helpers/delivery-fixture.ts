// The fixture week is ISO week 2026-W24 (Monday 8 June to Sunday 14 June 2026). Two orgs: o1
// in the high_touch segment, o2 in scaled. Import A: o1 files 10 tickets (9 rated good, 1
// bad: CSAT 90 %), o2 files 6 (all rated bad). Import B adds 4 of o1's, rated bad: high_touch
// CSAT 9 / 14 = 64.3 %. Import C adds one more of o1's, rated good: 10 / 15 = 66.7 %, still
// below 85 %. Every ticket is answered after 30 minutes and solved after 2 hours.
export const HEADER = 'ticket_id,created_at,status,channel,category,org_id,first_response_at,solved_at,csat_score,csat_at';
export const ORGS = 'org_id,name,plan,segment,arr,seats,signup_at\no1,Acme Corp,enterprise,high_touch,240000,900,2024-06-01\no2,Globex,standard,scaled,8000,25,2025-01-15\n';
const MIN = 60_000;

function ticket(id: string, org: string, created: string, score: number): string {
	const t = Date.parse(created);
	const iso = (ms: number) => new Date(ms).toISOString();
	return [id, iso(t), 'solved', 'email', 'billing', org, iso(t + 30 * MIN), iso(t + 120 * MIN), String(score), iso(t + 121 * MIN)].join(',');
}

/** Tickets `from`..`from+n-1` of an org, one an hour from `start`, the first `good` rated 5, the rest 1. */
function tickets(prefix: string, org: string, n: number, start: string, good: number): string[] {
	return Array.from({ length: n }, (_, i) => ticket(`${prefix}-${i}`, org, new Date(Date.parse(start) + i * 3_600_000).toISOString(), i < good ? 5 : 1));
}

export const IMPORT_A = [HEADER, ...tickets('a1', 'o1', 10, '2026-06-08T09:00:00Z', 9), ...tickets('a2', 'o2', 6, '2026-06-09T09:00:00Z', 0)].join('\n') + '\n';
export const IMPORT_B = [HEADER, ...tickets('b1', 'o1', 4, '2026-06-10T09:00:00Z', 0)].join('\n') + '\n';
export const IMPORT_C = [HEADER, ...tickets('c1', 'o1', 1, '2026-06-11T09:00:00Z', 1)].join('\n') + '\n';

