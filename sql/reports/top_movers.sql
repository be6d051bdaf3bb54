-- report:   top movers: categories and tags whose weekly volume rose against their trailing
--           8-week level
-- grain:    one row per (kind, value) that moved
-- params:   $week_start, $week_end (local dates in $tz: the review week, end exclusive), $tz,
--           $as_of, $f_* filters, $limit
-- The baseline is the mean weekly count over the 8 weeks before the review week (weeks
-- without tickets count as 0). A rise is significant when the week has at least 5 tickets, at
-- least 1.5 x the baseline, and a Poisson z-score (count - mean) / sqrt(max(mean, 1)) of 3 or
-- more: for low-volume topics the sqrt keeps one-off spikes of 2 or 3 tickets out.
with scoped as (
    select
        category,
        tags,
        timezone($tz, created_at) as created_local
    from dp_scope_tickets(
        $as_of, null, null,
        $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source
    )
    where not is_outbound
        and timezone($tz, created_at) >= cast($week_start as timestamp) - interval 56 days
        and timezone($tz, created_at) < cast($week_end as timestamp)
),

labelled as (
    select 'category' as kind, category as value, created_local from scoped where category is not null
    union all
    select 'tag', unnest(tags), created_local from scoped
),

counted as (
    select
        kind,
        value,
        count(*) filter (where created_local >= cast($week_start as timestamp)) as week_count,
        count(*) filter (where created_local < cast($week_start as timestamp)) / 8.0 as baseline_weekly
    from labelled
    group by all
),

scored as (
    select
        kind,
        value,
        week_count::integer as week_count,
        baseline_weekly::double as baseline_weekly,
        (week_count - baseline_weekly)::double as rise,
        ((week_count - baseline_weekly) / sqrt(greatest(baseline_weekly, 1)))::double as z_score,
        (week_count / nullif(baseline_weekly, 0))::double as ratio
    from counted
),

final as (
    select *
    from scored
    where week_count >= 5
        and week_count >= 1.5 * baseline_weekly
        and z_score >= 3
)

select *
from final
order by z_score desc, kind, value
limit $limit
