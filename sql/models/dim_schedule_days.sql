-- One row per schedule: the open minutes of an average open weekday, which turns "N
-- business days" (the 10-5-3 rule, P3 resolution) into business minutes of that schedule.
with intervals as (
    select * from dim_schedules
),

per_weekday as (
    select
        schedule_key,
        iso_weekday,
        sum(close_minute - open_minute) as open_minutes
    from intervals
    group by all
),

final as (
    select
        schedule_key,
        avg(open_minutes)::double as business_day_minutes
    from per_weekday
    where open_minutes > 0
    group by all
)

select * from final
