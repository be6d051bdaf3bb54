-- Every duration is measured forwards in time: import rejects events stamped before the
-- ticket was created, so a negative duration here means a model bug.
select
    source,
    ticket_id,
    ack_calendar_minutes,
    frt_calendar_minutes,
    resolution_calendar_minutes,
    full_resolution_calendar_minutes
from fct_tickets
where ack_calendar_minutes < 0
    or frt_calendar_minutes < 0
    or resolution_calendar_minutes < 0
    or full_resolution_calendar_minutes < resolution_calendar_minutes
