with source as (
    select * from raw_generic_holidays
),

final as (
    select
        source,
        schedule_id,
        holiday_on,
        name as holiday_name,
        import_run_id
    from source
)

select * from final
