-- The core KPI pack, hand-written for plain DuckDB over the tables `read_csv` made of the
-- generic-format files (tickets, orgs, sla_policies, self_service, kb_searches): weekly
-- (ISO week, UTC) x segment over the whole history. The minimal query a person would write,
-- the yardstick deskpulse's computeKpis is measured against (bench/README.md).
-- Definitions follow docs/metrics.md, except (on purpose, documented in bench/README.md):
-- - SLA FRT breach compares calendar minutes with the target; deskpulse compares business
--   minutes of the policy's schedule (a precomputed calendar), so this rate is higher.
-- - "now" (as_of) is fixed at 2026-11-17 00:00 UTC: the demo data ends 2026-11-15, so every
--   24 h deflection window is closed and nothing is pending.
-- Durations are hours; rates are fractions in [0, 1].

-- name: weekly_segment
with inbound as (
    select
        tickets.*,
        orgs.segment,
        orgs.plan
    from tickets
    left join orgs using (org_id)
    where not tickets.outbound
),

targets as (
    select
        inbound.*,
        least(plan_policy.frt_target_min, priority_policy.frt_target_min) as frt_target_min
    from inbound
    left join sla_policies as plan_policy
        on plan_policy.plan = inbound.plan
        and plan_policy.priority is null
    left join sla_policies as priority_policy
        on priority_policy.plan = inbound.plan
        and priority_policy.priority = inbound.priority
),

by_created as (
    select
        cast(date_trunc('week', created_at at time zone 'UTC') as date) as week,
        segment,
        count(*) as tickets_created,
        quantile_cont((epoch(first_response_at) - epoch(created_at)) / 3600.0, 0.5) as frt_p50_hours,
        quantile_cont((epoch(first_response_at) - epoch(created_at)) / 3600.0, 0.9) as frt_p90_hours,
        avg(
            case
                when frt_target_min is null then null
                when first_response_at is not null
                    then ((epoch(first_response_at) - epoch(created_at)) / 60.0 > frt_target_min)::integer
                else ((epoch(timestamptz '2026-11-17 00:00:00+00') - epoch(created_at)) / 60.0 > frt_target_min)::integer
            end
        ) as sla_frt_breach_rate_calendar
    from targets
    group by all
),

by_solved as (
    select
        cast(date_trunc('week', solved_at at time zone 'UTC') as date) as week,
        segment,
        count(*) as tickets_solved,
        quantile_cont((epoch(solved_at) - epoch(created_at)) / 3600.0, 0.5) as resolution_p50_hours,
        avg((coalesce(reopens, 0) >= 1 or final_solved_at > solved_at)::integer) as reopen_rate
    from inbound
    where solved_at is not null
    group by all
),

by_rating as (
    select
        cast(date_trunc('week', coalesce(csat_at, solved_at) at time zone 'UTC') as date) as week,
        segment,
        avg((csat_score >= 4)::integer) as csat_rate
    from inbound
    where csat_score is not null
    group by all
),

-- Deflection: a session neither handed off nor naming a ticket, with no inbound ticket of
-- the same requester (anonymous: the same org) created within 24 h of its start.
ticket_keys as (
    select 'requester' as match_kind, requester_id as match_key, created_at from inbound where requester_id is not null
    union all
    select 'org', org_id, created_at from inbound where org_id is not null
),

sessions as (
    select
        self_service.*,
        orgs.segment,
        case when self_service.requester_id is not null then 'requester' when self_service.org_id is not null then 'org' end as match_kind,
        coalesce(self_service.requester_id, self_service.org_id) as match_key
    from self_service
    left join orgs using (org_id)
),

matched as (
    select
        sessions.*,
        ticket_keys.created_at as next_ticket_at
    from sessions
    asof left join ticket_keys
        on ticket_keys.match_kind = sessions.match_kind
        and ticket_keys.match_key = sessions.match_key
        and ticket_keys.created_at >= sessions.started_at
),

by_session as (
    select
        cast(date_trunc('week', started_at at time zone 'UTC') as date) as week,
        segment,
        count(*) filter (
            where not coalesce(handed_off, false)
                and ticket_id is null
                and not coalesce(next_ticket_at <= started_at + interval 24 hours, false)
        ) as sessions_deflected
    from matched
    group by all
),

final as (
    select
        coalesce(by_created.week, by_solved.week, by_rating.week, by_session.week) as week,
        coalesce(by_created.segment, by_solved.segment, by_rating.segment, by_session.segment) as segment,
        coalesce(by_created.tickets_created, 0) as tickets_created,
        by_created.frt_p50_hours,
        by_created.frt_p90_hours,
        by_solved.resolution_p50_hours,
        by_rating.csat_rate,
        by_solved.reopen_rate,
        by_created.sla_frt_breach_rate_calendar,
        by_session.sessions_deflected / nullif(coalesce(by_session.sessions_deflected, 0) + coalesce(by_created.tickets_created, 0), 0)
            as deflection_rate
    from by_created
    full outer join by_solved
        on by_solved.week = by_created.week
        and by_solved.segment is not distinct from by_created.segment
    full outer join by_rating
        on by_rating.week = coalesce(by_created.week, by_solved.week)
        and by_rating.segment is not distinct from coalesce(by_created.segment, by_solved.segment)
    full outer join by_session
        on by_session.week = coalesce(by_created.week, by_solved.week, by_rating.week)
        and by_session.segment is not distinct from coalesce(by_created.segment, by_solved.segment, by_rating.segment)
)

select * from final order by week, segment;

-- The ten most frequent zero-result queries per segment over the whole history, queries
-- normalized as deskpulse does (lower-cased, trimmed, inner whitespace collapsed).
-- name: zero_result_queries
with searches as (
    select
        orgs.segment,
        lower(trim(regexp_replace(kb_searches.query, '\s+', ' ', 'g'))) as query_normalized
    from kb_searches
    left join orgs using (org_id)
    where kb_searches.results_count = 0
),

counted as (
    select
        segment,
        query_normalized,
        count(*) as zero_result_searches
    from searches
    group by all
),

final as (
    select
        segment,
        row_number() over (partition by segment order by zero_result_searches desc, query_normalized) as rank,
        query_normalized,
        zero_result_searches
    from counted
    qualify rank <= 10
)

select * from final order by segment, rank;
