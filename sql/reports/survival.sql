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
        and dp_local_in_range(created_at, $tz, $from, $to)
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

-- Kaplan-Meier without a pass over every event time. Between two censoring times the product
-- telescopes: at a time where only resolutions happen the next at-risk count is n - d, so the
-- factors (n - d) / n of a run of such times multiply to (at risk after the run) / (at risk at
-- its start). Over all times up to a checkpoint c that leaves
--   S(c) = (observations after c) / N x product over censoring times t <= c of (n - d) / (n - d - k)
-- (N observations, at t: n at risk, d resolved, k censored), so a curve needs the count past
-- each checkpoint (one histogram per cohort) and the risk set at the few censoring times before
-- the last checkpoint, not a sort and a running sum over every ticket. Observations without a
-- time (a solve without a resolution duration) are in `tickets` but in no risk set.
-- The checkpoints, in minutes, as the histogram's bucket bounds.
checkpoint_bounds as (
    select list_transform(string_split($points, ','), point -> cast(trim(point) as double) * 60) as bounds
),

cohorts as (
    select
        period_start,
        dim1,
        dim2,
        count(*)::integer as tickets,
        count(*) filter (where not is_resolved)::integer as still_open,
        count(observed_minutes) as observed_count,
        -- Per checkpoint, the observations up to it and after the previous one (key null: past
        -- the last checkpoint).
        histogram(observed_minutes, (select bounds from checkpoint_bounds)) as observed_by_checkpoint
    from observed
    group by all
),

-- The censoring times that can reach a checkpoint.
censor_times as (
    select
        period_start,
        dim1,
        dim2,
        observed_minutes,
        count(*) as censored_count
    from observed
    where not is_resolved
        and observed_minutes <= (select list_max(bounds) from checkpoint_bounds)
    group by all
),

-- The cohorts with such a time, numbered (the running count below partitions by one integer),
-- with their last one.
censored_cohorts as (
    select
        period_start,
        dim1,
        dim2,
        max(observed_minutes) as last_censored_minutes,
        row_number() over () as cohort_number
    from censor_times
    group by all
),

-- In those cohorts, per observation up to their last censoring time: the observations at or
-- before its time (ties included).
observed_through as (
    select
        censored_cohorts.cohort_number,
        observed.observed_minutes,
        observed.is_resolved,
        count(*) over (
            partition by censored_cohorts.cohort_number
            order by observed.observed_minutes
            range between unbounded preceding and current row
        ) as observed_through
    from observed
    inner join censored_cohorts
        on censored_cohorts.period_start = observed.period_start
        and censored_cohorts.dim1 is not distinct from observed.dim1
        and censored_cohorts.dim2 is not distinct from observed.dim2
    where observed.observed_minutes <= censored_cohorts.last_censored_minutes
),

-- Per censoring time: n - d (at risk and not resolved there) over n - d - k (at risk after it).
-- A censoring at the cohort's last time leaves nobody at risk: S stays at its value there, its
-- k tickets counted as still surviving (`censored_last`) in place of a factor.
censor_factors as (
    select
        censored_cohorts.period_start,
        censored_cohorts.dim1,
        censored_cohorts.dim2,
        t.observed_minutes,
        any_value(cohorts.observed_count - t.observed_through) as at_risk_after,
        at_risk_after + count(*) as unresolved_at_risk,
        case when at_risk_after = 0 then count(*) else 0 end as censored_last
    from observed_through as t
    inner join censored_cohorts
        on censored_cohorts.cohort_number = t.cohort_number
    inner join cohorts
        on cohorts.period_start = censored_cohorts.period_start
        and cohorts.dim1 is not distinct from censored_cohorts.dim1
        and cohorts.dim2 is not distinct from censored_cohorts.dim2
    where not t.is_resolved
    group by all
),

checkpoints as (
    select
        cohorts.*,
        cast(trim(point) as double) as within_hours,
        -- Observations after the checkpoint: the histogram's buckets above it.
        coalesce(list_sum(
            list_transform(
                map_entries(observed_by_checkpoint),
                bucket -> case when bucket.key is null or bucket.key > within_hours * 60 then bucket.value else 0 end
            )
        ), 0) as observed_after
    from cohorts
    cross join unnest(string_split($points, ',')) as p(point)
),

-- The factors of the censoring times up to each checkpoint. Their logs are added as exact
-- decimals, so the sum does not depend on the order the engine adds them in.
censoring_up_to as (
    select
        censor_factors.period_start,
        censor_factors.dim1,
        censor_factors.dim2,
        hours.within_hours,
        sum(case
            when censor_factors.at_risk_after > 0
                then cast(ln(censor_factors.unresolved_at_risk / censor_factors.at_risk_after) as decimal(38, 30))
        end) as log_censoring_factor,
        sum(censor_factors.censored_last) as censored_last
    from censor_factors
    inner join (
        select distinct cast(trim(point) as double) as within_hours
        from unnest(string_split($points, ',')) as p(point)
    ) as hours
        on censor_factors.observed_minutes <= hours.within_hours * 60
    group by all
),

read_off as (
    select
        checkpoints.*,
        case
            when checkpoints.observed_count = 0 then 1.0
            else (checkpoints.observed_after + coalesce(c.censored_last, 0)) / checkpoints.observed_count
                * exp(coalesce(cast(c.log_censoring_factor as double), 0))
        end as survival
    from checkpoints
    left join censoring_up_to as c
        on c.period_start = checkpoints.period_start
        and c.dim1 is not distinct from checkpoints.dim1
        and c.dim2 is not distinct from checkpoints.dim2
        and c.within_hours = checkpoints.within_hours
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
