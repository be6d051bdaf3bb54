-- report:   agent handle time of the tickets solved in a window, for utilization
-- grain:    one row
-- params:   $from, $to (local dates in $tz, to exclusive), $tz, $as_of, $f_* filters
-- Null when no solved ticket of the window carries handle_time_min (utilization cannot be
-- judged from absent data).
select
    dp_sum(handle_minutes) as handle_minutes,
    count(handle_minutes)::integer as tickets_with_handle_time
from dp_scope_tickets(
    $as_of, null, null,
    $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
)
where not is_outbound
    and solved_at <= cast($as_of as timestamptz)
    and dp_local_in_range(solved_at, $tz, $from, $to)
