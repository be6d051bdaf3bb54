-- metrics:  tickets_created, tickets_outbound, awaiting_first_response,
--           frt_median_min, frt_p90_min, frt_mean_min, ack_median_min, ack_p90_min, ack_mean_min,
--           escalation_rate_t2, escalation_rate_t3,
--           sla_frt_breach_rate, sla_resolution_breach_rate, sla_achievement_rate,
--           rule_10_5_3_rate, sla_credit_exposure, mtta_min, mttr_min
-- grain:    one row per period x dim1 x dim2 that has tickets
-- attribution: created_at, in the reporting zone $tz
-- params:   $grain, $tz, $from, $to (local dates; to exclusive), $as_of, $hours (business |
--           calendar), $by1, $by2, $f_* filters
--           $metrics (the metric ids to return, comma-separated; null: all)
-- Every metric has a sample column `<id>__n` (the tickets its value is computed over).
-- Events after $as_of have not happened yet for this report: a reply at 10:05 is no reply
-- in a report as of 10:00, which is how "breached so far" is measured.
with scoped as (
    select *
    from dp_scope_tickets(
        $as_of, $by1, $by2,
        $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
    )
),

-- Open minutes of each schedule up to $as_of: how much business time a still-open ticket
-- has used of its SLA.
as_of_clock as (
    select * from dp_as_of_clock($as_of)
),

in_range as (
    select
        scoped.*,
        dp_local(scoped.created_at, $tz) as created_local,
        (epoch(cast($as_of as timestamptz)) - epoch(scoped.created_at)) / 60.0 as elapsed_calendar_minutes,
        coalesce(as_of_clock.as_of_open_minutes - scoped.created_open_minutes, 0) as elapsed_business_minutes
    from scoped
    left join as_of_clock using (schedule_key)
    where ($from is null or dp_local(scoped.created_at, $tz) >= cast($from as timestamp))
        and ($to is null or dp_local(scoped.created_at, $tz) < cast($to as timestamp))
),

-- Per ticket, the durations in the asked flavour, with events after $as_of treated as not
-- yet happened.
measured as (
    select
        *,
        coalesce(ack_at <= cast($as_of as timestamptz), false) as is_acked,
        coalesce(first_response_at <= cast($as_of as timestamptz), has_vendor_frt_only) as is_answered,
        coalesce(solved_at <= cast($as_of as timestamptz), false) as is_solved,
        case when ack_at <= cast($as_of as timestamptz)
            then case when $hours = 'business' then ack_business_minutes else ack_calendar_minutes end
        end as ack_minutes,
        case when coalesce(first_response_at <= cast($as_of as timestamptz), has_vendor_frt_only)
            then case when $hours = 'business' then frt_business_minutes else frt_calendar_minutes end
        end as frt_minutes,
        case when solved_at <= cast($as_of as timestamptz)
            then case when $hours = 'business' then resolution_business_minutes else resolution_calendar_minutes end
        end as resolution_minutes
    from in_range
),

-- The outcome of each SLA rule per ticket.
judged as (
    select
        *,
        -- SLA targets are business minutes of the ticket's policy schedule, whatever $hours says.
        case
            when frt_target_minutes is null then null
            when is_answered then frt_business_minutes > frt_target_minutes
            else elapsed_business_minutes > frt_target_minutes
        end as is_frt_breached,
        case
            when resolution_target_minutes is null then null
            when is_solved then resolution_business_minutes > resolution_target_minutes
            else elapsed_business_minutes > resolution_target_minutes
        end as is_resolution_breached,
        -- 10-5-3: acknowledged within 10 minutes and a human response within 5 hours (both
        -- wall-clock: the customer is waiting), resolved within 3 business days of the
        -- ticket's schedule. Null while the outcome is still open at $as_of.
        case
            when (is_acked and ack_calendar_minutes > 10)
                or (not is_acked and elapsed_calendar_minutes > 10)
                or (is_answered and frt_calendar_minutes > 300)
                or (not is_answered and elapsed_calendar_minutes > 300)
                or (is_solved and resolution_business_minutes > 3 * business_day_minutes)
                or (not is_solved and elapsed_business_minutes > 3 * business_day_minutes)
                then false
            when is_acked and is_answered and is_solved then true
        end as meets_10_5_3
    from measured
),

