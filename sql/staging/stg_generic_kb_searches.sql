with source as (
    select * from raw_generic_kb_searches
),

final as (
    select
        source,
        search_id,
        searched_at,
        session_id,
        requester_id,
        org_id,
        query as query_text,
        results_count,
        clicked_article_id,
        import_run_id
    from source
)

select * from final
