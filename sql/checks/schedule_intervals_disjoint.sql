-- A schedule's open intervals on one weekday must not overlap: overlapping rows would count
-- the shared minutes twice in every business duration.
select
    a.schedule_key,
    a.iso_weekday,
    a.open_minute,
    a.close_minute,
    b.open_minute as other_open_minute,
    b.close_minute as other_close_minute
from dim_schedules as a
inner join dim_schedules as b
    on a.schedule_key = b.schedule_key
    and a.iso_weekday = b.iso_weekday
    and a.open_minute < b.open_minute
    and b.open_minute < a.close_minute
