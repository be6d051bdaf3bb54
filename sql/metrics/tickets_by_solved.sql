-- metrics:  tickets_solved, resolution_median_min, resolution_p90_min, resolution_mean_min,
--           one_touch_rate, reopen_rate
-- grain:    one row per period x dim1 x dim2 with solved tickets
-- attribution: the first solve (solved_at), in the reporting zone $tz; solves after $as_of
--           have not happened yet
-- params:   $grain, $tz, $from, $to, $as_of, $hours, $by1, $by2, $f_* filters
--           $metrics (the metric ids to return, comma-separated; null: all)
-- Still-open tickets have no resolution time and are not in these numbers: the survival
-- curve (sql/metrics/survival.sql) is the view that accounts for them.
with scoped as (
    select *
    from dp_scope_tickets(
        $as_of, $by1, $by2,
        $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
    )
    where not is_outbound
        and solved_at <= cast($as_of as timestamptz)
),

in_range as (
    select
        *,
        dp_local(solved_at, $tz) as solved_local,
        case when $hours = 'business' then resolution_business_minutes else resolution_calendar_minutes end
            as resolution_minutes
    from scoped
    where ($from is null or dp_local(solved_at, $tz) >= cast($from as timestamp))
        and ($to is null or dp_local(solved_at, $tz) < cast($to as timestamp))
),

aggregated as (
    select
        dp_period_start(solved_local, $grain) as period_start,
        dim1,
        dim2,
        count(*)::integer as tickets_solved,
        quantile_cont(resolution_minutes, 0.5)::double as resolution_median_min,
        quantile_cont(resolution_minutes, 0.9)::double as resolution_p90_min,
        dp_mean(resolution_minutes) as resolution_mean_min,
        count(resolution_minutes)::integer as resolution__n,
        -- Tickets whose reply count is unknown are left out of one-touch, not counted as failing it.
        (count(*) filter (where agent_reply_count = 1) / nullif(count(agent_reply_count), 0))::double as one_touch_rate,
        count(agent_reply_count)::integer as one_touch_rate__n,
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
        resolution_median_min,
        resolution_p90_min,
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
