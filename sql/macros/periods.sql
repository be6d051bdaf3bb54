-- Report periods. `ts` is a local (naive) timestamp in the reporting zone; weeks are ISO
-- weeks starting Monday and labelled by their ISO year ('2026-W01' may start in December).
create or replace macro dp_period_start(ts, grain) as
    cast(date_trunc(grain, ts) as date);

create or replace macro dp_period_label(period_start, grain) as
    case grain
        when 'day' then strftime(period_start, '%Y-%m-%d')
        when 'week' then strftime(period_start, '%G-W%V')
        when 'month' then strftime(period_start, '%Y-%m')
        when 'quarter' then strftime(period_start, '%Y') || '-Q' || quarter(period_start)
    end;

-- The periods from the one holding `first_ts` to the one holding `last_ts`, so that a
-- period without events still gets a row.
create or replace macro dp_period_spine(first_ts, last_ts, grain) as table
    select cast(unnest(generate_series(
        date_trunc(grain, first_ts),
        date_trunc(grain, last_ts),
        cast('1 ' || grain as interval)
    )) as date) as period_start;

-- A stored instant as local wall-clock time in the reporting zone `tz`, what
-- `timezone(tz, ts)` gives. Reports convert millions of rows, and ICU's conversion costs
-- about 250 ns a row even for UTC, where the local time is the instant itself: UTC (the
-- default zone) is read off the epoch instead, 7x faster; other zones go through ICU.
create or replace macro dp_local(ts, tz) as
    case when tz = 'UTC' then make_timestamp(epoch_us(ts)) else timezone(tz, ts) end;

-- Whether a local timestamp falls in a report's range: `from` inclusive, `to` exclusive
-- (local dates or timestamps as text), either open when null.
create or replace macro dp_in_range(local_ts, from_text, to_text) as
    (from_text is null or local_ts >= cast(from_text as timestamp))
    and (to_text is null or local_ts < cast(to_text as timestamp));

-- Whether a stored instant falls in a report's range (local dates, `to` exclusive) in the
-- reporting zone `tz`: dp_in_range of its local time, behind a test of the instant itself that
-- keeps a superset (local time is within 14 h of UTC; the margin is two days). DuckDB applies
-- that test to the plain column inside the scan, skipping row groups wholly outside it, so the
-- zone conversion only runs on rows near the range.
create or replace macro dp_local_in_range(ts, tz, from_text, to_text) as
    (from_text is null or ts >= to_timestamp(epoch(cast(from_text as date)) - 2 * 86400))
    and (to_text is null or ts < to_timestamp(epoch(cast(to_text as date)) + 2 * 86400))
    and dp_in_range(dp_local(ts, tz), from_text, to_text);
