-- adapter:  intercom and intercom-tables (both read Intercom's vocabulary)
-- reads:    nothing; run by each adapter's load step on the import's own connection
-- writes:   temporary macros, gone when the import's connection closes
-- Intercom's words for a conversation's state, channel, priority and direction, mapped once
-- for the API export and the Fivetran tables alike.

-- A unix-seconds value (the API's every timestamp) as an ISO instant in UTC. Zero or a
-- negative number means "never" (the 1970 sentinel); text that is not a number is passed
-- through untouched, so the generic checker rejects it naming the column.
create or replace temp macro ic_unix_text(s) as
    case
        when s is null or trim(s) = '' then null
        when try_cast(trim(s) as double) is null then trim(s)
        when try_cast(trim(s) as double) <= 0 then null
        else strftime(to_timestamp(try_cast(trim(s) as double)), '%Y-%m-%dT%H:%M:%S.%fZ')
    end;

-- The same value as a timestamptz, for ordering parts against the conversation.
create or replace temp macro ic_unix_ts(s) as
    case when try_cast(trim(s) as double) > 0 then to_timestamp(try_cast(trim(s) as double)) end;

-- open stays open; closed is solved (a customer reply reopens it, as a Zendesk solve);
-- snoozed waits on a date or the customer, which is pending. Other words pass through and
-- are rejected by the checker with the vocabulary it accepts.
create or replace temp macro ic_status(state) as
    case lower(trim(state))
        when 'open' then 'open'
        when 'closed' then 'solved'
        when 'snoozed' then 'pending'
        else lower(trim(state))
    end;

-- source.type: "conversation" is the Messenger (chat); phone_call / phone_switch are calls;
-- push is an in-app message; the social networks are social.
create or replace temp macro ic_channel(source_type) as
    case lower(trim(source_type))
        when 'conversation' then 'chat'
        when 'email' then 'email'
        when 'phone_call' then 'phone'
        when 'phone_switch' then 'phone'
        when 'push' then 'in_app'
        when 'facebook' then 'social'
        when 'twitter' then 'social'
        when 'instagram' then 'social'
        when 'whatsapp' then 'social'
        else nullif(lower(trim(source_type)), '')
    end;

-- Intercom's flag is binary: "priority" is high (P2), "not_priority" normal (P3). Newer API
-- versions say none / low / medium / high / urgent: none is no priority, the rest are the
-- generic scale's words already.
create or replace temp macro ic_priority(p) as
    case lower(trim(p))
        when 'priority' then 'high'
        when 'not_priority' then 'normal'
        when 'none' then null
        else nullif(lower(trim(p)), '')
    end;

-- Started by the company: a teammate's message (admin_initiated), a campaign or an
-- automated message; without delivered_as, a source written by an admin. A conversation an
-- Operator bot opened in answer to a visitor (operator_initiated) is the customer's.
create or replace temp macro ic_outbound(delivered_as, author_type) as
    coalesce(
        lower(trim(delivered_as)) in ('admin_initiated', 'campaigns_initiated', 'automated'),
        lower(trim(author_type)) = 'admin',
        false
    );

-- A tag name inside the generic format's ;-separated list (its separators become spaces).
create or replace temp macro ic_tag(name) as
    nullif(trim(regexp_replace(name, '\s*[;,]+\s*', ' ', 'g')), '');
