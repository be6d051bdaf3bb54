-- report:   each plan's own first-response target (its policy row without a priority), in
--           business minutes: the bar the weekly review's "FRT median above target" flag uses
-- grain:    one row per plan
-- params:   none
select
    plan,
    min(frt_target_minutes)::double as frt_target_minutes
from dim_sla_targets
where plan is not null
    and priority is null
    and frt_target_minutes is not null
group by all
order by plan
