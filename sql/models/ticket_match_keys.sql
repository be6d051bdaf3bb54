-- grain: one row per inbound ticket and key a session or search can be matched to it by:
-- ('requester', requester_id) and ('org', org_id), within its source (sql/macros/ticket_match.sql).
-- fct_self_service and fct_kb_searches both find an event's first following ticket here.
-- Outbound tickets are agent-created, so they say nothing about whether self-service helped.
with tickets as (
    select * from fct_tickets
    where not is_outbound
),

final as (
    select
        source,
        'requester' as match_kind,
        requester_id as match_key,
        created_at,
        ticket_id,
        category
    from tickets
    where requester_id is not null
    union all
    select
        source,
        'org' as match_kind,
        org_id as match_key,
        created_at,
        ticket_id,
        category
    from tickets
    where org_id is not null
)

select * from final
