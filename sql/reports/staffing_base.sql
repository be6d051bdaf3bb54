-- report:   what the staffing need is compared with: the customers served and the agents
--           who worked tickets in the trailing weeks
-- grain:    one row
-- params:   $from, $to (local dates in $tz, to exclusive: the customers' window), $agents_from
--           (the agents' window, to the same end), $tz, $as_of, $f_* filters
-- customers: distinct (source, org_id) with an inbound ticket created in the window (the
--           domain's guide is 400-600 customers per agent); agents: distinct assignees of the
--           window's tickets (a count only: no one is named)
select
    count(distinct (source, org_id)) filter (where org_id is not null)::integer as customers,
    count(distinct (source, assignee_id)) filter (
        where assignee_id is not null and dp_local_in_range(created_at, $tz, $agents_from, $to)
    )::integer as agents
from dp_scope_tickets(
    $as_of, null, null,
    $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
)
where not is_outbound
    and dp_local_in_range(created_at, $tz, $from, $to)
