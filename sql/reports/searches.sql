-- report:   drill-through: the knowledge-base searches behind one metric cell
-- grain:    one row per search
-- params:   $tz, $from, $to (local dates; the cell's period), $as_of, $f_segment, $f_plan,
--           $f_org, $f_source, $numerator (search_result_rate | search_click_rate | null),
--           $only_numerator, $query (a normalized query, or null: KB gaps drill by it),
--           $descending, $limit, $offset, $keys_only, $page_keys
-- Every search of the period is in the sample of kb_searches, search_result_rate and
-- search_click_rate (sql/metrics/kb_searches.sql).
-- A page is read in two passes, as sql/reports/tickets.sql explains: `$keys_only` true
-- returns the page's (source, search_id) and the list's total, then `$page_keys` (those pairs
-- as JSON) computes only the page's searches. $page_keys null: every one.
with searches as (
    select *
    from dp_scope_searches($as_of, null, null, $f_segment, $f_plan, $f_org, $f_source)
    where dp_local_in_range(searched_at, $tz, $from, $to)
        and ($query is null or query_normalized = $query)
        and ($page_keys is null or search_id in (
            select page_key.id from (select unnest(from_json($page_keys, '[{"source": "varchar", "id": "varchar"}]')) as page_key)
        ))
),

-- Materialized: the total and the page read one computation of the list (as in tickets.sql).
final as materialized (
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
        end as in_numerator
    from searches
    where ($only_numerator is null
        or (case $numerator
            when 'search_result_rate' then coalesce(has_results, false)
            when 'search_click_rate' then is_clicked
        end) = $only_numerator)
        and ($page_keys is null or {'source': source, 'id': search_id} in (
            select unnest(from_json($page_keys, '[{"source": "varchar", "id": "varchar"}]'))
        ))
)

select
    columns(c -> not $keys_only or c in ('source', 'search_id')),
    (select count(*) from final) as total_count
from final
order by
    case when $descending then epoch(searched_at) end desc,
    case when not $descending then epoch(searched_at) end asc,
    source,
    search_id
limit $limit
offset $offset
