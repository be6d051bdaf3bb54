-- Canonical vocabularies. Help desks name the same status, priority and channel in many
-- ways; these map the names the generic format accepts onto deskpulse's own. A ticket value
-- they map to null is read by the default rules below (and reported); elsewhere (an SLA
-- policy's priority) it is rejected with the list of accepted values.

create or replace macro dp_map_status(s) as
    case regexp_replace(lower(trim(s)), '[\s-]+', '_', 'g')
        when 'new' then 'new'
        when 'open' then 'open'
        when 'pending' then 'pending'
        when 'waiting_on_customer' then 'pending'
        when 'awaiting_customer' then 'pending'
        when 'on_hold' then 'on_hold'
        when 'hold' then 'on_hold'
        when 'solved' then 'solved'
        when 'resolved' then 'solved'
        when 'closed' then 'closed'
        else null
    end;

-- P0..P4, or the four-level urgent/high/normal/low scale (urgent is P1: P0 is reserved for
-- incidents a source marks as such).
create or replace macro dp_map_priority(s) as
    case lower(trim(s))
        when 'p0' then 'P0' when 'p1' then 'P1' when 'p2' then 'P2' when 'p3' then 'P3' when 'p4' then 'P4'
        when 'urgent' then 'P1' when 'critical' then 'P1'
        when 'high' then 'P2'
        when 'normal' then 'P3' when 'medium' then 'P3'
        when 'low' then 'P4'
        else null
    end;

-- Channels are open-ended; only spelling variants are folded together.
create or replace macro dp_map_channel(s) as
    case regexp_replace(lower(trim(s)), '[\s-]+', '_', 'g')
        when 'mail' then 'email' when 'e_mail' then 'email'
        when 'web_form' then 'web' when 'webform' then 'web' when 'portal' then 'web'
        when 'voice' then 'phone' when 'call' then 'phone'
        when 'messenger' then 'chat' when 'live_chat' then 'chat'
        when 'inapp' then 'in_app'
        else regexp_replace(lower(trim(s)), '[\s-]+', '_', 'g')
    end;

-- A CSAT answer the generic format accepts: an integer 0..10, or good/bad.
-- Digits only: "4.5", "0x5", "1e1" and "1_0" are no answer (a cast would round or read them).
create or replace macro dp_is_csat_score(s) as
    lower(trim(s)) in ('good', 'bad')
    or (regexp_full_match(trim(s), '[0-9]{1,2}') and try_cast(trim(s) as integer) between 0 and 10);

create or replace macro dp_map_tier(s) as
    case upper(regexp_replace(trim(s), '\s+', '', 'g'))
        when 'T1' then 'T1' when 'TIER1' then 'T1' when '1' then 'T1'
        when 'T2' then 'T2' when 'TIER2' then 'T2' when '2' then 'T2'
        when 'T3' then 'T3' when 'TIER3' then 'T3' when '3' then 'T3'
        else null
    end;

create or replace macro dp_map_segment(s) as
    case regexp_replace(lower(trim(s)), '[\s-]+', '_', 'g')
        when 'scaled' then 'scaled' when 'blended' then 'blended' when 'high_touch' then 'high_touch'
        else null
    end;

-- Default rules: what a vocabulary value no built-in map knows becomes, so an unknown value
-- never costs a ticket (docs/metrics.md, "Import rules"). The import reports each value read
-- this way with its row count, and `--map FIELD="VALUE=CANONICAL"` overrides it.

-- A custom status (Freshdesk's "Waiting on Customer", a Zendesk custom ticket status, a Jira
-- workflow state): solved when the ticket has a solve or close time; else pending when its
-- name says it waits on the customer; else open (the team's move).
create or replace macro dp_default_status(s, has_solve_time) as
    case
        when has_solve_time then 'solved'
        when regexp_matches(lower(s), '(wait|await|pending|need)\w*\b.*\b(customer|requester|client|user|reporter|contact|reply|response|info)')
            or regexp_matches(lower(s), '(customer|requester|client|reporter|user)\w*\b.*\b(wait|reply|response|action|input|feedback)')
            then 'pending'
        else 'open'
    end;

-- A priority spelled otherwise (Jira's Highest..Lowest, "Sev 2 - Major"): read by the word it
-- holds; a bare number or an unknown word is no priority (scales disagree on whether 1 is
-- the highest or the lowest).
create or replace macro dp_default_priority(s) as
    case
        when regexp_matches(lower(s), 'highest|urgent|critical|emergency|blocker|sev(erity)?\s*[-_]?\s*[01]\b') then 'P1'
        when regexp_matches(lower(s), 'high|major|sev(erity)?\s*[-_]?\s*2\b') then 'P2'
        when regexp_matches(lower(s), 'medium|normal|moderate|standard|sev(erity)?\s*[-_]?\s*3\b') then 'P3'
        when regexp_matches(lower(s), 'lowest|low|minor|trivial|sev(erity)?\s*[-_]?\s*[45]\b') then 'P4'
    end;

-- The channels the built-in map writes: any other is kept, normalised, as a channel of its own.
create or replace macro dp_is_known_channel(c) as
    c in ('email', 'web', 'phone', 'chat', 'in_app', 'social', 'api', 'community', 'sms', 'followup');
