-- report:   drill-through: the knowledge-base searches behind one metric cell
-- grain:    one row per search
-- params:   $tz, $from, $to (local dates; the cell's period), $as_of, $f_segment, $f_plan,
--           $f_org, $f_source, $numerator (search_result_rate | search_click_rate | null),
--           $only_numerator, $query (a normalized query, or null: KB gaps drill by it),
--           $descending, $limit, $offset
-- Every search of the period is in the sample of kb_searches, search_result_rate and
-- search_click_rate (sql/metrics/kb_searches.sql).
with searches as (
    select *
    from dp_scope_searches($as_of, null, null, $f_segment, $f_plan, $f_org, $f_source)
    where dp_in_range(dp_local(searched_at, $tz), $from, $to)
        and ($query is null or query_normalized = $query)
),

final as (
    select
        source,
        search_id,
        searched_at,
        session_id,
        requester_id,
        org_id,
        plan,
        segment,
        query_text,
        query_normalized,
        results_count,
        clicked_article_id,
        is_failed,
        has_ticket_after,
        next_ticket_id,
        next_ticket_category,
        case $numerator
            when 'search_result_rate' then coalesce(has_results, false)
            when 'search_click_rate' then is_clicked
        end as in_numerator,
        count(*) over () as total_count
    from searches
    where $only_numerator is null
        or (case $numerator
            when 'search_result_rate' then coalesce(has_results, false)
            when 'search_click_rate' then is_clicked
        end) = $only_numerator
)

select *
from final
order by
    case when $descending then epoch(searched_at) end desc,
    case when not $descending then epoch(searched_at) end asc,
    source,
    search_id
limit $limit
offset $offset
