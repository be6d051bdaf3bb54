-- report:   kb_gaps, a ranked table of knowledge-base gaps per segment (or per plan)
-- grain:    one row per group (dim1) x query group, the top $limit query groups per dim1
-- params:   $from, $to (local dates in $tz, to exclusive: the current window; both given,
--           src/lib/server/metrics/kb-gaps.ts resolves the default), $tz, $as_of,
--           $by1 ('segment' or 'plan'), $f_segment, $f_plan, $f_org, $f_source, $limit
-- Query groups (docs/metrics.md, "Query groups"): near-duplicate queries are one row. A
-- search's `query_normalized` (lower-cased, trimmed, inner whitespace collapsed) gets a
-- token-set key: apostrophes dropped, other punctuation a word break, stop words left out,
-- each word stemmed ("resetting" -> "reset"), each stem once, sorted ("reseting my
-- password?" -> "password reset"); keys one typo apart (one differing token, one edit, 5+
-- letters) are merged into the alphabetically first (sql/macros/kb_queries.sql,
-- sql/scopes/dp_kb_query_groups.sql). The key is computed once per distinct query over the
-- window and the one before, whatever the filters, and joined back to the searches.
-- Definitions (docs/metrics.md, "Self-service and knowledge base"), per group and query
-- group, over the searches made in the window before $as_of:
-- - query: the group's representative, its most searched variant (`query_normalized`) in the
--   row's window and group, ties to the alphabetically first; variants: every variant of the
--   row, most searched first; variant_count: how many;
-- - failed searches: zero results, or no article clicked (fct_kb_searches.is_failed);
-- - tickets_after: searches followed by an inbound ticket from the same requester
--   (anonymous: the same org) created in [searched_at, searched_at + 24 h] and by $as_of;
--   tickets_after_share = tickets_after / searches;
-- - kb_gap_score = failed searches * (1 + tickets_after_share);
-- - zero_result_rate and click_rate are shares of the query group's searches;
-- - example_categories: up to 3 categories of the tickets that followed (each ticket counted
--   once, however many of the group's searches it followed), most tickets first, then by
--   name; tickets without a category are left out;
-- - previous_kb_gap_score: the same score in the window of equal length just before; null
--   when the group never searched the query group then (0 when it did, without a failure);
--   kb_gap_score_change = kb_gap_score - previous_kb_gap_score.
-- Only query groups with at least one failed search in the window are ranked: by
-- kb_gap_score, highest first, then by query; the top $limit of each group are kept.
with bounds as (
    select
        cast($from as date) as from_on,
        cast($to as date) as to_on,
        cast($from as date) - cast(cast($to as date) - cast($from as date) as integer) as previous_from_on
),

searches as (
    select
        scoped.*,
        case
            when dp_local(scoped.searched_at, $tz) >= cast(bounds.from_on as timestamp) then 'current'
            else 'previous'
        end as search_window
    from dp_scope_searches($as_of, $by1, null, $f_segment, $f_plan, $f_org, $f_source) as scoped
    cross join bounds
    -- The previous window's start to the current one's end, written from the parameters
    -- (not the bounds row) so DuckDB tests the stored instant in the scan.
    where dp_local_in_range(
        scoped.searched_at, $tz,
        cast($from as date) - cast(cast($to as date) - cast($from as date) as integer),
        cast($to as date)
    )
),

query_groups as (
    select * from dp_kb_query_groups($as_of, $tz, $from, $to)
),

grouped as (
    select
        searches.*,
        query_groups.group_key
    from searches
    join query_groups
        on query_groups.query_normalized = searches.query_normalized
),

scored as (
    select
        search_window,
        dim1,
        group_key,
        count(*)::integer as searches,
        count(*) filter (where is_failed)::integer as failed_searches,
        count(*) filter (where is_zero_result)::integer as zero_result_searches,
        count(*) filter (where is_clicked)::integer as clicked_searches,
        count(*) filter (where has_ticket_after)::integer as tickets_after,
        -- failed * (1 + tickets_after / searches), written with one division so a whole score
        -- stays whole (29 x (1 + 1/29) would be 30.000000000000004).
        (count(*) filter (where is_failed) * (count(*) + count(*) filter (where has_ticket_after)) / count(*))::double
            as kb_gap_score
    from grouped
    group by all
),

variant_counts as (
    select
        dim1,
        group_key,
        query_normalized,
        count(*) as searches
    from grouped
    where search_window = 'current'
    group by all
),

variants as (
    select
        dim1,
        group_key,
        list(query_normalized order by searches desc, query_normalized asc) as variants
    from variant_counts
    group by all
),

followed_tickets as (
    select distinct
        dim1,
        group_key,
        source,
        next_ticket_id,
        next_ticket_category
    from grouped
    where search_window = 'current'
        and has_ticket_after
        and next_ticket_category is not null
),

category_counts as (
    select
        dim1,
        group_key,
        next_ticket_category as category,
        count(*) as ticket_count
    from followed_tickets
    group by all
),

categories as (
    select
        dim1,
        group_key,
        list(category order by ticket_count desc, category asc)[1:3] as example_categories
    from category_counts
    group by all
),

ranked as (
    select
        current_window.dim1,
        row_number() over (
            partition by current_window.dim1
            order by current_window.kb_gap_score desc, variants.variants[1] asc
        )::integer as rank,
        variants.variants[1] as query,
        current_window.group_key,
        len(variants.variants)::integer as variant_count,
        variants.variants,
        current_window.searches,
        (current_window.zero_result_searches / current_window.searches)::double as zero_result_rate,
        (current_window.clicked_searches / current_window.searches)::double as click_rate,
        current_window.tickets_after,
        coalesce(categories.example_categories, []) as example_categories,
        current_window.kb_gap_score,
        previous_window.kb_gap_score as previous_kb_gap_score,
        (current_window.kb_gap_score - previous_window.kb_gap_score)::double as kb_gap_score_change
    from scored as current_window
    left join scored as previous_window
        on previous_window.search_window = 'previous'
        and previous_window.dim1 is not distinct from current_window.dim1
        and previous_window.group_key = current_window.group_key
    join variants
        on variants.dim1 is not distinct from current_window.dim1
        and variants.group_key = current_window.group_key
    left join categories
        on categories.dim1 is not distinct from current_window.dim1
        and categories.group_key = current_window.group_key
    where current_window.search_window = 'current'
        and current_window.failed_searches > 0
),

final as (
    select *
    from ranked
    where rank <= $limit
)

select *
from final
order by dim1 nulls first, rank
