-- report:   KPI anomalies: first response time, CSAT and reopen rate, overall and per
--           segment, in a window ($from .. $to) against the same weekdays of the windows
--           before it (scopes/dp_anomaly_windows.sql)
-- grain:    one row per (metric, slice) tested
-- params:   $from, $to (local dates in $tz, to exclusive), $tz, $as_of, $hours (business |
--           calendar, for FRT), $baseline_weeks, $min_n (the smallest sample tested), $fdr,
--           $f_* filters
-- method:   rates as the catalog defines them, attributed as its metrics are: CSAT
--           (satisfied / ratings, by rating time) and reopen rate (reopened / solved, by
--           first solve). A window's x of n is tested against the baseline windows' pooled
--           rate p0 with the exact binomial test, two-sided. FRT (by creation) with the sign
--           test: of the window's answered tickets whose FRT is not the baseline median, how
--           many took longer, against half (binomial, p = 0.5). Tested where the window's
--           sample reaches $min_n; Benjamini-Hochberg across the tests at $fdr.
with windows as (
    select * from dp_anomaly_windows($from, $to, $tz, $as_of, $baseline_weeks)
),

baseline as (
    select count(*) - 1 as windows from windows
),

scoped as (
    select segment, created_at, solved_at, rated_at, frt_minutes, is_solved, is_reopened, is_csat_satisfied
    from dp_ticket_progress(
        $as_of, $hours, null, null,
        $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
    )
    where not is_outbound
),

-- Each ticket's event for each metric, in the window it falls in, overall and per segment.
events as (
    select 'csat_rate' as metric, dp_local(rated_at, $tz) as at_local, segment, is_csat_satisfied as success, null::double as minutes
    from scoped
    where is_csat_satisfied is not null and rated_at <= cast($as_of as timestamptz)
    union all
    select 'reopen_rate', dp_local(solved_at, $tz), segment, is_reopened, null
    from scoped
    where is_solved
    union all
    select 'frt_median_min', dp_local(created_at, $tz), segment, null, frt_minutes
    from scoped
    where frt_minutes is not null
),

in_windows as (
    select e.*, w.k
    from events e
    join windows w on e.at_local >= w.k_from and e.at_local < w.k_to
),

sliced as (
    select metric, k, 'all' as slice_kind, null::varchar as slice, success, minutes from in_windows
    union all
    select metric, k, 'segment', segment, success, minutes from in_windows where segment is not null
),

baseline_medians as (
    select metric, slice_kind, slice, quantile_cont(minutes, 0.5) as baseline_median
    from sliced
    where metric = 'frt_median_min' and k > 0
    group by all
),

summarised as (
    select
        s.metric, s.slice_kind, s.slice,
        count(*) filter (where k = 0) as n,
        -- Rates: successes in the window and the pooled baseline; FRT: tickets slower than
        -- the baseline median (ties left out of the sign test) and the window's own median.
        case when s.metric = 'frt_median_min'
            then count(*) filter (where k = 0 and minutes > m.baseline_median)
            else count(*) filter (where k = 0 and success)
        end as successes,
        case when s.metric = 'frt_median_min'
            then count(*) filter (where k = 0 and minutes <> m.baseline_median)
            else count(*) filter (where k = 0)
        end as trials,
        case when s.metric = 'frt_median_min'
            then 0.5
            else (count(*) filter (where k > 0 and success)) / nullif(count(*) filter (where k > 0), 0)
        end as p0,
        case when s.metric = 'frt_median_min'
            then quantile_cont(minutes, 0.5) filter (where k = 0)
            else (count(*) filter (where k = 0 and success)) / nullif(count(*) filter (where k = 0), 0)
        end as value,
        case when s.metric = 'frt_median_min'
            then any_value(m.baseline_median)
            else (count(*) filter (where k > 0 and success)) / nullif(count(*) filter (where k > 0), 0)
        end as baseline_value
    from sliced s
    left join baseline_medians m
        on m.metric = s.metric and m.slice_kind = s.slice_kind and m.slice is not distinct from s.slice
    group by s.metric, s.slice_kind, s.slice
),

tested as (
    select
        *,
        least(1.0, 2 * least(
            dp_binomial_upper_tail(successes, trials, p0),
            dp_binomial_lower_tail(successes, trials, p0)
        )) as p_value
    from summarised, baseline
    where n >= $min_n and trials > 0 and p0 is not null and baseline.windows >= 4
),

ranked as (
    select
        *,
        count(*) over () as tests,
        row_number() over (order by p_value, metric, slice_kind, slice) as p_rank
    from tested
),

adjusted as (
    select
        *,
        min(least(1.0, p_value * tests / p_rank)) over (order by p_rank desc rows between unbounded preceding and current row) as q_value
    from ranked
)

select
    metric,
    slice_kind,
    slice,
    value,
    baseline_value,
    n::integer as n,
    successes::integer as successes,
    trials::integer as trials,
    p_value,
    q_value,
    q_value <= $fdr as flagged,
    -- Worse: slower first responses, fewer satisfied ratings, more reopens.
    case
        when metric = 'csat_rate' then value < baseline_value
        else value > baseline_value
    end as worse,
    windows::integer as baseline_windows,
    tests::integer as tests
from adjusted
order by flagged desc, p_value, metric, slice_kind, slice
