-- materialized: table
-- grain: one row per knowledge-base search (source, search_id).
-- `query_normalized` is the catalog's normal form (lower-cased, trimmed, inner whitespace
-- collapsed), the key KB gaps are ranked by. As for sessions (fct_self_service), the first
-- inbound ticket of the same source created at or after the search, from the same requester
-- or, for an anonymous search, the same org, is found once per import (`next_ticket_*`), so
-- the KB gaps report only compares it with the 24 h window and its `as_of`.
-- `$incremental` is true when an import's refresh rebuilds only the searches in
-- refresh_searches, against the tickets under their keys (src/lib/server/db/model-refresh.ts);
-- false in a full build.
with searches as (
    select * from stg_generic_kb_searches
    where not $incremental
        or (source, search_id) in (select source, search_id from refresh_searches)
),

orgs as (
    select * from dim_orgs
),

ticket_keys as (
    select * from ticket_match_keys
    where not $incremental
        or (source, match_kind, match_key) in (select source, match_kind, match_key from refresh_searches)
),

keyed as (
    select
        searches.*,
        dp_ticket_match_kind(searches.requester_id, searches.org_id) as match_kind,
        dp_ticket_match_key(searches.requester_id, searches.org_id) as match_key
    from searches
),

-- The nearest ticket at or after the search (ASOF picks the smallest created_at >= searched_at).
matched as (
    select
        keyed.*,
        ticket_keys.created_at as next_ticket_at,
        ticket_keys.ticket_id as next_ticket_id,
        ticket_keys.category as next_ticket_category
    from keyed
    asof left join ticket_keys
        on ticket_keys.source = keyed.source
        and ticket_keys.match_kind = keyed.match_kind
        and ticket_keys.match_key = keyed.match_key
        and ticket_keys.created_at >= keyed.searched_at
),

final as (
    select
        matched.source,
        matched.search_id,
        matched.searched_at,
        matched.session_id,
        matched.requester_id,
        matched.org_id,
        orgs.plan,
        orgs.segment,
        matched.query_text,
        regexp_replace(lower(trim(matched.query_text)), '\s+', ' ', 'g') as query_normalized,
        matched.results_count,
        matched.results_count > 0 as has_results,
        -- A search without a results_count is neither a success nor a zero-result search:
        -- only what the export recorded is counted.
        coalesce(matched.results_count = 0, false) as is_zero_result,
        matched.clicked_article_id,
        matched.clicked_article_id is not null as is_clicked,
        -- A failed search (KB gaps): zero results, or results that nobody clicked.
        coalesce(matched.results_count = 0, false) or matched.clicked_article_id is null as is_failed,
        matched.match_kind as ticket_match_kind,
        matched.next_ticket_id,
        matched.next_ticket_at,
        matched.next_ticket_category,
        dp_ticket_window_ends_at(matched.searched_at) as ticket_window_ends_at
    from matched
    left join orgs
        on orgs.source = matched.source
        and orgs.org_id = matched.org_id
)

select * from final
