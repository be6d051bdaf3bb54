-- adapter:  zendesk-tables, Fivetran's `schedule` table (docs: shared vendor-formats 1.2, 3.5)
-- reads:    _vendor (one row per weekly open interval; aliases from src/lib/server/ingest/adapters/zendesk-tables.ts)
-- writes:   generic schedules columns as text: schedule_id, timezone, weekday, open_time, close_time
-- Decisions:
-- - Zendesk stores an interval as minutes since Sunday 00:00 in the schedule's own zone
--   (`start_time`, `end_time`; the `*_utc` twins are shifted by the zone's standard offset
--   only, so they are not read). Day d = floor(minutes / 1440) is Sunday for 0, so the ISO
--   weekday is 7 for d = 0 and d otherwise; local times are the minutes left over.
-- - An interval crossing midnight (Friday 20:00 - Saturday 02:00) becomes one row per local
--   day it touches; one ending at a day's end closes at 24:00.
-- - `time_zone` holds Zendesk's (Rails') zone names ("Pacific Time (US & Canada)"); they are
--   mapped to IANA names below, so DST comes from the IANA rules (the time_zone and
--   daylight_time tables are not needed). An IANA name passes through; an unknown name is
--   left as it is and rejected by the check under `time_zone`.
-- - A row Fivetran marks deleted is skipped. Unreadable minutes are passed on as written so
--   the check rejects the row under `start_time` / `end_time`.
with source as (
    select *
    from _vendor
    where record_no > 1
        and coalesce(dp_parse_bool(fivetran_deleted), false) = false
),

