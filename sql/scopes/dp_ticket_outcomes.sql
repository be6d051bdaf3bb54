-- Every ticket of a report as dp_ticket_progress gives it, with its SLA judgements as of
-- `as_of`. The created-date metrics (sql/metrics/tickets_by_created.sql) and the
-- drill-through (sql/reports/tickets.sql) read their tickets from here, so an SLA rate and
-- the tickets listed behind it are judged by one rule. A target not reached yet is judged
-- on the time the ticket has waited so far ("breached so far"). Kept apart from
-- dp_ticket_progress because waiting time needs the schedule clock at as_of, a join the
-- metrics without SLA columns should not pay for.
create or replace macro dp_ticket_outcomes(
    as_of, hours, by1, by2,
    f_segment, f_plan, f_channel, f_priority, f_category, f_group, f_tier, f_org, f_assignee, f_source, f_tag
) as table
    -- How long each ticket has waited by as_of: business time is the open minutes of its
    -- schedule up to as_of (dp_as_of_clock) less those before it was created.
    with clocked as (
        select
            progressed.*,
            (epoch(cast(as_of as timestamptz)) - epoch(progressed.created_at)) / 60.0 as elapsed_calendar_minutes,
            coalesce(as_of_clock.as_of_open_minutes - progressed.created_open_minutes, 0) as elapsed_business_minutes
        from dp_ticket_progress(
            as_of, hours, by1, by2,
            f_segment, f_plan, f_channel, f_priority, f_category, f_group, f_tier, f_org, f_assignee, f_source, f_tag
        ) as progressed
        left join dp_as_of_clock(as_of) as as_of_clock using (schedule_key)
    ),

    judged as (
        select
            *,
            -- SLA targets are business minutes of the ticket's policy schedule, whatever `hours`
            -- says. Null without a target.
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
            -- ticket's schedule. Null while the outcome is still open at as_of.
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
        from clocked
    ),

    final as (
        select
            *,
            -- Either target breached so far (a ticket breaching both is one breached ticket).
            coalesce(is_frt_breached, false) or coalesce(is_resolution_breached, false) as is_sla_breached,
            is_frt_breached is not null or is_resolution_breached is not null as has_sla_target,
            -- Credits are owed per breach: a ticket breaching both targets owes two.
            sla_credit_share * monthly_contract_amount
                * (coalesce(is_frt_breached, false)::integer + coalesce(is_resolution_breached, false)::integer)
                as sla_credit_amount,
            -- Still maturing: met so far, but its event has not happened yet, so a later as_of
            -- can still find the target breached.
            not is_answered and is_frt_breached = false as is_frt_undecided,
            not is_solved and is_resolution_breached = false as is_resolution_undecided,
            not is_sla_breached
                and ((not is_answered and is_frt_breached is not null) or (not is_solved and is_resolution_breached is not null))
                as is_sla_undecided
        from judged
    )

    select * from final;
