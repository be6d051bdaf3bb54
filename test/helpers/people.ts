/**
 * A small export full of personal data, in the generic format (source "acme"), for the
 * redaction and erasure tests. Ann (requester id ann@example.com, "Ann Archer") filed t1, t3
 * and the rejected t5 (no valid created_at), had session s1 and searched q1 ("refund
 * ann@example.com"); Bob (u-bob) filed t2, had s2 and searched q2; Cat (u-cat, org o2) filed
 * t4. Agents: Fox Mulder (t1, t2, t5), Walter Skinner (t3, t4). Acme Corp (o1, enterprise,
 * CSM "Dana Scully") has two P1 tickets in ISO week 2026-W10, one still open: a churn signal.
 * The requester_email and requester_name columns are no format column: stored only with
 * --keep-extra.
 */
export const PEOPLE = {
	'orgs.csv': [
		'org_id,name,plan,segment,arr,seats,signup_at,csm_id',
		'o1,Acme Corp,enterprise,,500000,100,2025-01-01T00:00:00Z,Dana Scully',
		'o2,Globex,standard,,8000,20,2025-01-01T00:00:00Z,'
	],
	'tickets.csv': [
		'ticket_id,created_at,status,channel,priority,subject,requester_id,org_id,assignee_id,first_response_at,solved_at,requester_email,requester_name',
		't1,2026-03-02T09:00:00Z,solved,email,P1,Refund for ann@example.com,ann@example.com,o1,Fox Mulder,2026-03-02T09:30:00Z,2026-03-02T11:00:00Z,ann@example.com,Ann Archer',
		't2,2026-03-03T10:00:00Z,open,chat,P1,Login broken again,u-bob,o1,Fox Mulder,2026-03-03T10:20:00Z,,bob@example.com,Bob Baker',
		't3,2026-03-04T08:00:00Z,solved,web,P2,Export fails for Ann Archer,ann@example.com,o1,Walter Skinner,2026-03-04T09:00:00Z,2026-03-04T12:00:00Z,ann@example.com,Ann Archer',
		't4,2026-03-05T10:00:00Z,solved,email,P3,Invoice copy,u-cat,o2,Walter Skinner,2026-03-05T10:30:00Z,2026-03-05T14:00:00Z,cat@example.com,Cat Cole',
		't5,not a time,open,email,P3,Call me back,ann@example.com,o1,Fox Mulder,,,ann@example.com,Ann Archer'
	],
	'self_service.csv': [
		'session_id,started_at,kind,requester_id,org_id,handed_off,ticket_id,article_id,helpful',
		's1,2026-03-02T08:50:00Z,kb,ann@example.com,o1,true,t1,a1,',
		's2,2026-03-03T09:00:00Z,kb,u-bob,o1,false,,a2,true'
	],
	'kb_searches.csv': [
		'search_id,searched_at,session_id,requester_id,org_id,query,results_count,clicked_article_id',
		'q1,2026-03-02T08:55:00Z,s1,ann@example.com,o1,refund ann@example.com,0,',
		'q2,2026-03-03T09:05:00Z,s2,u-bob,o1,reset password,3,a2'
	]
};

/** The files as CSV text (name -> text), for tempFolder. */
export function peopleFiles(): Record<string, string> {
	return Object.fromEntries(Object.entries(PEOPLE).map(([name, lines]) => [name, lines.join('\n') + '\n']));
}

/** What identifies Ann anywhere: her id (which is her email) and her name. */
export const ANN = { id: 'ann@example.com', name: 'Ann Archer' };

/** The week the data is in, and an as_of after it. */
export const WEEK = { from: '2026-03-02', to: '2026-03-09', week: '2026-W10', asOf: '2026-03-16T00:00:00Z' };
