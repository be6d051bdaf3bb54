-- materialized: table
-- grain: one row per open interval of a schedule on a local day, in UTC.
-- Business-hours math as a calendar, not a per-ticket loop: for each schedule and local day
-- of the data's span, the open intervals as UTC instants (so DST shifts are exact: a 09:00
-- local opening is 14:00 UTC in winter and 13:00 in summer for New York), minus the
-- schedule's holidays (whole local days), with the open minutes of every earlier interval.
-- The business minutes between two instants are then cum(end) - cum(start), where
-- cum(t) = open_minutes_before + least(open_minutes, t - opens_at) of the last interval
-- opening at or before t (an ASOF join). The span runs from the first ticket to 400 days
-- past the later of the last ticket event and the build date, so `as_of` times a year
-- ahead still fall inside it.
with intervals as (
    select * from dim_schedules
    where close_minute > open_minute
),

holidays as (
    select
        source || ':' || schedule_id as schedule_key,
        holiday_on
    from dim_holidays
),

bounds as (
    select
        cast(min(created_at) as date) - 2 as first_day,
        greatest(
            cast(max(greatest(created_at, coalesce(final_solved_at, created_at), coalesce(closed_at, created_at))) as date),
            current_date
        ) + 400 as last_day
    from stg_generic_tickets
),

days as (
    select cast(unnest(generate_series(first_day, last_day, interval 1 day)) as date) as local_day
    from bounds
    where first_day is not null
),

open_intervals as (
    select
        intervals.schedule_key,
        days.local_day,
        timezone(intervals.timezone, days.local_day + to_minutes(intervals.open_minute)) as opens_at,
        timezone(intervals.timezone, days.local_day + to_minutes(intervals.close_minute)) as closes_at
    from intervals
    inner join days
        on isodow(days.local_day) = intervals.iso_weekday
    where not exists (
        select 1
        from holidays
        where holidays.schedule_key = intervals.schedule_key
            and holidays.holiday_on = days.local_day
    )
),

measured as (
    select
        schedule_key,
        local_day,
        opens_at,
        closes_at,
        (epoch(closes_at) - epoch(opens_at)) / 60.0 as open_minutes
    from open_intervals
),

final as (
    select
        schedule_key,
        local_day,
        opens_at,
        closes_at,
        open_minutes,
        coalesce(
            sum(open_minutes) over (
                partition by schedule_key
                order by opens_at
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) as open_minutes_before
    from measured
)

select * from final
order by schedule_key, opens_at