-- Zendesk (Rails ActiveSupport) time zone names and the IANA zone each stands for.
zones as (
    select * from (values
        ('International Date Line West', 'Etc/GMT+12'),
        ('Midway Island', 'Pacific/Midway'),
        ('American Samoa', 'Pacific/Pago_Pago'),
        ('Hawaii', 'Pacific/Honolulu'),
        ('Alaska', 'America/Juneau'),
        ('Pacific Time (US & Canada)', 'America/Los_Angeles'),
        ('Tijuana', 'America/Tijuana'),
        ('Mountain Time (US & Canada)', 'America/Denver'),
        ('Arizona', 'America/Phoenix'),
        ('Chihuahua', 'America/Chihuahua'),
        ('Mazatlan', 'America/Mazatlan'),
        ('Central Time (US & Canada)', 'America/Chicago'),
        ('Saskatchewan', 'America/Regina'),
        ('Guadalajara', 'America/Mexico_City'),
        ('Mexico City', 'America/Mexico_City'),
        ('Monterrey', 'America/Monterrey'),
        ('Central America', 'America/Guatemala'),
        ('Eastern Time (US & Canada)', 'America/New_York'),
        ('Indiana (East)', 'America/Indiana/Indianapolis'),
        ('Bogota', 'America/Bogota'),
        ('Lima', 'America/Lima'),
        ('Quito', 'America/Lima'),
        ('Atlantic Time (Canada)', 'America/Halifax'),
        ('Caracas', 'America/Caracas'),
        ('La Paz', 'America/La_Paz'),
        ('Santiago', 'America/Santiago'),
        ('Newfoundland', 'America/St_Johns'),
        ('Brasilia', 'America/Sao_Paulo'),
        ('Buenos Aires', 'America/Argentina/Buenos_Aires'),
        ('Montevideo', 'America/Montevideo'),
        ('Georgetown', 'America/Guyana'),
        ('Puerto Rico', 'America/Puerto_Rico'),
        ('Greenland', 'America/Godthab'),
        ('Mid-Atlantic', 'Atlantic/South_Georgia'),
        ('Azores', 'Atlantic/Azores'),
        ('Cape Verde Is.', 'Atlantic/Cape_Verde'),
        ('Dublin', 'Europe/Dublin'),
        ('Edinburgh', 'Europe/London'),
        ('Lisbon', 'Europe/Lisbon'),
        ('London', 'Europe/London'),
        ('Casablanca', 'Africa/Casablanca'),
        ('Monrovia', 'Africa/Monrovia'),
        ('UTC', 'Etc/UTC'),
        ('Belgrade', 'Europe/Belgrade'),
        ('Bratislava', 'Europe/Bratislava'),
        ('Budapest', 'Europe/Budapest'),
        ('Ljubljana', 'Europe/Ljubljana'),
        ('Prague', 'Europe/Prague'),
        ('Sarajevo', 'Europe/Sarajevo'),
        ('Skopje', 'Europe/Skopje'),
        ('Warsaw', 'Europe/Warsaw'),
        ('Zagreb', 'Europe/Zagreb'),
        ('Brussels', 'Europe/Brussels'),
        ('Copenhagen', 'Europe/Copenhagen'),
        ('Madrid', 'Europe/Madrid'),
        ('Paris', 'Europe/Paris'),
        ('Amsterdam', 'Europe/Amsterdam'),
        ('Berlin', 'Europe/Berlin'),
        ('Bern', 'Europe/Zurich'),
        ('Zurich', 'Europe/Zurich'),
        ('Rome', 'Europe/Rome'),
        ('Stockholm', 'Europe/Stockholm'),
        ('Vienna', 'Europe/Vienna'),
        ('West Central Africa', 'Africa/Algiers'),
        ('Bucharest', 'Europe/Bucharest'),
        ('Cairo', 'Africa/Cairo'),
        ('Helsinki', 'Europe/Helsinki'),
        ('Kyiv', 'Europe/Kiev'),
        ('Kyev', 'Europe/Kiev'),
        ('Riga', 'Europe/Riga'),
        ('Sofia', 'Europe/Sofia'),
        ('Tallinn', 'Europe/Tallinn'),
        ('Vilnius', 'Europe/Vilnius'),
        ('Athens', 'Europe/Athens'),
        ('Istanbul', 'Europe/Istanbul'),
        ('Minsk', 'Europe/Minsk'),
        ('Jerusalem', 'Asia/Jerusalem'),
        ('Harare', 'Africa/Harare'),
        ('Pretoria', 'Africa/Johannesburg'),
        ('Kaliningrad', 'Europe/Kaliningrad'),
        ('Moscow', 'Europe/Moscow'),
        ('St. Petersburg', 'Europe/Moscow'),
        ('Volgograd', 'Europe/Volgograd'),
        ('Samara', 'Europe/Samara'),
        ('Kuwait', 'Asia/Kuwait'),
        ('Riyadh', 'Asia/Riyadh'),
        ('Nairobi', 'Africa/Nairobi'),
        ('Baghdad', 'Asia/Baghdad'),
        ('Tehran', 'Asia/Tehran'),
        ('Abu Dhabi', 'Asia/Muscat'),
        ('Muscat', 'Asia/Muscat'),
        ('Baku', 'Asia/Baku'),
        ('Tbilisi', 'Asia/Tbilisi'),
        ('Yerevan', 'Asia/Yerevan'),
        ('Kabul', 'Asia/Kabul'),
        ('Ekaterinburg', 'Asia/Yekaterinburg'),
        ('Islamabad', 'Asia/Karachi'),
        ('Karachi', 'Asia/Karachi'),
        ('Tashkent', 'Asia/Tashkent'),
        ('Chennai', 'Asia/Kolkata'),
        ('Kolkata', 'Asia/Kolkata'),
        ('Mumbai', 'Asia/Kolkata'),
        ('New Delhi', 'Asia/Kolkata'),
        ('Kathmandu', 'Asia/Kathmandu'),
        ('Astana', 'Asia/Dhaka'),
        ('Dhaka', 'Asia/Dhaka'),
        ('Sri Jayawardenepura', 'Asia/Colombo'),
        ('Almaty', 'Asia/Almaty'),
        ('Novosibirsk', 'Asia/Novosibirsk'),
        ('Rangoon', 'Asia/Rangoon'),
        ('Bangkok', 'Asia/Bangkok'),
        ('Hanoi', 'Asia/Bangkok'),
        ('Jakarta', 'Asia/Jakarta'),
        ('Krasnoyarsk', 'Asia/Krasnoyarsk'),
        ('Beijing', 'Asia/Shanghai'),
        ('Chongqing', 'Asia/Chongqing'),
        ('Hong Kong', 'Asia/Hong_Kong'),
        ('Urumqi', 'Asia/Urumqi'),
        ('Kuala Lumpur', 'Asia/Kuala_Lumpur'),
        ('Singapore', 'Asia/Singapore'),
        ('Taipei', 'Asia/Taipei'),
        ('Perth', 'Australia/Perth'),
        ('Irkutsk', 'Asia/Irkutsk'),
        ('Ulaanbaatar', 'Asia/Ulaanbaatar'),
        ('Ulaan Bataar', 'Asia/Ulaanbaatar'),
        ('Seoul', 'Asia/Seoul'),
        ('Osaka', 'Asia/Tokyo'),
        ('Sapporo', 'Asia/Tokyo'),
        ('Tokyo', 'Asia/Tokyo'),
        ('Yakutsk', 'Asia/Yakutsk'),
        ('Darwin', 'Australia/Darwin'),
        ('Adelaide', 'Australia/Adelaide'),
        ('Canberra', 'Australia/Melbourne'),
        ('Melbourne', 'Australia/Melbourne'),
        ('Sydney', 'Australia/Sydney'),
        ('Brisbane', 'Australia/Brisbane'),
        ('Hobart', 'Australia/Hobart'),
        ('Vladivostok', 'Asia/Vladivostok'),
        ('Guam', 'Pacific/Guam'),
        ('Port Moresby', 'Pacific/Port_Moresby'),
        ('Magadan', 'Asia/Magadan'),
        ('Srednekolymsk', 'Asia/Srednekolymsk'),
        ('Solomon Is.', 'Pacific/Guadalcanal'),
        ('New Caledonia', 'Pacific/Noumea'),
        ('Fiji', 'Pacific/Fiji'),
        ('Kamchatka', 'Asia/Kamchatka'),
        ('Marshall Is.', 'Pacific/Majuro'),
        ('Auckland', 'Pacific/Auckland'),
        ('Wellington', 'Pacific/Auckland'),
        ('Nuku''alofa', 'Pacific/Tongatapu'),
        ('Tokelau Is.', 'Pacific/Fakaofo'),
        ('Chatham Is.', 'Pacific/Chatham'),
        ('Samoa', 'Pacific/Apia')
    ) as t(zendesk_name, iana_name)
),

