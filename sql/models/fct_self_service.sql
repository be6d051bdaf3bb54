-- materialized: table
-- grain: one row per self-service session (source, session_id): a help-center visit, a
-- search session or a bot conversation, with its org's plan and segment.
-- Deflection needs "was there a ticket in the 24 h after the session?", which at millions of
-- sessions is too slow to answer per report, so the first candidate ticket is found here,
-- once per import: `next_ticket_at` is the created_at of the first inbound ticket of the same
-- source created at or after the session start, from the same requester or, for an
-- anonymous session (no requester_id), from the same org. It ignores `as_of` on purpose: the
-- first ticket at or after the start is the only one that can fall in the window, so a
-- report decides with `next_ticket_at <= least(deflection_window_ends_at, as_of)`
-- (dp_scope_sessions). A session with neither requester nor org has no key and never a
-- next ticket. Ids are matched within one source, as orgs are.
-- `$incremental` is true when an import's refresh rebuilds only the sessions in
-- refresh_sessions, against the tickets under their keys (src/lib/server/db/model-refresh.ts);
-- false in a full build.
with sessions as (
    select * from stg_generic_self_service
    where not $incremental
        or (source, session_id) in (select source, session_id from refresh_sessions)
),

orgs as (
    select * from dim_orgs
),

-- Each inbound ticket under both keys a session may be matched by; outbound tickets are
-- agent-created, so they say nothing about whether self-service helped.
ticket_keys as (
    select
        source,
        'requester' as match_kind,
        requester_id as match_key,
        created_at,
        ticket_id
    from fct_tickets
    where not is_outbound
        and requester_id is not null
        and (not $incremental
            or (source, requester_id) in (select source, match_key from refresh_sessions where match_kind = 'requester'))
    union all
    select
        source,
        'org' as match_kind,
        org_id as match_key,
        created_at,
        ticket_id
    from fct_tickets
    where not is_outbound
        and org_id is not null
        and (not $incremental
            or (source, org_id) in (select source, match_key from refresh_sessions where match_kind = 'org'))
),

keyed as (
    select
        sessions.*,
        case
            when sessions.requester_id is not null then 'requester'
            when sessions.org_id is not null then 'org'
        end as match_kind,
        coalesce(sessions.requester_id, sessions.org_id) as match_key
    from sessions
),

-- The nearest ticket at or after the start (ASOF picks the smallest created_at >= started_at).
matched as (
    select
        keyed.*,
        ticket_keys.created_at as next_ticket_at,
        ticket_keys.ticket_id as next_ticket_id
    from keyed
    asof left join ticket_keys
        on ticket_keys.source = keyed.source
        and ticket_keys.match_kind = keyed.match_kind
        and ticket_keys.match_key = keyed.match_key
        and ticket_keys.created_at >= keyed.started_at
),

final as (
    select
        matched.source,
        matched.session_id,
        matched.started_at,
        matched.kind,
        matched.requester_id,
        matched.org_id,
        orgs.plan,
        orgs.segment,
        matched.is_handed_off,
        matched.ticket_id,
        matched.article_id,
        matched.is_helpful,
        matched.match_kind as ticket_match_kind,
        matched.next_ticket_id,
        matched.next_ticket_at,
        -- The window is closed at both ends: a ticket exactly 24 h after the start is in it.
        matched.started_at + interval 24 hours as deflection_window_ends_at
    from matched
    left join orgs
        on orgs.source = matched.source
        and orgs.org_id = matched.org_id
)

select * from final
