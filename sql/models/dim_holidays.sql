-- Closed local days per schedule.
select
    source,
    schedule_id,
    holiday_on,
    holiday_name
from stg_generic_holidays
