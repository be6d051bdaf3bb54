-- metrics:  tickets_created (count), frt_median_min (minutes, calendar hours)
-- grain:    one row per period ($grain: day | week | month | quarter) in reporting zone $tz
-- params:   $grain, $tz, $from (local date, inclusive, or null), $to (local date, exclusive, or null)
-- attribution: both by created_at. Outbound tickets are excluded from both (catalog:
-- "Volume and backlog"); FRT counts only tickets with a human first response, the median
-- interpolates between the two middle values (quantile_cont).
with tickets as (
    select
        timezone($tz, created_at) as created_local,
        frt_calendar_minutes
    from fct_tickets
    where not is_outbound
),

in_range as (
    select *
    from tickets
    where ($from is null or created_local >= cast($from as timestamp))
        and ($to is null or created_local < cast($to as timestamp))
),

bounds as (
    select
        -- An asked range is shown whole, empty periods included; without one, the data's span.
        coalesce(cast($from as timestamp), min(created_local)) as first_ts,
        coalesce(cast($to as timestamp) - interval 1 microsecond, max(created_local)) as last_ts
    from in_range
),

periods as (
    select spine.period_start
    from bounds, dp_period_spine(bounds.first_ts, bounds.last_ts, $grain) as spine
    where bounds.first_ts is not null
),

aggregated as (
    select
        dp_period_start(created_local, $grain) as period_start,
        count(*)::integer as tickets_created,
        quantile_cont(frt_calendar_minutes, 0.5)::double as frt_median_min
    from in_range
    group by all
),

final as (
    select
        dp_period_label(periods.period_start, $grain) as period,
        periods.period_start,
        coalesce(aggregated.tickets_created, 0) as tickets_created,
        aggregated.frt_median_min
    from periods
    left join aggregated using (period_start)
)

select * from final
order by period_start
