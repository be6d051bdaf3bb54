-- Every category and tag with its count in one week (local dates in `tz`, `week_end`
-- exclusive) against its trailing 8-week level: the mean weekly count over the 8 weeks before
-- (weeks without tickets count as 0; `baseline_count` is that sample). A rise is
-- `significant` when the week has at least 5 tickets, at least 1.5 x the baseline, and a
-- Poisson z-score (count - mean) / sqrt(max(mean, 1)) of 3 or more: for low-volume topics the
-- sqrt keeps one-off spikes of 2 or 3 tickets out. The Trends page lists every row
-- (reports/category_trends.sql), the review flags the significant ones (reports/top_movers.sql).
create or replace macro dp_category_trends(
    as_of, tz, week_start, week_end,
    f_segment, f_plan, f_channel, f_priority, f_category, f_group, f_tier, f_org, f_assignee, f_source, f_tag
) as table
    with scoped as (
        select
            category,
            tags,
            dp_local(created_at, tz) as created_local
        from dp_scope_tickets(
            as_of, null, null,
            f_segment, f_plan, f_channel, f_priority, f_category, f_group, f_tier, f_org, f_assignee, f_source, f_tag
        )
        where not is_outbound
            -- The week and the 8 before it.
            and dp_local_in_range(created_at, tz, cast(week_start as date) - 56, cast(week_end as date))
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
            count(*) filter (where created_local >= cast(week_start as timestamp)) as week_count,
            count(*) filter (where created_local < cast(week_start as timestamp)) as baseline_count
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
    from scored;