-- One pass over the tickets: outbound tickets only count in tickets_outbound, so every other
-- aggregate keeps the inbound ones (`filter (where not is_outbound)`). A cell with outbound
-- tickets only has no inbound sample at all: its `__n` columns are null, like its values.
aggregated as (
    select
        dp_period_start(created_local, $grain) as period_start,
        dim1,
        dim2,
        count(*) filter (where not is_outbound)::integer as tickets_created,
        count(*) filter (where is_outbound)::integer as tickets_outbound,
        count(*) filter (where not is_outbound and not is_answered)::integer as awaiting_first_response,

        quantile_cont(frt_minutes, 0.5) filter (where not is_outbound)::double as frt_median_min,
        quantile_cont(frt_minutes, 0.9) filter (where not is_outbound)::double as frt_p90_min,
        dp_mean(case when not is_outbound then frt_minutes end) as frt_mean_min,
        count(frt_minutes) filter (where not is_outbound)::integer as frt__n,

        quantile_cont(ack_minutes, 0.5) filter (where not is_outbound)::double as ack_median_min,
        quantile_cont(ack_minutes, 0.9) filter (where not is_outbound)::double as ack_p90_min,
        dp_mean(case when not is_outbound then ack_minutes end) as ack_mean_min,
        count(ack_minutes) filter (where not is_outbound)::integer as ack__n,

        (count(*) filter (where not is_outbound and reached_t2)
            / nullif(count(*) filter (where not is_outbound), 0))::double as escalation_rate_t2,
        (count(*) filter (where not is_outbound and reached_t3)
            / nullif(count(*) filter (where not is_outbound), 0))::double as escalation_rate_t3,

        (count(*) filter (where not is_outbound and is_frt_breached)
            / nullif(count(is_frt_breached) filter (where not is_outbound), 0))::double as sla_frt_breach_rate,
        count(is_frt_breached) filter (where not is_outbound)::integer as sla_frt_breach_rate__n,
        (count(*) filter (where not is_outbound and is_resolution_breached)
            / nullif(count(is_resolution_breached) filter (where not is_outbound), 0))::double as sla_resolution_breach_rate,
        count(is_resolution_breached) filter (where not is_outbound)::integer as sla_resolution_breach_rate__n,
        -- A ticket breaching both targets counts once.
        (1 - count(*) filter (where not is_outbound and (is_frt_breached or is_resolution_breached))
            / nullif(count(*) filter (where not is_outbound and (is_frt_breached is not null or is_resolution_breached is not null)), 0))::double
            as sla_achievement_rate,
        count(*) filter (where not is_outbound and (is_frt_breached is not null or is_resolution_breached is not null))::integer
            as sla_achievement_rate__n,
        -- Still maturing: tickets counted as met so far whose outcome can still change at a later
        -- as_of (a target not breached yet, its event not happened yet). The pages say so
        -- beside a week's value rather than call it final (src/lib/maturity.ts).
        count(*) filter (where not is_outbound and not is_answered and is_frt_breached = false)::integer as frt_undecided,
        count(*) filter (where not is_outbound and not is_solved and is_resolution_breached = false)::integer as resolution_undecided,
        count(*) filter (
            where not is_outbound
                and not coalesce(is_frt_breached, false)
                and not coalesce(is_resolution_breached, false)
                and ((not is_answered and is_frt_breached is not null) or (not is_solved and is_resolution_breached is not null))
        )::integer as achievement_undecided,

        (count(*) filter (where not is_outbound and meets_10_5_3)
            / nullif(count(meets_10_5_3) filter (where not is_outbound), 0))::double as rule_10_5_3_rate,
        count(meets_10_5_3) filter (where not is_outbound)::integer as rule_10_5_3_rate__n,

        -- Credits are owed per breach: a ticket breaching both targets owes two. Null when no
        -- ticket of the cell has a contract value to take a share of.
        case when count(monthly_contract_amount) filter (where not is_outbound) > 0 then
            coalesce(dp_sum(
                case when not is_outbound then
                    sla_credit_share * monthly_contract_amount
                        * (coalesce(is_frt_breached, false)::integer + coalesce(is_resolution_breached, false)::integer)
                end
            ), 0)
        end::double as sla_credit_exposure,
        count(*) filter (where not is_outbound and (is_frt_breached or is_resolution_breached))::integer as sla_credit_exposure__n,

        dp_mean(case when not is_outbound and is_incident then ack_minutes end) as mtta_min,
        count(ack_minutes) filter (where not is_outbound and is_incident)::integer as mtta_min__n,
        dp_mean(case when not is_outbound and is_incident then resolution_minutes end) as mttr_min,
        count(resolution_minutes) filter (where not is_outbound and is_incident)::integer as mttr_min__n
    from judged
    group by all
),

