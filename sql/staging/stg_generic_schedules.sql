with source as (
    select * from raw_generic_schedules
),

final as (
    select
        source,
        schedule_id,
        trim(timezone) as timezone,
        weekday as iso_weekday,
        dp_parse_minute_of_day(open_time) as open_minute,
        dp_parse_minute_of_day(close_time) as close_minute,
        import_run_id
    from source
)

select * from final
