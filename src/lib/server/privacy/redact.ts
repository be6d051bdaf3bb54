import { createHash } from 'node:crypto';

/**
 * Redaction of personal data in what deskpulse shows (DESKPULSE_REDACT=email,name,subject),
 * for every role: pages, API answers, CSVs, the review documents and the quarantine's raw
 * records. Stored data is never changed (erasure does that: privacy/erase.ts).
 *
 * - `email`: every email address in any text is masked, and columns named like an email are
 *   masked whole;
 * - `name`: columns that hold a person's name or contact details (requester, agent, contact,
 *   full name, phone, ...) are masked; person ids (requester_id, assignee_id, csm_id, ...), which some exports fill with
 *   the person's name, become stable pseudonyms (`agent-1a2b3c4d`) so lists still tell people
 *   apart; with `email` alone, only a person id that is an email address becomes one;
 * - `subject`: ticket subjects and the free text of raw records (description, body, comments).
 *
 * Org names, plans, segments, tags and categories are about accounts and products, not
 * people: they stay. The assignee as a report dimension (KPIs by assignee, the assignee
 * filter) is pseudonymised in SQL (sql/macros/privacy.sql) so a pseudonym filters as the id
 * would; the rules here give the same pseudonym.
 */

export const REDACTABLE = ['email', 'name', 'subject'] as const;
export type Redactable = (typeof REDACTABLE)[number];

export interface Redaction {
	email: boolean;
	name: boolean;
	subject: boolean;
	/** What was wrong with DESKPULSE_REDACT, if anything (then everything is redacted). */
	problem: string | null;
}

/** What a masked value reads as. */
export const REDACTED = '[redacted]';

const NONE: Redaction = { email: false, name: false, subject: false, problem: null };

/**
 * Reads a DESKPULSE_REDACT value: a comma list of email, name, subject (plurals and `all`
 * accepted). An unknown word redacts all three rather than none: a typo must not show what
 * the operator meant to hide.
 */
export function parseRedaction(text: string | undefined | null): Redaction {
	const words = (text ?? '')
		.split(',')
		.map((w) => w.trim().toLowerCase())
		.filter(Boolean);
	if (words.length === 0) return NONE;
	const r = { ...NONE };
	const unknown: string[] = [];
	for (const word of words) {
		const singular = word.replace(/s$/, '');
		if (word === 'all') Object.assign(r, { email: true, name: true, subject: true });
		else if ((REDACTABLE as readonly string[]).includes(singular)) r[singular as Redactable] = true;
		else unknown.push(word);
	}
	if (unknown.length === 0) return r;
	return {
		email: true,
		name: true,
		subject: true,
		problem: `DESKPULSE_REDACT: unknown ${unknown.map((u) => `"${u}"`).join(', ')} (use email, name, subject or all, comma-separated): redacting all three until it is fixed`
	};
}

let current: { text: string | undefined; value: Redaction } | null = null;

/** The redaction DESKPULSE_REDACT asks for, read again only when the variable changes. */
export function redaction(): Redaction {
	const text = process.env.DESKPULSE_REDACT;
	if (current === null || current.text !== text) {
		const value = parseRedaction(text);
		if (value.problem) console.warn(`[deskpulse] ${value.problem}`);
		current = { text, value };
	}
	return current.value;
}

/** Whether anything is redacted (callers skip the row walk otherwise). */
export function redactsAnything(r: Redaction = redaction()): boolean {
	return r.email || r.name || r.subject;
}

/** A short text that differs when the redaction does: cached results are keyed by it. */
export function redactionKey(r: Redaction = redaction()): string {
	return REDACTABLE.filter((k) => r[k]).join(',');
}

/**
 * An email address inside any text. Deliberately loose (anything@anything.tld): a false
 * positive masks a little too much, a miss shows an address.
 */
const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const EMAIL_WHOLE = new RegExp(`^\\s*${EMAIL.source}\\s*$`);

export function looksLikeEmail(value: string): boolean {
	return EMAIL_WHOLE.test(value);
}

/** `text` with every email address masked when emails are redacted. */
export function redactText(text: string, r?: Redaction): string;
export function redactText(text: string | null, r?: Redaction): string | null;
export function redactText(text: string | null, r: Redaction = redaction()): string | null {
	if (text === null || !r.email) return text;
	return text.replace(EMAIL, REDACTED);
}

