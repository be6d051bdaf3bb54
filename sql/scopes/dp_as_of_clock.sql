-- The open minutes of each schedule from the business calendar's start up to `as_of`: how
-- much business time a still-open ticket has used (elapsed = this - its created_open_minutes),
-- for "breached so far", the 10-5-3 windows and survival censoring.
create or replace macro dp_as_of_clock(as_of) as table
    select
        schedules.schedule_key,
        coalesce(
            calendar.open_minutes_before
                + least(calendar.open_minutes, (epoch(schedules.as_of_at) - epoch(calendar.opens_at)) / 60.0),
            0
        ) as as_of_open_minutes
    from (select distinct schedule_key, cast(as_of as timestamptz) as as_of_at from dim_schedules) as schedules
    asof left join business_calendar as calendar
        on calendar.schedule_key = schedules.schedule_key
        and schedules.as_of_at >= calendar.opens_at;
