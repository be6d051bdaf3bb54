import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	parseRedaction,
	pseudonym,
	redactColumnValue,
	redactReason,
	redactRecord,
	redactRow,
	redactText,
	REDACTED
} from '../../src/lib/server/privacy/redact';

const ALL = parseRedaction('email,name,subject');
const EMAIL = parseRedaction('email');
const NAME = parseRedaction('name');
const SUBJECT = parseRedaction('subject');
const NONE = parseRedaction(undefined);
const sha8 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

describe('DESKPULSE_REDACT', () => {
	it('reads a comma list of email, name and subject, plurals and all', () => {
		expect(parseRedaction(' Emails , subject ')).toEqual({ email: true, name: false, subject: true, problem: null });
		expect(parseRedaction('all')).toEqual({ email: true, name: true, subject: true, problem: null });
		expect(parseRedaction('')).toEqual({ email: false, name: false, subject: false, problem: null });
	});

	it('redacts everything, and says so, when it names something it does not know', () => {
		const r = parseRedaction('email,nmae');
		expect([r.email, r.name, r.subject]).toEqual([true, true, true]);
		expect(r.problem).toBe('DESKPULSE_REDACT: unknown "nmae" (use email, name, subject or all, comma-separated): redacting all three until it is fixed');
	});
});

describe('redaction rules', () => {
	it('masks addresses inside any text when emails are redacted, and nothing otherwise', () => {
		expect(redactText('refund for Ann.Archer+x@mail.example.co.uk please', EMAIL)).toBe(`refund for ${REDACTED} please`);
		expect(redactText('refund for ann@example.com', NAME)).toBe('refund for ann@example.com');
		expect(redactText('no address @ here', EMAIL)).toBe('no address @ here');
	});

	it('gives a person id the stable pseudonym of its source and id (the SQL macro gives the same)', () => {
		expect(pseudonym('agent', 'acme', 'Fox Mulder')).toBe(`agent-${sha8('acme:Fox Mulder')}`);
		const row = { source: 'acme', ticket_id: 't1', subject: 'Refund', requester_id: 'u-1', assignee_id: 'Fox Mulder', org_name: 'Acme Corp' };
		expect(redactRow(row, NAME)).toEqual({ ...row, requester_id: `requester-${sha8('acme:u-1')}`, assignee_id: `agent-${sha8('acme:Fox Mulder')}` });
		// With emails alone, only an id that is an address becomes a pseudonym.
		expect(redactRow({ ...row, requester_id: 'ann@example.com' }, EMAIL)).toEqual({ ...row, requester_id: `requester-${sha8('acme:ann@example.com')}` });
		// A pseudonym already given (by the SQL scope) is kept, not hashed again.
		expect(redactRow({ ...row, assignee_id: 'agent-0123abcd' }, NAME).assignee_id).toBe('agent-0123abcd');
	});

	it('masks subjects only when subjects are redacted; org names always stay', () => {
		const row = { source: 'acme', subject: 'Refund for Ann', org_name: 'Acme Corp', query_text: 'reset ann@example.com' };
		expect(redactRow(row, SUBJECT)).toEqual({ ...row, subject: REDACTED });
		expect(redactRow(row, EMAIL)).toEqual({ ...row, subject: 'Refund for Ann', query_text: `reset ${REDACTED}` });
		expect(redactRow(row, NONE)).toBe(row);
	});

	it("masks a vendor record's person fields, email fields and free text, nested JSON included", () => {
		const zendesk = { 'Ticket ID': '5', Requester: 'Ann Archer', 'Requester email': 'ann@example.com', 'Requester id': '77', Assignee: 'Fox Mulder', Subject: 'Call me', Organization: 'Acme Corp' };
		expect(redactRecord(zendesk, { entity: 'tickets', source: 'zendesk' }, ALL)).toEqual({
			'Ticket ID': '5',
			Requester: REDACTED,
			'Requester email': REDACTED,
			'Requester id': `requester-${sha8('zendesk:77')}`,
			Assignee: REDACTED,
			Subject: REDACTED,
			Organization: 'Acme Corp'
		});
		const api = JSON.stringify({ id: 9, customer: { id: 4, first: 'Ann', last: 'Archer', email: 'ann@example.com' }, threads: [{ body: 'hello' }] });
		expect(JSON.parse(redactRecord(api, { entity: 'tickets', source: 'helpscout' }, NAME) as string)).toEqual({
			id: 9,
			customer: { id: `requester-${sha8('helpscout:4')}`, first: REDACTED, last: REDACTED, email: 'ann@example.com' },
			threads: [{ body: 'hello' }]
		});
		const zendeskApi = {
			id: 35,
			requester_id: 77,
			collaborator_ids: [78, 79],
			via: { channel: 'email', source: { from: { address: 'ann@example.com', name: 'Ann Archer' } } },
			requester: { id: 77, name: 'Ann Archer', phone: '+1 555 0100', role: 'end-user' }
		};
		expect(redactRecord(zendeskApi, { entity: 'tickets', source: 'zd' }, NAME)).toEqual({
			id: 35,
			requester_id: `requester-${sha8('zd:77')}`,
			collaborator_ids: [`person-${sha8('zd:78')}`, `person-${sha8('zd:79')}`],
			via: { channel: 'email', source: { from: { address: REDACTED, name: REDACTED } } },
			requester: { id: `requester-${sha8('zd:77')}`, name: REDACTED, phone: REDACTED, role: 'end-user' }
		});
		// An org's bare name is no person's; a ticket record's is.
		expect(redactRecord({ org_id: 'o1', name: 'Acme Corp' }, { entity: 'orgs' }, NAME)).toEqual({ org_id: 'o1', name: 'Acme Corp' });
		expect(redactRecord({ name: 'Ann Archer' }, { entity: 'tickets' }, NAME)).toEqual({ name: REDACTED });
		// A record that could not be split into fields is one text: masked whole under names.
		expect(redactRecord({ 'record as written': 't9,"Ann Archer' }, { entity: 'tickets' }, NAME)).toEqual({ 'record as written': REDACTED });
	});

	it('masks a rejected value quoted in a reason when its column is redacted, and addresses anywhere', () => {
		expect(redactReason('requester_name', 'expected text, got "Ann Archer"', {}, NAME)).toBe(`expected text, got "${REDACTED}"`);
		expect(redactReason('created_at', 'expected a date and time, got "not a time"', {}, ALL)).toBe('expected a date and time, got "not a time"');
		expect(redactReason('created_at', 'expected a date and time, got "ann@example.com"', {}, EMAIL)).toBe(`expected a date and time, got "${REDACTED}"`);
		expect(redactColumnValue('Requester email', 'ann@example.com', {}, EMAIL)).toBe(REDACTED);
		expect(redactColumnValue('Created at', '2026-03-02 09:00', {}, ALL)).toBe('2026-03-02 09:00');
	});
});
