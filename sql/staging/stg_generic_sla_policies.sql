with source as (
    select * from raw_generic_sla_policies
),

final as (
    select
        source,
        nullif(regexp_replace(lower(trim(plan)), '[\s-]+', '_', 'g'), '') as plan,
        dp_map_priority(priority) as priority,
        frt_target_min as frt_target_minutes,
        resolution_target_min as resolution_target_minutes,
        schedule_id,
        import_run_id
    from source
)

select * from final
