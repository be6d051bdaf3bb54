-- SLA target rows per source: the source's own sla_policies.csv where it imported one (a
-- null priority applies to every priority of the plan), else the catalog's defaults. A
-- ticket's targets are the strictest of the rows matching its plan and priority
-- (fct_tickets). Targets are business minutes of the row's schedule.
with imported as (
    select * from stg_generic_sla_policies
),

sources_without_policies as (
    select distinct source
    from stg_generic_tickets
    where source not in (select source from imported)
),

final as (
    select
        source,
        plan,
        priority,
        frt_target_minutes::double as frt_target_minutes,
        resolution_target_minutes::double as resolution_target_minutes,
        schedule_id,
        false as is_builtin
    from imported
    union all
    select
        sources_without_policies.source,
        builtin.plan,
        builtin.priority,
        builtin.frt_target_minutes::double,
        builtin.resolution_target_minutes::double,
        builtin.schedule_id,
        true
    from sources_without_policies
    cross join builtin_sla_targets as builtin
)

select * from final
