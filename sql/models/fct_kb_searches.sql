-- One row per knowledge-base search. `query_normalized` is the catalog's normal form
-- (lower-cased, trimmed, inner whitespace collapsed), the key KB gaps are ranked by.
with searches as (
    select * from stg_generic_kb_searches
),

orgs as (
    select * from dim_orgs
),

final as (
    select
        searches.source,
        searches.search_id,
        searches.searched_at,
        searches.session_id,
        searches.requester_id,
        searches.org_id,
        orgs.plan,
        orgs.segment,
        searches.query_text,
        regexp_replace(lower(trim(searches.query_text)), '\s+', ' ', 'g') as query_normalized,
        searches.results_count,
        searches.results_count > 0 as has_results,
        searches.clicked_article_id,
        searches.clicked_article_id is not null as is_clicked
    from searches
    left join orgs
        on orgs.source = searches.source
        and orgs.org_id = searches.org_id
)

select * from final
