-- metrics:  kb_searches, search_result_rate, search_click_rate
-- grain:    one row per period x dim1 x dim2 with searches
-- attribution: searched_at, in the reporting zone $tz
-- params:   $grain, $tz, $from, $to (local dates; to exclusive), $as_of, $by1, $by2,
--           $f_segment, $f_plan, $f_org, $f_source (searches carry no other dimension)
--           $metrics (the metric ids to return, comma-separated; null: all)
-- Definitions (docs/metrics.md, "Self-service and knowledge base"):
-- - kb_searches: searches made in the period (before $as_of).
-- - search_result_rate: searches with results_count > 0 / searches. A search whose export
--   gave no results_count stays in the denominator but is not a success: it cannot be
--   shown to have found anything.
-- - search_click_rate: searches with a clicked_article_id / searches.
-- Both rates have a sample column `<id>__n` (the searches).
with searches as (
    select
        *,
        dp_local(searched_at, $tz) as searched_local
    from dp_scope_searches($as_of, $by1, $by2, $f_segment, $f_plan, $f_org, $f_source)
    where dp_local_in_range(searched_at, $tz, $from, $to)
),

aggregated as (
    select
        dp_period_start(searched_local, $grain) as period_start,
        dim1,
        dim2,
        count(*)::integer as kb_searches,
        count(*) filter (where has_results)::integer as searches_with_results,
        count(*) filter (where is_clicked)::integer as searches_clicked
    from searches
    group by all
),

final as (
    select
        dp_period_label(period_start, $grain) as period,
        period_start,
        dim1,
        dim2,
        kb_searches,
        (searches_with_results / kb_searches)::double as search_result_rate,
        kb_searches as search_result_rate__n,
        (searches_clicked / kb_searches)::double as search_click_rate,
        kb_searches as search_click_rate__n
    from aggregated
)

select period, period_start, dim1, dim2, columns(c -> dp_metric_wanted($metrics, c))
from final
order by period_start, dim1 nulls first, dim2 nulls first
