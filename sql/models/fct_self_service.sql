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

-- Each inbound ticket under both keys a session may be matched by.
ticket_keys as (
    select * from ticket_match_keys
    where not $incremental
        or (source, match_kind, match_key) in (select source, match_kind, match_key from refresh_sessions)
),

keyed as (
    select
        sessions.*,
        dp_ticket_match_kind(sessions.requester_id, sessions.org_id) as match_kind,
        dp_ticket_match_key(sessions.requester_id, sessions.org_id) as match_key
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
        dp_ticket_window_ends_at(matched.started_at) as deflection_window_ends_at
    from matched
    left join orgs
        on orgs.source = matched.source
        and orgs.org_id = matched.org_id
)

select * from final
