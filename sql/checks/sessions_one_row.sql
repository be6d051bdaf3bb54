-- fct_self_service has one row per (source, session_id), and fct_kb_searches one per
-- (source, search_id): a join that fans out (two orgs rows with one id, or an ASOF match
-- against duplicated tickets) would count sessions or searches twice in every metric.
with sessions as (
    select
        'fct_self_service' as model,
        source,
        session_id as row_id,
        count(*) as row_count
    from fct_self_service
    group by all
    having count(*) > 1
),

searches as (
    select
        'fct_kb_searches' as model,
        source,
        search_id as row_id,
        count(*) as row_count
    from fct_kb_searches
    group by all
    having count(*) > 1
),

final as (
    select * from sessions
    union all
    select * from searches
)

select * from final
