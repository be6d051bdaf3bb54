-- One row per self-service session (help-center visit, search session, bot conversation),
-- with the org's plan and segment. Deflection (which needs the 24 h ticket window) is
-- computed by the self-service metrics, not stored here.
with sessions as (
    select * from stg_generic_self_service
),

orgs as (
    select * from dim_orgs
),

final as (
    select
        sessions.source,
        sessions.session_id,
        sessions.started_at,
        sessions.kind,
        sessions.requester_id,
        sessions.org_id,
        orgs.plan,
        orgs.segment,
        sessions.is_handed_off,
        sessions.ticket_id,
        sessions.article_id,
        sessions.is_helpful
    from sessions
    left join orgs
        on orgs.source = sessions.source
        and orgs.org_id = sessions.org_id
)

select * from final
