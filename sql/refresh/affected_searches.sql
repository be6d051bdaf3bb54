-- The searches whose row may differ after an import: the searches it wrote, the searches
-- whose first following ticket was a rebuilt ticket (it may have moved, or lost its key),
-- and the searches that a rebuilt ticket now follows first: same source and key, created at
-- or after the start and no later than the search's current next ticket. Each with the key
-- it is matched to tickets by (sql/macros/ticket_match.sql), so the rebuild reads only
-- tickets under those keys.
with affected as (
    select source, search_id
    from raw_generic_kb_searches
    where import_run_id in (select unnest(cast(string_split($run_ids, ',') as integer[])))
    union
    select source, search_id
    from fct_kb_searches
    where (source, next_ticket_id) in (select source, ticket_id from refresh_tickets)
    union
    select s.source, s.search_id
    from fct_kb_searches as s
    inner join refresh_ticket_keys as t
        on t.source = s.source
        and t.match_kind = s.ticket_match_kind
        and t.match_key = dp_ticket_match_key(s.requester_id, s.org_id)
        and t.created_at >= s.searched_at
        and (s.next_ticket_at is null or t.created_at <= s.next_ticket_at)
)

select
    affected.source,
    affected.search_id,
    dp_ticket_match_kind(searches.requester_id, searches.org_id) as match_kind,
    dp_ticket_match_key(searches.requester_id, searches.org_id) as match_key
from affected
left join stg_generic_kb_searches as searches
    on searches.source = affected.source
    and searches.search_id = affected.search_id
