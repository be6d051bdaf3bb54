-- report:   the searches of one KB query group, newest first
-- grain:    one row per search
-- params:   $from, $to (local dates in $tz, to exclusive: the KB gap table's window), $tz,
--           $as_of, $key (the group's key, kb_gaps.group_key), $f_segment, $f_plan, $f_org,
--           $f_source, $limit (null: all), $offset
-- `ticket_id_after` is the ticket the table counts for the search: the first inbound ticket
-- of the same requester (anonymous: the same org) created within 24 h and by $as_of.
with searches as (
    select *
    from dp_kb_query_searches($as_of, $tz, $from, $to, $key, $f_segment, $f_plan, $f_org, $f_source)
),

-- Materialized and counted by a scalar subquery, as the drill-through lists are
-- (sql/reports/tickets.sql): with a window count the statement took a third more CPU at 2M
-- searches.
final as materialized (
    select
        source,
        search_id,
        searched_at,
        query_text,
        query_normalized,
        segment,
        plan,
        org_id,
        requester_id,
        session_id,
        results_count,
        clicked_article_id,
        is_zero_result,
        is_clicked,
        is_failed,
        has_ticket_after,
        case when has_ticket_after then next_ticket_id end as ticket_id_after
    from searches
)

select
    *,
    (select count(*) from final)::integer as total_count
from final
order by searched_at desc, source, search_id
limit $limit
offset $offset
