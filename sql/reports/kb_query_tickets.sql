-- report:   the tickets that followed the searches of one KB query group
-- grain:    one row per ticket
-- params:   $from, $to (local dates in $tz, to exclusive: the KB gap table's window), $tz,
--           $as_of, $key (the group's key, kb_gaps.group_key), $f_segment, $f_plan, $f_org,
--           $f_source, $limit (null: all), $offset
-- A ticket followed a search when it is the one the table counts for it (tickets_after): the
-- first inbound ticket of the same requester (anonymous: the same org) created in
-- [searched_at, searched_at + 24 h] and by $as_of. Each ticket is listed once, with the
-- first of the group's searches it followed and how many it followed (two searches of one
-- requester an hour apart are followed by the same ticket), so the row count is the
-- distinct tickets behind the table's example categories.
with searches as (
    select *
    from dp_kb_query_searches($as_of, $tz, $from, $to, $key, $f_segment, $f_plan, $f_org, $f_source)
    where has_ticket_after
),

followed as (
    select
        source,
        next_ticket_id as ticket_id,
        any_value(ticket_match_kind) as matched_by,
        min(searched_at) as first_search_at,
        count(*)::integer as searches_followed
    from searches
    group by all
),

final as (
    select
        followed.source,
        followed.ticket_id,
        tickets.created_at,
        tickets.subject,
        tickets.category,
        tickets.status,
        tickets.priority,
        tickets.channel,
        tickets.segment,
        tickets.plan,
        tickets.org_id,
        followed.matched_by,
        followed.first_search_at,
        followed.searches_followed,
        count(*) over ()::integer as total_count
    from followed
    join fct_tickets as tickets
        on tickets.source = followed.source
        and tickets.ticket_id = followed.ticket_id
)

select *
from final
order by created_at desc, source, ticket_id
limit $limit
offset $offset
