-- Which ticket follows a self-service session or a KB search. An event is matched by its
-- requester or, when anonymous (no requester_id), by its org; one with neither has no key
-- and is never followed. The first inbound ticket of the same source under that key created
-- at or after the event (models/ticket_match_keys.sql, found once per import in
-- fct_self_service and fct_kb_searches) follows it when created within 24 h and by as_of.

-- The key an event is matched to tickets by: its kind ('requester' | 'org') and its value.
create or replace macro dp_ticket_match_kind(requester_id, org_id) as
    case
        when requester_id is not null then 'requester'
        when org_id is not null then 'org'
    end;

create or replace macro dp_ticket_match_key(requester_id, org_id) as
    coalesce(requester_id, org_id);

-- The end of an event's window. Closed at both ends: a ticket exactly 24 h later is in it.
create or replace macro dp_ticket_window_ends_at(event_at) as
    event_at + interval 24 hours;

-- Whether the event's first following ticket fell in its window, as of `as_of`: a ticket
-- created after as_of does not exist yet for the report.
create or replace macro dp_ticket_followed(next_ticket_at, window_ends_at, as_of) as
    coalesce(next_ticket_at <= least(window_ends_at, cast(as_of as timestamptz)), false);
