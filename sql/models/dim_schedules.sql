-- Weekly open intervals of each support schedule, in local wall-clock minutes after
-- midnight (several rows per weekday for split shifts; 0-1440 is a whole day).
select
    source,
    schedule_id,
    timezone,
    iso_weekday,
    open_minute,
    close_minute
from stg_generic_schedules
