-- SLA targets by plan (priority null: every priority of the plan) and by plan x priority.
-- Which row wins for a ticket (the stricter target) is decided where targets are applied.
select
    source,
    plan,
    priority,
    frt_target_minutes,
    resolution_target_minutes,
    schedule_id
from stg_generic_sla_policies
