-- export:       the business-hours schedules (dp_as_of_clock; the KPIs' choice of business or
--               calendar hours). Small: one unpartitioned file.
select
    *
from dim_schedules
