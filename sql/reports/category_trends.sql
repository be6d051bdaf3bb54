-- report:   category trends: every category and tag with its count in one week against its
--           trailing 8-week level, significant rises flagged
-- grain:    one row per (kind, value) seen in the week or the 8 weeks before it
-- params:   $week_start, $week_end (local dates in $tz: the chosen week, end exclusive), $tz,
--           $as_of, $f_* filters
-- The same counts and test as reports/top_movers.sql, without its filter: the baseline is the
-- mean weekly count over the 8 weeks before the week (weeks without tickets count as 0); a
-- rise is significant when the week has at least 5 tickets, at least 1.5 x the baseline, and
-- a Poisson z-score (count - mean) / sqrt(max(mean, 1)) of 3 or more. `baseline_count` is the
-- sample of the baseline (tickets in the 8 weeks).
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
        count(*) filter (where created_local < cast($week_start as timestamp)) as baseline_count
    from labelled
    group by all
),

scored as (
    select
        kind,
        value,
        week_count::integer as week_count,
        baseline_count::integer as baseline_count,
        (baseline_count / 8.0)::double as baseline_weekly,
        (week_count - baseline_count / 8.0)::double as rise,
        ((week_count - baseline_count / 8.0) / sqrt(greatest(baseline_count / 8.0, 1)))::double as z_score,
        (week_count / nullif(baseline_count / 8.0, 0))::double as ratio
    from counted
)

select
    *,
    (week_count >= 5 and week_count >= 1.5 * baseline_weekly and z_score >= 3) as significant
from scored
order by rise desc, z_score desc, kind, value
