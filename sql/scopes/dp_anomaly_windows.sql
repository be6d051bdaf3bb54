-- The windows an anomaly report compares: k = 0 is the window itself (local timestamps in
-- `tz`, from `from_date` to `to_date`, cut at `as_of` when it is still under way), k = 1 ..
-- `baseline_weeks` the same window moved back by whole weeks (its length rounded up to weeks,
-- so they never overlap and a Tuesday meets Tuesdays), none starting before the day of the
-- first inbound ticket before `as_of`.
create or replace macro dp_anomaly_windows(from_date, to_date, tz, as_of, baseline_weeks) as table
    with bounds as (
        select
            cast(from_date as timestamp) as w_from,
            least(cast(to_date as timestamp), dp_local(cast(as_of as timestamptz), tz)) as w_to,
            7 * cast(ceil((cast(to_date as date) - cast(from_date as date)) / 7) as integer) as stride
    ),

    first_ticket as (
        select cast(min(dp_local(created_at, tz)) as date) as first_day
        from fct_tickets
        where created_at < cast(as_of as timestamptz) and not is_outbound
    )

    select k, w_from - to_days(stride * k) as k_from, w_to - to_days(stride * k) as k_to
    from bounds, range(0, baseline_weeks + 1) as r(k)
    where k = 0 or w_from - to_days(stride * k) >= (select first_day from first_ticket);
