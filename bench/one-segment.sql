-- The raw yardstick for the dashboard: what one segment's last 12 weeks need, hand-written
-- for plain DuckDB over the read_csv tables. Weekly ticket counts, FRT p50 (calendar hours)
-- and the SLA FRT breach rate (calendar minutes against the strictest target; see
-- core-pack.sql) for the `scaled` segment, weeks starting 2026-08-24 up to 2026-11-16.
with inbound as (
    select
        tickets.*,
        orgs.plan
    from tickets
    inner join orgs using (org_id)
    where not tickets.outbound
        and orgs.segment = 'scaled'
        and tickets.created_at >= timestamptz '2026-08-24 00:00:00+00'
        and tickets.created_at < timestamptz '2026-11-16 00:00:00+00'
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

final as (
    select
        cast(date_trunc('week', created_at at time zone 'UTC') as date) as week,
        count(*) as tickets_created,
        quantile_cont((epoch(first_response_at) - epoch(created_at)) / 3600.0, 0.5) as frt_p50_hours,
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
)

select * from final order by week;
