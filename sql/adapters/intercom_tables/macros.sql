-- adapter:  intercom-tables (Fivetran's Intercom connector tables exported as CSV)
-- reads:    nothing; run by the adapter's load step after sql/adapters/intercom/macros.sql
-- writes:   temporary macros, gone when the import's connection closes
-- Fivetran lands every Intercom time in UTC and warehouses print it without a zone
-- ("2020-10-28 23:59:37", sometimes with " UTC"), so a naive time here is UTC, never the
-- --timezone of the import.

-- One cheap test per value (the usual naive text is cast straight): an explicit offset is
-- honoured, "Z" and " UTC" already read as UTC wall time; 1900 and 1970 sentinels are null.
create or replace temp macro ict_ts(s) as
    case
        when s is null or s like '1970-01-01%' or s like '1900-01-01%' then null
        when regexp_matches(s, ':\d{2}(\.\d+)?\s*[+-]\d{2}(:?\d{2})?$') then try_cast(trim(s) as timestamptz)
        else timezone('UTC', try_cast(trim(s) as timestamp))
    end;

-- As ISO text for the generic columns; text that is no time passes through untouched, so
-- the checker rejects the row naming the column.
create or replace temp macro ict_ts_text(s) as
    case
        when ict_ts(s) is not null then strftime(ict_ts(s), '%Y-%m-%dT%H:%M:%S.%fZ')
        when dp_vendor_text(s) is null then null
        else trim(s)
    end;

-- A history row is current when _fivetran_active says so; a table without the flag (a
-- non-history export) has only current rows.
create or replace temp macro ict_active(flag) as
    coalesce(dp_parse_bool(flag), true);