/**
 * A stable stand-in for a person id: `<kind>-` and the first 8 hex digits of the SHA-256 of
 * `source:id` (the same in sql/macros/privacy.sql). Stable across requests and restarts, so
 * a pseudonym can be followed through the lists; it is no secret (an id that can be guessed
 * can be checked against it), it keeps names off the screen.
 */
export function pseudonym(kind: string, source: string | null | undefined, id: string): string {
	return `${kind}-${createHash('sha256').update(`${source ?? ''}:${id}`).digest('hex').slice(0, 8)}`;
}

const PSEUDONYM = /^[a-z]+-[0-9a-f]{8}$/;

/** A person id as shown: a pseudonym where names (or, for an address, emails) are redacted. */
export function shownPersonId(kind: string, source: string | null | undefined, id: string, r: Redaction = redaction()): string {
	if (PSEUDONYM.test(id)) return id;
	if (r.name || (r.email && looksLikeEmail(id))) return pseudonym(kind, source, id);
	return id;
}

/** A column or field name as the rules read it: "Requester email" -> requester_email. */
function normalized(key: string): string {
	return key
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
}

/** Person ids of the canonical model and of exports, and the kind their pseudonym names. */
const PERSON_IDS: Record<string, string> = {
	requester_id: 'requester',
	assignee_id: 'agent',
	agent_id: 'agent',
	responder_id: 'agent',
	admin_assignee_id: 'agent',
	submitter_id: 'requester',
	author_id: 'person',
	contact_id: 'requester',
	customer_id: 'requester',
	user_id: 'person',
	csm_id: 'csm'
};

/** Lists of person ids in API exports (Zendesk's collaborator_ids, ...). */
const PERSON_ID_LISTS = new Set(['collaborator_ids', 'follower_ids', 'email_cc_ids', 'cc_ids', 'requester_ids', 'agent_ids', 'user_ids', 'contact_ids']);

/** Fields whose value is a person (their name, or an object describing them). */
const PERSON =
	/^((requester|assignee|agent|submitter|customer|contact|responder|author|owner|csm|user|admin|teammate|collaborator|follower|cc|primary_?customer)s?|from|(created|closed|updated|assigned)_?by|full_?name|first_?name|last_?name|display_?name|(requester|assignee|agent|customer|contact|submitter|author|user|csm)_?name)$/;

/** A person's contact details other than an address (email is its own setting). */
const CONTACT = /^(phone|mobile|phone_number|mobile_number|work_phone|twitter_id|facebook_id)$/;

/** Fields of a person object that are no personal data: what kind of person it is. */
const PERSON_KIND = /^(type|role|object|kind)$/;

/** Fields holding a ticket's own words: its subject and its free text. */
const SUBJECT = /^(raw_)?subject$|^title$|^description(_text)?$|^(html_)?body$|^preview$|^(first_)?comments?$|^message$/;

/** The quarantine's text of a record that could not be split into fields (read-csv.ts). */
const WHOLE_RECORD = 'record_as_written';

/** Entities whose bare `name` is no person's (an org's, a holiday's). */
const NAMED_THINGS = new Set(['orgs', 'holidays', 'schedules', 'sla_policies', 'costs', 'report']);

export interface RecordContext {
	/**
	 * The entity the record was read for (tickets, orgs, ...): a bare `name` is an org's in
	 * orgs; 'report' for deskpulse's own rows, whose person names have telling column names.
	 */
	entity?: string | null;
	/** The source label, part of a pseudonym. */
	source?: string | null;
}

/** Every string inside a value, masked (a person object under a person field). */
function maskAll(value: unknown): unknown {
	if (value === null || value === undefined) return value;
	if (Array.isArray(value)) return value.map(maskAll);
	if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskAll(v)]));
	return REDACTED;
}

/** The pseudonym kind of a person field's id: `requester: {id}` names the id `requester_id` would. */
function personKind(k: string): string {
	if (/^(requester|submitter|customer|contact|primary_?customer)s?$/.test(k)) return 'requester';
	if (/^(assignee|agent|responder|admin|teammate)s?$/.test(k)) return 'agent';
	return k === 'csm' ? 'csm' : 'person';
}

/**
 * One field of a record or row as shown. `inPerson`: the field is inside an object describing
 * a person (`requester: {name, email}`), where a bare name or id is that person's: the kind
 * of person (requester, agent, ...), or null outside one.
 */
