-- Weekly open intervals of every support schedule a ticket can be measured in, in local
-- wall-clock minutes after midnight (several rows per weekday for split shifts; 0-1440 is a
-- whole day). `schedule_key` names a schedule across sources: 'source:id' for an imported
-- one, 'builtin:id' for the catalog's defaults.
with imported as (
    select * from stg_generic_schedules
),

builtin as (
    select * from builtin_schedules
),

final as (
    select
        source || ':' || schedule_id as schedule_key,
        source,
        schedule_id,
        timezone,
        iso_weekday,
        open_minute,
        close_minute
    from imported
    union all
    select
        'builtin:' || schedule_id,
        null,
        schedule_id,
        timezone,
        iso_weekday,
        open_minute,
        close_minute
    from builtin
)

select * from final
