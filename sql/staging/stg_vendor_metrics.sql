-- What each vendor's export computed itself, one row per (source, ticket, metric): minutes in
-- calendar and business hours, and SLA outcomes as the vendor states them.
select
    source,
    ticket_id,
    metric,
    calendar_minutes,
    business_minutes,
    lower(outcome) as outcome,
    adapter,
    import_run_id
from raw_vendor_metrics