function redactField(key: string, value: unknown, r: Redaction, ctx: RecordContext, inPerson: string | null): unknown {
	if (value === null || value === undefined) return value;
	const k = normalized(key);
	if (k === WHOLE_RECORD && typeof value === 'string') return r.name || r.subject ? REDACTED : redactText(value, r);
	if (r.email && (k.includes('email') || k.includes('e_mail'))) return maskAll(value);
	if (r.subject && SUBJECT.test(k)) return maskAll(value);
	const personId = PERSON_IDS[k] ?? (inPerson && k === 'id' ? inPerson : undefined);
	const shownId = (id: unknown, kind: string) => {
		if (typeof id !== 'string' && typeof id !== 'number') return id;
		const shown = shownPersonId(kind, ctx.source, String(id), r);
		return shown === String(id) ? id : shown;
	};
	if (personId && (typeof value === 'string' || typeof value === 'number')) return shownId(value, personId);
	if (PERSON_ID_LISTS.has(k) && Array.isArray(value)) return value.map((id) => shownId(id, 'person'));
	if (r.name) {
		const bareName = k === 'name' && (inPerson || !NAMED_THINGS.has(ctx.entity ?? ''));
		// Inside a person object everything but its ids, kind and address is about them.
		const personDetail = inPerson && !PERSON_KIND.test(k) && !k.includes('email');
		if (PERSON.test(k) || CONTACT.test(k) || bareName || personDetail) {
			if (typeof value === 'object') return redactValue(value, r, ctx, inPerson ?? personKind(k));
			return REDACTED;
		}
	}
	return redactValue(value, r, ctx, inPerson ?? (PERSON.test(k) && typeof value === 'object' ? personKind(k) : null));
}

function redactValue(value: unknown, r: Redaction, ctx: RecordContext, inPerson: string | null): unknown {
	if (typeof value === 'string') return redactText(value, r);
	if (Array.isArray(value)) return value.map((v) => redactValue(v, r, ctx, inPerson));
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactField(k, v, r, ctx, inPerson)]));
	}
	return value;
}

/**
 * A row of a report or list (drill-through, KB query lists, flags' details) as shown: its
 * columns by name, its text for addresses. The row's own `source` is part of pseudonyms.
 */
export function redactRow<T extends Record<string, unknown>>(row: T, r: Redaction = redaction()): T {
	if (!redactsAnything(r)) return row;
	const ctx = { entity: 'report', source: typeof row.source === 'string' ? row.source : null };
	return redactValue(row, r, ctx, null) as T;
}

/**
 * A raw record as read from an export (the quarantine's `raw_record`: vendor field names,
 * nested JSON of API exports) as shown, in the form it came in: JSON text stays JSON text. A
 * text that is no JSON is redacted as text.
 */
export function redactRecord(record: unknown, ctx: RecordContext, r: Redaction = redaction()): unknown {
	if (!redactsAnything(r) || record === null || record === undefined) return record;
	if (typeof record !== 'string') return redactValue(record, r, ctx, null);
	let value: unknown;
	try {
		value = JSON.parse(record);
	} catch {
		return r.name || r.subject ? REDACTED : redactText(record, r);
	}
	return JSON.stringify(redactValue(value, r, ctx, null));
}

/**
 * A value of one named column of an export (an adjusted value, a rejected value quoted in a
 * reason) as shown.
 */
export function redactColumnValue(column: string | null, value: string | null, ctx: RecordContext, r: Redaction = redaction()): string | null {
	if (value === null || !redactsAnything(r)) return value;
	if (column === null) return redactText(value, r);
	const shown = redactField(column, value, r, ctx, null);
	return shown === null || shown === undefined ? null : String(shown);
}

/**
 * A rejection reason as shown: it may quote the rejected value (`got "..."`), masked when the
 * column is one whose values are redacted; addresses anywhere are masked.
 */
export function redactReason(column: string | null, reason: string, ctx: RecordContext, r: Redaction = redaction()): string {
	if (!redactsAnything(r)) return reason;
	const quoted = column === null ? reason : reason.replace(/"([^"]*)"/g, (all, inner: string) => {
		const shown = redactColumnValue(column, inner, ctx, r);
		return shown === inner ? all : `"${shown}"`;
	});
	return redactText(quoted, r);
}
