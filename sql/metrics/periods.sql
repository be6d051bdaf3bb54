-- The report's periods: every period from `$from` to `$to` (local dates in $tz, `$to`
-- exclusive), or, where either is open, from the first to the last inbound ticket created
-- before $as_of that the filters keep. A period without events still gets a row.
-- params:   $grain, $tz, $from, $to, $as_of, $f_* filters (grouping does not change periods)
with scoped as (
    select created_at
    from dp_scope_tickets(
        $as_of, null, null,
        $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
    )
    where not is_outbound
),

bounds as (
    select
        coalesce(cast($from as timestamp), min(dp_local(created_at, $tz))) as first_ts,
        coalesce(cast($to as timestamp) - interval 1 microsecond, max(dp_local(created_at, $tz))) as last_ts
    from scoped
),

final as (
    select
        dp_period_label(spine.period_start, $grain) as period,
        spine.period_start
    from bounds, dp_period_spine(bounds.first_ts, bounds.last_ts, $grain) as spine
    where bounds.first_ts is not null
        and bounds.first_ts <= bounds.last_ts
)

select *
from final
order by period_start
