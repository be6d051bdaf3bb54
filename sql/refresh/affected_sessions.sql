-- The sessions whose row may differ after an import: the sessions it wrote, the sessions
-- whose first following ticket was a rebuilt ticket (it may have moved, or lost its key),
-- and the sessions that a rebuilt ticket now follows first: same source and key, created at
-- or after the start and no later than the session's current next ticket. Each with the key
-- it is matched to tickets by (sql/macros/ticket_match.sql), so the rebuild reads only
-- tickets under those keys.
with affected as (
    select source, session_id
    from raw_generic_self_service
    where import_run_id in (select unnest(cast(string_split($run_ids, ',') as integer[])))
    union
    select source, session_id
    from fct_self_service
    where (source, next_ticket_id) in (select source, ticket_id from refresh_tickets)
    union
    select s.source, s.session_id
    from fct_self_service as s
    inner join refresh_ticket_keys as t
        on t.source = s.source
        and t.match_kind = s.ticket_match_kind
        and t.match_key = dp_ticket_match_key(s.requester_id, s.org_id)
        and t.created_at >= s.started_at
        and (s.next_ticket_at is null or t.created_at <= s.next_ticket_at)
)

select
    affected.source,
    affected.session_id,
    dp_ticket_match_kind(sessions.requester_id, sessions.org_id) as match_kind,
    dp_ticket_match_key(sessions.requester_id, sessions.org_id) as match_key
from affected
left join stg_generic_self_service as sessions
    on sessions.source = affected.source
    and sessions.session_id = affected.session_id
