-- Value parsers shared by the importers. Each returns null for input it cannot read, so a
-- caller tells "empty" from "invalid" by checking the input for null first.

-- An ISO 8601 timestamp. With an offset (Z, +02:00, -0500, " +0530") it is read as given; without
-- one it is local wall-clock time in zone `tz` (a date alone is that day's midnight).
create or replace macro dp_parse_ts(s, tz) as
    case
        when s is null then null
        when regexp_matches(trim(s), '\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*([Zz]|[+-]\d{2}(:?\d{2})?)$')
            -- An offset written apart or without its colon ("10:00:00 +0530", as some exports
            -- write it) is read as "+05:30"; the plain cast is tried first.
            then coalesce(
                try_cast(trim(s) as timestamptz),
                try_cast(regexp_replace(trim(s), '\s*([+-]\d{2}):?(\d{2})$', '\1:\2') as timestamptz)
            )
        else timezone(tz, try_cast(trim(s) as timestamp))
    end;

-- true/false in the spellings spreadsheets and help desks write.
create or replace macro dp_parse_bool(s) as
    case lower(trim(s))
        when 'true' then true when 't' then true when 'yes' then true when 'y' then true when '1' then true
        when 'false' then false when 'f' then false when 'no' then false when 'n' then false when '0' then false
        else null
    end;

-- A local wall-clock time 'HH:MM[:SS]' as minutes after midnight; '24:00' is 1440 (end of day).
create or replace macro dp_parse_minute_of_day(s) as
    case
        when regexp_matches(trim(s), '^24:00(:00)?$') then 1440
        when regexp_matches(trim(s), '^([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?$')
            then cast(split_part(trim(s), ':', 1) as integer) * 60 + cast(split_part(trim(s), ':', 2) as integer)
        else null
    end;

-- An IANA zone name DuckDB knows ('America/New_York', 'UTC').
create or replace macro dp_is_timezone(s) as
    exists (select 1 from pg_timezone_names() z where z.name = trim(s));

-- A timestamp inside the window a support export's events can hold: from 1990 to a year
-- after now. Outside it (the epoch, year 0001 or 9999, 'infinity') a value is a placeholder
-- or a typo, and a business calendar built out to reach it would span millennia.
create or replace macro dp_plausible_ts(ts) as
    case when ts >= timestamptz '1990-01-01 00:00:00+00' and ts <= now() + interval 1 year then ts end;
