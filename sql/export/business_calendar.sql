-- export:       open intervals per schedule and local day (dp_as_of_clock: business minutes
--               up to as_of). Grows with schedules x days, not with tickets: one unpartitioned
--               file.
select
    *
from business_calendar
