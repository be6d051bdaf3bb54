with source as (
    select * from raw_generic_self_service
),

final as (
    select
        source,
        session_id,
        started_at,
        lower(trim(kind)) as kind,
        requester_id,
        org_id,
        coalesce(handed_off, false) as is_handed_off,
        ticket_id,
        article_id,
        helpful as is_helpful,
        import_run_id
    from source
)

select * from final