final as (
    select
        dp_period_label(period_start, $grain) as period,
        period_start,
        dim1,
        dim2,
        tickets_created,
        tickets_outbound,
        awaiting_first_response,
        frt_median_min,
        frt_p90_min,
        frt_mean_min,
        ack_median_min,
        ack_p90_min,
        ack_mean_min,
        escalation_rate_t2,
        escalation_rate_t3,
        sla_frt_breach_rate,
        sla_resolution_breach_rate,
        sla_achievement_rate,
        rule_10_5_3_rate,
        sla_credit_exposure,
        mtta_min,
        mttr_min,
        -- Sample sizes, null in a cell without inbound tickets.
        case when tickets_created > 0 then sla_frt_breach_rate__n end as sla_frt_breach_rate__n,
        case when tickets_created > 0 then sla_resolution_breach_rate__n end as sla_resolution_breach_rate__n,
        case when tickets_created > 0 then sla_achievement_rate__n end as sla_achievement_rate__n,
        case when tickets_created > 0 then rule_10_5_3_rate__n end as rule_10_5_3_rate__n,
        case when tickets_created > 0 then sla_credit_exposure__n end as sla_credit_exposure__n,
        case when tickets_created > 0 then mtta_min__n end as mtta_min__n,
        case when tickets_created > 0 then mttr_min__n end as mttr_min__n,
        case when tickets_created > 0 then frt__n end as frt_median_min__n,
        case when tickets_created > 0 then frt__n end as frt_p90_min__n,
        case when tickets_created > 0 then frt__n end as frt_mean_min__n,
        case when tickets_created > 0 then ack__n end as ack_median_min__n,
        case when tickets_created > 0 then ack__n end as ack_p90_min__n,
        case when tickets_created > 0 then ack__n end as ack_mean_min__n,
        case when tickets_created > 0 then tickets_created end as escalation_rate_t2__n,
        case when tickets_created > 0 then tickets_created end as escalation_rate_t3__n,
        -- Items whose outcome is not decided at as_of: unanswered tickets are missing from the
        -- FRT sample, and tickets within a target not reached yet count as met so far.
        case when tickets_created > 0 then awaiting_first_response end as frt_median_min__undecided,
        case when tickets_created > 0 then frt_undecided end as sla_frt_breach_rate__undecided,
        case when tickets_created > 0 then resolution_undecided end as sla_resolution_breach_rate__undecided,
        case when tickets_created > 0 then achievement_undecided end as sla_achievement_rate__undecided
    from aggregated
)

select period, period_start, dim1, dim2, columns(c -> dp_metric_wanted($metrics, c))
from final
order by period_start, dim1 nulls first, dim2 nulls first
