-- Cleaning shared by the vendor adapters (sql/adapters/).

-- A vendor cell as text, or null when it means "empty": blank, a lone dash (Zendesk, many
-- spreadsheets), a question mark (ServiceNow), or a sentinel date in 1900 or 1970 that some
-- exports write for a date that never happened.
-- (Plain comparisons, no regular expression: it runs on every cell of large exports.)
create or replace macro dp_vendor_text(s) as
    case
        when s is null then null
        when trim(s) in ('', '-', '?', 'null', 'NULL', 'N/A', 'n/a') then null
        when left(trim(s), 10) in ('1900-01-01', '1970-01-01', '01/01/1900', '01-01-1900') then null
        else trim(s)
    end;

-- Minutes from a vendor duration: a number of minutes, or 'HH:MM[:SS]' (Freshdesk), as a
-- double; null for anything else.
-- (A plain number is tried first; the pattern only runs on the few other values.)
create or replace macro dp_vendor_minutes(s) as
    case
        when s is null then null
        when try_cast(trim(s) as double) is not null then try_cast(trim(s) as double)
        when regexp_full_match(trim(s), '\d+:\d{2}(:\d{2})?') then
            cast(split_part(trim(s), ':', 1) as double) * 60
            + cast(split_part(trim(s), ':', 2) as double)
            + coalesce(try_cast(nullif(split_part(trim(s), ':', 3), '') as double), 0) / 60
        else null
    end;

-- A naive local vendor time plus some minutes, as an ISO instant in UTC: the minutes are
-- real elapsed time, so the local time is read in zone `tz` first (a sum across a DST
-- switch stays right).
create or replace macro dp_vendor_after(local_text, minutes, tz) as
    case
        when dp_vendor_text(local_text) is null or minutes is null then null
        else dp_utc_text(dp_parse_ts(dp_vendor_text(local_text), tz) + to_microseconds(cast(round(minutes * 60000000) as bigint)))
    end;

-- An instant as ISO 8601 text in UTC, the form adapters hand timestamps to the checker in.
create or replace macro dp_utc_text(ts) as
    strftime(ts, '%Y-%m-%dT%H:%M:%S.%fZ');
