-- Dates as spreadsheets and help desks write them, read into the naive ISO text
-- 'YYYY-MM-DD HH:MM:SS' that dp_parse_ts then reads in the import's zone.
-- src/lib/server/ingest/timestamp-formats.ts decides per file which columns need them and
-- whether the day or the month comes first; these macros only read one value, trimmed
-- (the caller trims each value once: on a column of millions a trim is not free).

-- The fields of a date written with slashes, dots or dashes, day or month first, with an
-- optional time 'H:MM', 'H:MM:SS[.fff]', either with AM/PM: a struct of texts, each ''
-- when absent (all of them '' when the value has another shape). `first` and `second` are
-- the first two numbers as written, the day and the month in the file's order.
-- (Excel writes '23/04/2024 9:05', US locales '4/23/2024 9:05 PM', JavaScript
-- '4/23/2024, 9:05:00 PM', German exports '23.04.2024 09:05'.)
create or replace macro dp_local_date_fields(s) as
    regexp_extract(
        s,
        '^(\d{1,2})([/.-])(\d{1,2})[/.-](\d{4}|\d{2}),?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:\s*([AaPp])\.?[Mm]\.?)?)?$',
        ['first', 'separator', 'second', 'year', 'hour', 'minute', 'sec', 'fraction', 'meridiem']
    );

-- Whether s has the shape dp_local_date_fields reads (the same pattern, without its
-- groups: a test this plain runs several times faster on a column of millions).
create or replace macro dp_is_local_date(s) as
    regexp_full_match(
        s,
        '\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2}),?([ T]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(\s*[AaPp]\.?[Mm]\.?)?)?'
    );

-- Naive ISO text ('YYYY-MM-DD HH:MM:SS[.ffffff]') of a wall-clock moment, or null unless the
-- numbers name a real one: a 30 February, a month 13, an hour 24 or a second 60 is null,
-- never rolled over. `sec` may carry a fraction.
create or replace macro dp_naive_ts_text(y, mo, d, h, mi, sec) as
    case
        when h between 0 and 23 and mi between 0 and 59 and sec >= 0 and sec < 60
            then cast(try(make_timestamp(y, mo, d, h, mi, sec)) as varchar)
    end;

-- dp_local_date_fields(s) as naive ISO text, day first or month first. A two-digit year is
-- 20YY (help desks are younger than 2000); 12 AM is midnight, 12 PM noon, and an hour
-- outside 1-12 beside AM/PM is no time at all. Null for another shape or an impossible date.
create or replace macro dp_local_ts_text(f, day_first) as
    case
        when f.first is null or f.first = '' then null
        else dp_naive_ts_text(
            cast(f.year as integer) + case when length(f.year) = 2 then 2000 else 0 end,
            cast(case when day_first then f.second else f.first end as integer),
            cast(case when day_first then f.first else f.second end as integer),
            case
                when f.hour = '' then 0
                when f.meridiem = '' then cast(f.hour as integer)
                when cast(f.hour as integer) between 1 and 12
                    then cast(f.hour as integer) % 12 + case when upper(f.meridiem) = 'P' then 12 else 0 end
            end,
            coalesce(try_cast(f.minute as integer), 0),
            coalesce(try_cast(f.sec || f.fraction as double), 0)
        )
    end;

-- An Excel serial date-time (days since 1899-12-30, the time of day as the fraction) as
-- naive ISO text to the second; null for anything else. Only 20000-79999 (1954-2119) count:
-- a smaller or larger number in a date column is not plausibly a date.
create or replace macro dp_excel_serial_text(s) as
    case
        when regexp_full_match(s, '\d{5}(\.\d+)?')
            and try_cast(s as double) >= 20000
            and try_cast(s as double) < 80000
            then strftime(
                timestamp '1899-12-30' + to_seconds(cast(round(try_cast(s as double) * 86400) as bigint)),
                '%Y-%m-%d %H:%M:%S'
            )
    end;
