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
-- Each ticket's outcome as of $as_of (durations so far, SLA breaches, 10-5-3) is judged in
-- sql/scopes/dp_ticket_outcomes.sql, by the rule the drill-through lists tickets by.
with scoped as (
    select *
    from dp_ticket_outcomes(
        $as_of, $hours, $by1, $by2,
        $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
    )
),

in_range as (
    select
        *,
        dp_local(created_at, $tz) as created_local
    from scoped
    where dp_local_in_range(created_at, $tz, $from, $to)
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

        -- Both quantiles of a column from one list aggregate: one sort of its values, not two.
        quantile_cont(frt_minutes, [0.5, 0.9]) filter (where not is_outbound)::double[] as frt_quantiles,
        dp_mean(case when not is_outbound then frt_minutes end) as frt_mean_min,
        count(frt_minutes) filter (where not is_outbound)::integer as frt__n,

        quantile_cont(ack_minutes, [0.5, 0.9]) filter (where not is_outbound)::double[] as ack_quantiles,
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
        (1 - count(*) filter (where not is_outbound and is_sla_breached)
            / nullif(count(*) filter (where not is_outbound and has_sla_target), 0))::double as sla_achievement_rate,
        count(*) filter (where not is_outbound and has_sla_target)::integer as sla_achievement_rate__n,
        -- Still maturing: tickets counted as met so far whose outcome can still change at a later
        -- as_of (a target not breached yet, its event not happened yet). The pages say so
        -- beside a week's value rather than call it final (src/lib/maturity.ts).
        count(*) filter (where not is_outbound and is_frt_undecided)::integer as frt_undecided,
        count(*) filter (where not is_outbound and is_resolution_undecided)::integer as resolution_undecided,
        count(*) filter (where not is_outbound and is_sla_undecided)::integer as achievement_undecided,

        (count(*) filter (where not is_outbound and meets_10_5_3)
            / nullif(count(meets_10_5_3) filter (where not is_outbound), 0))::double as rule_10_5_3_rate,
        count(meets_10_5_3) filter (where not is_outbound)::integer as rule_10_5_3_rate__n,

        -- Null when no ticket of the cell has a contract value to take a share of.
        case when count(monthly_contract_amount) filter (where not is_outbound) > 0 then
            coalesce(dp_sum(case when not is_outbound then sla_credit_amount end), 0)
        end::double as sla_credit_exposure,
        count(*) filter (where not is_outbound and is_sla_breached)::integer as sla_credit_exposure__n,

        dp_mean(case when not is_outbound and is_incident then ack_minutes end) as mtta_min,
        count(ack_minutes) filter (where not is_outbound and is_incident)::integer as mtta_min__n,
        dp_mean(case when not is_outbound and is_incident then resolution_minutes end) as mttr_min,
        count(resolution_minutes) filter (where not is_outbound and is_incident)::integer as mttr_min__n
    from in_range
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
        frt_quantiles[1] as frt_median_min,
        frt_quantiles[2] as frt_p90_min,
        frt_mean_min,
        ack_quantiles[1] as ack_median_min,
        ack_quantiles[2] as ack_p90_min,
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
