-- metrics:  tickets_solved, resolution_median_min, resolution_p90_min, resolution_mean_min,
--           one_touch_rate, reopen_rate
-- grain:    one row per period x dim1 x dim2 with solved tickets
-- attribution: the first solve (solved_at), in the reporting zone $tz; solves after $as_of
--           have not happened yet
-- params:   $grain, $tz, $from, $to, $as_of, $hours, $by1, $by2, $f_* filters
--           $metrics (the metric ids to return, comma-separated; null: all)
-- Still-open tickets have no resolution time and are not in these numbers: the survival
-- curve (sql/metrics/survival.sql) is the view that accounts for them. Each ticket's
-- resolution, one-touch and reopen outcome comes from sql/scopes/dp_ticket_progress.sql, as
-- the drill-through's does.
with scoped as (
    select *
    from dp_ticket_progress(
        $as_of, $hours, $by1, $by2,
        $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
    )
    where not is_outbound
        and is_solved
),

in_range as (
    select
        *,
        dp_local(solved_at, $tz) as solved_local
    from scoped
    where dp_local_in_range(solved_at, $tz, $from, $to)
),

aggregated as (
    select
        dp_period_start(solved_local, $grain) as period_start,
        dim1,
        dim2,
        count(*)::integer as tickets_solved,
        -- Both quantiles from one list aggregate: one sort of the values, not two.
        quantile_cont(resolution_minutes, [0.5, 0.9])::double[] as resolution_quantiles,
        dp_mean(resolution_minutes) as resolution_mean_min,
        count(resolution_minutes)::integer as resolution__n,
        (count(*) filter (where is_one_touch) / nullif(count(is_one_touch), 0))::double as one_touch_rate,
        count(is_one_touch)::integer as one_touch_rate__n,
        (count(*) filter (where is_reopened) / count(*))::double as reopen_rate
    from in_range
    group by all
),

final as (
    select
        dp_period_label(period_start, $grain) as period,
        period_start,
        dim1,
        dim2,
        tickets_solved,
        resolution_quantiles[1] as resolution_median_min,
        resolution_quantiles[2] as resolution_p90_min,
        resolution_mean_min,
        one_touch_rate,
        reopen_rate,
        resolution__n as resolution_median_min__n,
        resolution__n as resolution_p90_min__n,
        resolution__n as resolution_mean_min__n,
        one_touch_rate__n,
        tickets_solved as reopen_rate__n
    from aggregated
)

select period, period_start, dim1, dim2, columns(c -> dp_metric_wanted($metrics, c))
from final
order by period_start, dim1 nulls first, dim2 nulls first
