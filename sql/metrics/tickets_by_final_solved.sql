-- metrics:  full_resolution_median_min, full_resolution_p90_min, full_resolution_mean_min,
--           requester_wait_median_min, requester_wait_p90_min, requester_wait_mean_min
-- grain:    one row per period x dim1 x dim2 with finally solved tickets
-- attribution: the final solve (final_solved_at; the first solve when never reopened), in
--           the reporting zone $tz; solves after $as_of have not happened yet
-- params:   $grain, $tz, $from, $to, $as_of, $hours, $by1, $by2, $f_* filters
--           $metrics (the metric ids to return, comma-separated; null: all)
-- A ticket reopened and not solved again by $as_of has no full resolution time yet.
-- Requester wait (time in new and open states) needs a ticket's status history; deskpulse
-- does not rebuild it, so the value is the vendor's where its export carries one (Zendesk's
-- "Requester wait time in minutes"), and absent otherwise.
with scoped as (
    select *
    from dp_ticket_progress(
        $as_of, $hours, $by1, $by2,
        $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
    )
    where not is_outbound
        and is_final_solved
),

in_range as (
    select
        *,
        dp_local(final_solved_at, $tz) as final_solved_local
    from scoped
    where dp_local_in_range(final_solved_at, $tz, $from, $to)
),

aggregated as (
    select
        dp_period_start(final_solved_local, $grain) as period_start,
        dim1,
        dim2,
        -- Both quantiles of a column from one list aggregate: one sort of its values, not two.
        quantile_cont(full_resolution_minutes, [0.5, 0.9])::double[] as full_resolution_quantiles,
        dp_mean(full_resolution_minutes) as full_resolution_mean_min,
        count(full_resolution_minutes)::integer as full_resolution__n,
        quantile_cont(requester_wait_minutes, [0.5, 0.9])::double[] as requester_wait_quantiles,
        dp_mean(requester_wait_minutes) as requester_wait_mean_min,
        count(requester_wait_minutes)::integer as requester_wait__n
    from in_range
    group by all
),

final as (
    select
        dp_period_label(period_start, $grain) as period,
        period_start,
        dim1,
        dim2,
        full_resolution_quantiles[1] as full_resolution_median_min,
        full_resolution_quantiles[2] as full_resolution_p90_min,
        full_resolution_mean_min,
        full_resolution__n as full_resolution_median_min__n,
        full_resolution__n as full_resolution_p90_min__n,
        full_resolution__n as full_resolution_mean_min__n,
        requester_wait_quantiles[1] as requester_wait_median_min,
        requester_wait_quantiles[2] as requester_wait_p90_min,
        requester_wait_mean_min,
        requester_wait__n as requester_wait_median_min__n,
        requester_wait__n as requester_wait_p90_min__n,
        requester_wait__n as requester_wait_mean_min__n
    from aggregated
)

select period, period_start, dim1, dim2, columns(c -> dp_metric_wanted($metrics, c))
from final
order by period_start, dim1 nulls first, dim2 nulls first
