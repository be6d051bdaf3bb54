-- The catalog's default support hours (docs/metrics.md, "SLA"), used where a source imports
-- no schedule of that id: business Mon-Fri 09:00-17:00, extended Mon-Fri 06:00-22:00, 24x7
-- always open. Built-in schedules run in UTC (see the decision log: a stored business
-- duration cannot depend on the reporting zone a query asks for).
with business_days as (
    select unnest(range(1, 6)) as iso_weekday
),

all_days as (
    select unnest(range(1, 8)) as iso_weekday
),

final as (
    select 'business' as schedule_id, 'UTC' as timezone, iso_weekday, 540 as open_minute, 1020 as close_minute
    from business_days
    union all
    select 'extended', 'UTC', iso_weekday, 360, 1320
    from business_days
    union all
    select '24x7', 'UTC', iso_weekday, 0, 1440
    from all_days
)

select * from final
