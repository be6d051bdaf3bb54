-- report:   resolution survival (Kaplan-Meier), per cohort
-- grain:    one row per cohort (created period x dim1 x dim2) x checkpoint
-- params:   $grain, $tz, $from, $to (cohort creation dates, local), $as_of, $hours (business |
--           calendar), $by1, $by2, $f_* filters, $points (comma-separated checkpoints in hours)
-- The share of a cohort resolved within x hours, with tickets still open at $as_of censored
-- there: an open ticket says "not resolved within its age so far" and nothing after it, so
-- open tickets stop pulling resolution times down (a median over solved tickets only ignores
-- the slowest ones) without inventing a time for them. Kaplan-Meier:
-- S(t) = product over event times t_i <= t of (1 - d_i / n_i), d_i tickets solved at t_i,
-- n_i tickets still at risk (neither solved nor censored before t_i); resolved share = 1 - S.
with scoped as (
    select *
    from dp_scope_tickets(
        $as_of, $by1, $by2,
        $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
    )
    where not is_outbound
        and dp_in_range(dp_local(created_at, $tz), $from, $to)
),

as_of_clock as (
    select * from dp_as_of_clock($as_of)
),

-- One observation per ticket: its resolution time if solved by $as_of, else its age at $as_of.
observed as (
    select
        dp_period_start(dp_local(scoped.created_at, $tz), $grain) as period_start,
        scoped.dim1,
        scoped.dim2,
        coalesce(scoped.solved_at <= cast($as_of as timestamptz), false) as is_resolved,
        case
            when scoped.solved_at <= cast($as_of as timestamptz) then
                case when $hours = 'business' then scoped.resolution_business_minutes else scoped.resolution_calendar_minutes end
            when $hours = 'business' then greatest(as_of_clock.as_of_open_minutes - scoped.created_open_minutes, 0)
            else (epoch(cast($as_of as timestamptz)) - epoch(scoped.created_at)) / 60.0
        end as observed_minutes
    from scoped
    left join as_of_clock using (schedule_key)
),

cohorts as (
    select
        period_start,
        dim1,
        dim2,
        count(*)::integer as tickets,
        count(*) filter (where not is_resolved)::integer as still_open
    from observed
    group by all
),

-- Ties: at one time, resolutions happen before censoring (the usual convention).
event_times as (
    select
        period_start,
        dim1,
        dim2,
        observed_minutes,
        count(*) filter (where is_resolved) as resolved_count,
        count(*) as observed_count
    from observed
    group by all
),

at_risk as (
    select
        *,
        sum(observed_count) over (
            partition by period_start, dim1, dim2
            order by observed_minutes desc
            rows between unbounded preceding and current row
        ) as at_risk_count
    from event_times
),

curve as (
    select
        period_start,
        dim1,
        dim2,
        observed_minutes,
        -- A step where everyone at risk resolves takes S to 0 (the log would be -infinity).
        max((resolved_count = at_risk_count)::integer) over cohort_so_far as is_exhausted,
        sum(case when resolved_count < at_risk_count then ln(1 - resolved_count / at_risk_count) else 0 end)
            over cohort_so_far as log_survival
    from at_risk
    window cohort_so_far as (
        partition by period_start, dim1, dim2
        order by observed_minutes
        rows between unbounded preceding and current row
    )
),

checkpoints as (
    select
        cohorts.*,
        cast(trim(point) as double) as within_hours
    from cohorts
    cross join unnest(string_split($points, ',')) as p(point)
),

-- The curve's value at a checkpoint is its value at the last time at or before it.
read_off as (
    select
        checkpoints.*,
        case
            when curve.observed_minutes is null then 1.0
            when curve.is_exhausted = 1 then 0.0
            else exp(curve.log_survival)
        end as survival
    from checkpoints
    asof left join curve
        -- An ASOF join matches null keys to nothing, so groups are matched on a non-null stand-in.
        on curve.period_start = checkpoints.period_start
        and coalesce(curve.dim1, chr(0)) = coalesce(checkpoints.dim1, chr(0))
        and coalesce(curve.dim2, chr(0)) = coalesce(checkpoints.dim2, chr(0))
        and checkpoints.within_hours * 60 >= curve.observed_minutes
),

final as (
    select
        dp_period_label(period_start, $grain) as period,
        period_start,
        dim1,
        dim2,
        within_hours,
        tickets,
        still_open,
        (1 - survival)::double as resolved_share
    from read_off
)

select *
from final
order by period_start, dim1 nulls first, dim2 nulls first, within_hours
