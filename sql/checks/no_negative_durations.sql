-- Every duration is measured forwards in time: import moves or empties events stamped before
-- the ticket was created (import_adjustments), so a negative duration here means a model bug.
-- A business duration can never exceed the calendar one (a schedule is open at most all the
-- time), save by the vendor's rounding where the business figure is the vendor's own (whole
-- minutes: at most one over).
select
    source,
    ticket_id,
    ack_calendar_minutes,
    frt_calendar_minutes,
    resolution_calendar_minutes,
    full_resolution_calendar_minutes,
    frt_business_minutes,
    resolution_business_minutes
from fct_tickets
where ack_calendar_minutes < 0
    or frt_calendar_minutes < 0
    or resolution_calendar_minutes < 0
    or full_resolution_calendar_minutes < 0
    or full_resolution_calendar_minutes < resolution_calendar_minutes
    or full_resolution_business_minutes < 0
    or requester_wait_calendar_minutes < 0
    or requester_wait_business_minutes < 0
    or ack_business_minutes < 0
    or frt_business_minutes < 0
    or resolution_business_minutes < 0
    or full_resolution_business_minutes < resolution_business_minutes
    or frt_business_minutes > frt_calendar_minutes + case business_clock when 'vendor' then 1 else 0.001 end
    or resolution_business_minutes > resolution_calendar_minutes + case business_clock when 'vendor' then 1 else 0.001 end
