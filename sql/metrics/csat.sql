-- metrics:  csat_rate, csat_responses, csat_response_rate
-- grain:    one row per period x dim1 x dim2 with ratings or solved tickets
-- attribution: the rating time (csat_at), else the first solve; the response rate's
--           denominator is the period's tickets_solved (by first solve)
-- params:   $grain, $tz, $from, $to, $as_of, $by1, $by2, $f_* filters
--           $metrics (the metric ids to return, comma-separated; null: all)
-- Satisfied is 4-5 on a 1-5 scale, "good" on good/bad, 9-10 on 0-10 (fct_tickets reads the
-- scale per source). Ratings given after $as_of do not exist yet for this report.
-- Read twice (ratings, solves): not materialized, since scanning the facts again costs less
-- than storing every ticket's columns in between.
with scoped as not materialized (
    select *
    from dp_ticket_progress(
        $as_of, null, $by1, $by2,
        $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
    )
    where not is_outbound
),

ratings as (
    select
        dp_period_start(dp_local(rated_at, $tz), $grain) as period_start,
        dim1,
        dim2,
        count(*)::integer as csat_responses,
        (count(*) filter (where is_csat_satisfied) / count(*))::double as csat_rate
    from scoped
    where is_csat_satisfied is not null
        and rated_at <= cast($as_of as timestamptz)
        and dp_local_in_range(rated_at, $tz, $from, $to)
    group by all
),

solved as (
    select
        dp_period_start(dp_local(solved_at, $tz), $grain) as period_start,
        dim1,
        dim2,
        count(*)::integer as tickets_solved
    from scoped
    where is_solved
        and dp_local_in_range(solved_at, $tz, $from, $to)
    group by all
),

final as (
    select
        dp_period_label(coalesce(ratings.period_start, solved.period_start), $grain) as period,
        coalesce(ratings.period_start, solved.period_start) as period_start,
        coalesce(ratings.dim1, solved.dim1) as dim1,
        coalesce(ratings.dim2, solved.dim2) as dim2,
        ratings.csat_rate,
        coalesce(ratings.csat_responses, 0) as csat_responses,
        (coalesce(ratings.csat_responses, 0) / solved.tickets_solved)::double as csat_response_rate,
        coalesce(ratings.csat_responses, 0) as csat_rate__n,
        solved.tickets_solved as csat_response_rate__n
    from ratings
    full outer join solved
        on solved.period_start = ratings.period_start
        and solved.dim1 is not distinct from ratings.dim1
        and solved.dim2 is not distinct from ratings.dim2
)

select period, period_start, dim1, dim2, columns(c -> dp_metric_wanted($metrics, c))
from final
order by period_start, dim1 nulls first, dim2 nulls first
