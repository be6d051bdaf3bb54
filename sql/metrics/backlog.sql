-- metrics:  backlog_open, backlog_age_p90_min
-- grain:    one row per period x dim1 x dim2 with open tickets at the period's end
-- attribution: a snapshot at the period's end in $tz, or at $as_of for the period holding it
--           (periods starting after $as_of have no snapshot yet)
-- params:   $grain, $tz, $from, $to, $as_of, $by1, $by2, $f_* filters
--           $metrics (the metric ids to return, comma-separated; null: all)
-- A ticket is in the backlog from creation until it leaves it (`left_backlog_at`, judged in
-- sql/scopes/dp_ticket_progress.sql, as for the drill-through's backlog list). Age is
-- calendar minutes since creation at the snapshot.
with scoped as (
    select *
    from dp_ticket_progress(
        $as_of, null, $by1, $by2,
        $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
    )
    where not is_outbound
        -- Only tickets that can be open at a snapshot of the range: every snapshot is at or
        -- after the local `from`, so within a day of it as an instant or later. (A period's
        -- end can pass `to`, so `to` bounds nothing here.)
        and ($from is null or left_backlog_at is null or left_backlog_at > cast($from as timestamptz) - interval 1 day)
),

bounds as (
    select
        coalesce(cast($from as timestamp), min(dp_local(created_at, $tz))) as first_ts,
        coalesce(cast($to as timestamp) - interval 1 microsecond, max(dp_local(created_at, $tz))) as last_ts
    from scoped
),

snapshots as (
    select
        spine.period_start,
        least(
            timezone($tz, spine.period_start + cast('1 ' || $grain as interval)),
            cast($as_of as timestamptz)
        ) as snapshot_at
    from bounds, dp_period_spine(bounds.first_ts, bounds.last_ts, $grain) as spine
    where bounds.first_ts is not null
        and timezone($tz, cast(spine.period_start as timestamp)) < cast($as_of as timestamptz)
),

open_at_snapshot as (
    select
        snapshots.period_start,
        scoped.dim1,
        scoped.dim2,
        (epoch(snapshots.snapshot_at) - epoch(scoped.created_at)) / 60.0 as age_minutes
    from snapshots
    inner join scoped
        on scoped.created_at < snapshots.snapshot_at
        and (scoped.left_backlog_at is null or scoped.left_backlog_at > snapshots.snapshot_at)
),

final as (
    select
        dp_period_label(period_start, $grain) as period,
        period_start,
        dim1,
        dim2,
        count(*)::integer as backlog_open,
        quantile_cont(age_minutes, 0.9)::double as backlog_age_p90_min,
        count(*)::integer as backlog_age_p90_min__n
    from open_at_snapshot
    group by all
)

select period, period_start, dim1, dim2, columns(c -> dp_metric_wanted($metrics, c))
from final
order by period_start, dim1 nulls first, dim2 nulls first
