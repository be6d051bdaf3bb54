-- Every solved ticket has a resolution time in both flavours and a schedule it was measured
-- in; a ticket missing one would silently drop out of the resolution metrics.
select
    source,
    ticket_id,
    schedule_key,
    resolution_calendar_minutes,
    resolution_business_minutes
from fct_tickets
where schedule_key is null
    or (solved_at is not null and (resolution_calendar_minutes is null or resolution_business_minutes is null))
    or (first_response_at is not null and frt_business_minutes is null)
