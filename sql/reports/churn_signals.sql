-- report:   churn signals: high-value orgs that filed 2+ P0/P1 tickets within 30 days
-- grain:    one row per org
-- params:   $window_end (instant: the review week's end, or $as_of if sooner), $as_of,
--           $f_* filters (segment, plan, org, source apply; ticket filters narrow the tickets)
-- High value: enterprise plan, or in the top 10 % of its source's orgs by ARR. The 30 days
-- end at $window_end, so the signal is about the weeks under review, not all history.
with scoped as (
    select *
    from dp_scope_tickets(
        $as_of, null, null,
        $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
    )
    where not is_outbound
        and is_incident
        and created_at >= cast($window_end as timestamptz) - interval 30 days
        and created_at < cast($window_end as timestamptz)
),

ranked_orgs as (
    select
        *,
        percent_rank() over (partition by source order by arr_amount) as arr_percent_rank
    from dim_orgs
),

high_value as (
    select *
    from ranked_orgs
    where plan = 'enterprise'
        or (arr_amount is not null and arr_amount > 0 and arr_percent_rank >= 0.9)
),

final as (
    select
        scoped.source,
        scoped.org_id,
        high_value.org_name,
        high_value.plan,
        high_value.segment,
        high_value.arr_amount,
        high_value.csm_id,
        count(*)::integer as incident_count,
        count(*) filter (where scoped.priority = 'P0')::integer as p0_count,
        min(scoped.created_at) as first_created_at,
        max(scoped.created_at) as last_created_at,
        list(scoped.ticket_id order by scoped.created_at) as ticket_ids,
        count(*) filter (where scoped.is_open)::integer as still_open
    from scoped
    inner join high_value
        on high_value.source = scoped.source
        and high_value.org_id = scoped.org_id
    group by all
    having count(*) >= 2
)

select *
from final
order by incident_count desc, arr_amount desc nulls last, org_id