intervals as (
    select
        source.*,
        try_cast(dp_vendor_text(source.start_time) as integer) as start_minute,
        try_cast(dp_vendor_text(source.end_time) as integer) as end_minute,
        coalesce(zones.iana_name, dp_vendor_text(source.time_zone)) as iana_zone
    from source
    left join zones
        on lower(zones.zendesk_name) = lower(dp_vendor_text(source.time_zone))
),

readable as (
    select *
    from intervals
    where start_minute >= 0
        and end_minute > start_minute
),

-- One row per local day an interval touches: day d covers minutes [d * 1440, (d + 1) * 1440).
pieces as (
    select
        record_no,
        line_no,
        schedule_id,
        time_zone,
        iana_zone,
        day_index,
        cast(day_index % 7 as varchar) as weekday_text,
        greatest(start_minute, day_index * 1440) - day_index * 1440 as open_minute,
        least(end_minute, (day_index + 1) * 1440) - day_index * 1440 as close_minute,
        extra,
        raw_record
    from readable, unnest(generate_series(start_minute // 1440, (end_minute - 1) // 1440)) as days(day_index)
),

unreadable as (
    select
        record_no,
        line_no,
        schedule_id,
        time_zone,
        iana_zone,
        0 as day_index,
        case
            when start_minute >= 0 then cast((start_minute // 1440) % 7 as varchar)
            else dp_vendor_text(start_time)
        end as weekday_text,
        case
            when start_minute >= 0 then printf('%02d:%02d', (start_minute % 1440) // 60, start_minute % 60)
            else dp_vendor_text(start_time)
        end as open_text,
        -- The start is readable, so the end is what is wrong: passed on as written.
        dp_vendor_text(end_time) as close_text,
        extra,
        raw_record
    from intervals
    where record_no not in (select record_no from readable)
),

final as (
    select
        row_number() over (order by record_no, day_index) as record_no,
        line_no,
        dp_vendor_text(schedule_id) as schedule_id,
        dp_vendor_text(time_zone) as vendor_time_zone,
        iana_zone as timezone,
        weekday,
        open_time,
        close_time,
        extra,
        raw_record
    from (
        select
            record_no,
            line_no,
            schedule_id,
            time_zone,
            iana_zone,
            day_index,
            case weekday_text when '0' then '7' else weekday_text end as weekday,
            printf('%02d:%02d', open_minute // 60, open_minute % 60) as open_time,
            printf('%02d:%02d', close_minute // 60, close_minute % 60) as close_time,
            extra,
            raw_record
        from pieces
        union all
        select
            record_no,
            line_no,
            schedule_id,
            time_zone,
            iana_zone,
            day_index,
            case weekday_text when '0' then '7' else weekday_text end,
            open_text,
            close_text,
            extra,
            raw_record
        from unreadable
    )
)

select * from final
