-- The core KPI pack of bench/core-pack.sql in PostgreSQL: the same figures, the same
-- definitions (see that file's header), PostgreSQL spelling: percentile_cont for quantiles,
-- extract(epoch ...) for durations, and a correlated EXISTS on an index instead of DuckDB's
-- ASOF join for deflection.

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
        percentile_cont(0.5) within group (order by extract(epoch from first_response_at - created_at) / 3600.0) as frt_p50_hours,
        percentile_cont(0.9) within group (order by extract(epoch from first_response_at - created_at) / 3600.0) as frt_p90_hours,
        avg(
            case
                when frt_target_min is null then null
                when first_response_at is not null
                    then (extract(epoch from first_response_at - created_at) / 60.0 > frt_target_min)::integer
                else (extract(epoch from timestamptz '2026-11-17 00:00:00+00' - created_at) / 60.0 > frt_target_min)::integer
            end
        ) as sla_frt_breach_rate_calendar
    from targets
    group by 1, 2
),

by_solved as (
    select
        cast(date_trunc('week', solved_at at time zone 'UTC') as date) as week,
        segment,
        count(*) as tickets_solved,
        percentile_cont(0.5) within group (order by extract(epoch from solved_at - created_at) / 3600.0) as resolution_p50_hours,
        avg((coalesce(reopens, 0) >= 1 or final_solved_at > solved_at)::integer) as reopen_rate
    from inbound
    where solved_at is not null
    group by 1, 2
),

by_rating as (
    select
        cast(date_trunc('week', coalesce(csat_at, solved_at) at time zone 'UTC') as date) as week,
        segment,
        avg((csat_score >= 4)::integer) as csat_rate
    from inbound
    where csat_score is not null
    group by 1, 2
),

sessions as (
    select
        self_service.*,
        orgs.segment,
        case
            when self_service.requester_id is not null then exists (
                select 1 from tickets
                where not tickets.outbound
                    and tickets.requester_id = self_service.requester_id
                    and tickets.created_at >= self_service.started_at
                    and tickets.created_at <= self_service.started_at + interval '24 hours'
            )
            when self_service.org_id is not null then exists (
                select 1 from tickets
                where not tickets.outbound
                    and tickets.org_id = self_service.org_id
                    and tickets.created_at >= self_service.started_at
                    and tickets.created_at <= self_service.started_at + interval '24 hours'
            )
            else false
        end as has_ticket_after
    from self_service
    left join orgs using (org_id)
),

by_session as (
    select
        cast(date_trunc('week', started_at at time zone 'UTC') as date) as week,
        segment,
        count(*) filter (
            where not coalesce(handed_off, false)
                and ticket_id is null
                and not has_ticket_after
        ) as sessions_deflected
    from sessions
    group by 1, 2
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
        by_session.sessions_deflected::double precision
            / nullif(coalesce(by_session.sessions_deflected, 0) + coalesce(by_created.tickets_created, 0), 0)
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
    group by 1, 2
),

ranked as (
    select
        segment,
        row_number() over (partition by segment order by zero_result_searches desc, query_normalized) as rank,
        query_normalized,
        zero_result_searches
    from counted
)

select * from ranked where rank <= 10 order by segment, rank;
