-- report:   ticket volume anomalies: every category, tag and channel, overall and per
--           segment and per plan, whose tickets in a window ($from .. $to) are unusual
--           against the same weekdays of the windows before it
-- grain:    one row per series tested (kind, value, slice_kind, slice)
-- params:   $from, $to (local dates in $tz, to exclusive: the window, a day to a few weeks),
--           $tz, $as_of, $baseline_weeks (how many earlier windows make the baseline),
--           $min_count (a series is tested when its count or its expected count reaches
--           it), $fdr (the false discovery rate the flags are held to), $f_* filters
-- method:   the baseline windows are the window moved back by whole weeks (so a Tuesday is
--           compared with Tuesdays: weekday-adjusted), as many as $baseline_weeks, none
--           starting before the first ticket's day (scopes/dp_anomaly_windows.sql). Their counts give the expected count (mean) and the
--           spread: negative binomial with size mean^2 / (variance - mean) when they vary
--           more than a Poisson process would, Poisson otherwise (macros/counts.sql). The
--           expected count has half a ticket added over the baseline ((sum + 0.5) / windows),
--           so a series new in the window is tested against a small number, not 0. The
--           p-value is two-sided (twice the smaller tail). Across every series tested, the
--           Benjamini-Hochberg procedure keeps the expected share of false flags at $fdr:
--           q = min over ranks j >= i of p_(j) m / j; a series is flagged when q <= $fdr.
with windows as (
    select * from dp_anomaly_windows($from, $to, $tz, $as_of, $baseline_weeks)
),

baseline as (
    select count(*) - 1 as windows from windows
),

scoped as (
    select
        dp_local(created_at, $tz) as created_local,
        category,
        channel,
        tags,
        segment,
        plan
    from dp_scope_tickets(
        $as_of, null, null,
        $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
    )
    where not is_outbound
        and dp_local_in_range(created_at, $tz, (select min(k_from) from windows), $to)
),

in_windows as (
    select s.*, w.k
    from scoped s
    join windows w on s.created_local >= w.k_from and s.created_local < w.k_to
),

-- Each ticket once per topic it has: its category, its channel, each of its tags.
topics as (
    select k, 'category' as kind, category as value, segment, plan from in_windows where category is not null
    union all
    select k, 'channel', channel, segment, plan from in_windows where channel is not null
    union all
    select k, 'tag', tag, segment, plan from (select k, unnest(tags) as tag, segment, plan from in_windows) where tag is not null
),

-- Each topic overall, per segment and per plan.
sliced as (
    select k, kind, value, 'all' as slice_kind, null::varchar as slice from topics
    union all
    select k, kind, value, 'segment', segment from topics where segment is not null
    union all
    select k, kind, value, 'plan', plan from topics where plan is not null
),

counts as (
    select kind, value, slice_kind, slice, k, count(*) as tickets
    from sliced
    group by all
),

series as (
    select
        kind, value, slice_kind, slice,
        coalesce(sum(tickets) filter (where k = 0), 0) as observed,
        coalesce(sum(tickets) filter (where k > 0), 0) as baseline_tickets,
        coalesce(sum(tickets * tickets) filter (where k > 0), 0) as baseline_squares
    from counts
    group by all
),

estimated as (
    select
        s.*,
        b.windows,
        s.baseline_tickets / b.windows as baseline_mean,
        (s.baseline_tickets + 0.5) / b.windows as expected,
        -- The sample variance of the baseline counts (windows without a ticket count as 0).
        (s.baseline_squares - s.baseline_tickets * s.baseline_tickets / b.windows) / (b.windows - 1) as baseline_variance
    from series s, baseline b
    where b.windows >= 4
),

-- The count to expect is uncertain twice: the window's own spread (Poisson, or negative
-- binomial where the baseline windows vary more than that), and the error of a mean taken
-- over only so many windows. The test uses the distribution of the two together: a negative
-- binomial whose variance is (1 + 1 / windows) x the window's own (moments matched), so a
-- short baseline does not make ordinary weeks look unusual.
tested as (
    select
        *,
        expected * expected / (predictive_variance - expected) as size
    from (
        select
            *,
            (1 + 1 / windows) * (expected + case
                when baseline_variance > baseline_mean and baseline_mean > 0
                    then baseline_variance - baseline_mean
                else 0
            end * expected * expected / greatest(baseline_mean * baseline_mean, 1e-300)) as predictive_variance
        from estimated
    )
    where observed >= $min_count or expected >= $min_count
),

p_values as (
    select
        *,
        least(1.0, 2 * least(
            dp_count_upper_tail(observed, expected, size),
            dp_count_lower_tail(observed, expected, size)
        )) as p_value
    from tested
),

ranked as (
    select
        *,
        count(*) over () as tests,
        row_number() over (order by p_value, kind, value, slice_kind, slice) as p_rank
    from p_values
),

adjusted as (
    select
        *,
        min(least(1.0, p_value * tests / p_rank)) over (order by p_rank desc rows between unbounded preceding and current row) as q_value
    from ranked
)

select
    kind,
    value,
    slice_kind,
    slice,
    observed::integer as tickets,
    expected,
    observed / expected as ratio,
    size,
    p_value,
    q_value,
    q_value <= $fdr as flagged,
    case when observed >= expected then 'up' else 'down' end as direction,
    windows::integer as baseline_windows,
    tests::integer as tests
from adjusted
order by flagged desc, p_value, kind, value, slice_kind, slice
