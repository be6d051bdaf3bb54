-- adapter:  zendesk-tables, Fivetran's `schedule_holiday` table (docs: shared vendor-formats 1.2, 3.5)
-- reads:    _vendor (one row per holiday; aliases from src/lib/server/ingest/adapters/zendesk-tables.ts)
-- writes:   generic holidays columns as text: schedule_id, date, name
-- Decisions: a Zendesk holiday runs from start_date to end_date, both inclusive local dates
-- of its schedule; the generic format has one row per closed day, so each day of the range
-- becomes a row (a missing or earlier end date: the start date alone). A row Fivetran marks
-- deleted is skipped; an unreadable start date is passed on as written, so the check rejects
-- the row under `start_date`.
with source as (
    select
        *,
        try_cast(dp_vendor_text(start_date) as date) as first_day,
        try_cast(dp_vendor_text(end_date) as date) as last_day
    from _vendor
    where record_no > 1
        and coalesce(dp_parse_bool(fivetran_deleted), false) = false
),

days as (
    select
        record_no,
        line_no,
        schedule_id,
        name,
        strftime(cast(day as date), '%Y-%m-%d') as holiday_date,
        extra,
        raw_record
    from source, unnest(generate_series(first_day, greatest(first_day, coalesce(last_day, first_day)), interval 1 day)) as u(day)
    where first_day is not null
    union all
    select
        record_no,
        line_no,
        schedule_id,
        name,
        dp_vendor_text(start_date),
        extra,
        raw_record
    from source
    where first_day is null
),

final as (
    select
        row_number() over (order by record_no, holiday_date) as record_no,
        line_no,
        dp_vendor_text(schedule_id) as schedule_id,
        holiday_date as date,
        dp_vendor_text(name) as name,
        extra,
        raw_record
    from days
)

select * from final
