-- Every ticket of a report (dp_scope_tickets: its filters, `dim1`, `dim2`) with how far it
-- had got by `as_of`: which of its events have happened, its durations in the `hours`
-- flavour (business | calendar), and its resolution, reopen, one-touch, rating and backlog
-- facts. Events after `as_of` have not happened yet: a reply at 10:05 is no reply in a
-- report as of 10:00. The ticket metric files and the drill-through (reports/tickets.sql)
-- read their tickets from here or from dp_ticket_outcomes (which adds the SLA judgements),
-- so a metric's value and the tickets listed behind it follow one rule. Columns a query
-- does not read cost nothing: DuckDB drops them.
create or replace macro dp_ticket_progress(
    as_of, hours, by1, by2,
    f_segment, f_plan, f_channel, f_priority, f_category, f_group, f_tier, f_org, f_assignee, f_source, f_tag
) as table
    -- True or false, never null. Written as `x is not null and x <= as_of` rather than
    -- `coalesce(x <= as_of, false)`: DuckDB pushes the former into the table scan as plain
    -- filters, which matters when a metric keeps only the solved tickets.
    with happened as (
        select
            *,
            ack_at is not null and ack_at <= cast(as_of as timestamptz) as is_acked,
            -- A vendor export may carry the first-reply duration without its time.
            coalesce(first_response_at <= cast(as_of as timestamptz), has_vendor_frt_only) as is_answered,
            solved_at is not null and solved_at <= cast(as_of as timestamptz) as is_solved,
            coalesce(not is_open, false)
                and final_solved_at is not null
                and final_solved_at <= cast(as_of as timestamptz)
                as is_final_solved
        from dp_scope_tickets(
            as_of, by1, by2,
            f_segment, f_plan, f_channel, f_priority, f_category, f_group, f_tier, f_org, f_assignee, f_source, f_tag
        )
    ),

    -- Durations in the asked flavour, null until their event has happened. Requester wait is
    -- the vendor's figure of a final solve (sql/metrics/tickets_by_final_solved.sql).
    final as (
        select
            *,
            case when is_acked then case when hours = 'business' then ack_business_minutes else ack_calendar_minutes end end
                as ack_minutes,
            case when is_answered then case when hours = 'business' then frt_business_minutes else frt_calendar_minutes end end
                as frt_minutes,
            case when is_solved then case when hours = 'business' then resolution_business_minutes else resolution_calendar_minutes end end
                as resolution_minutes,
            case when is_final_solved
                then case when hours = 'business' then full_resolution_business_minutes else full_resolution_calendar_minutes end
            end as full_resolution_minutes,
            case when hours = 'business' then requester_wait_business_minutes else requester_wait_calendar_minutes end
                as requester_wait_minutes,
            -- Null when the reply count is unknown: left out of one-touch, not failing it.
            agent_reply_count = 1 as is_one_touch,
            -- A rating counts when given; one without a time when the ticket was solved.
            coalesce(csat_at, solved_at) as rated_at,
            -- In the backlog from creation until solved; a reopened ticket until its final
            -- solve (without status history the moment of reopening is unknown, so the time
            -- between its first solve and the reopening counts as open); an open one has not left.
            case
                when is_open then null
                when is_reopened then final_solved_at
                else coalesce(solved_at, closed_at, created_at)
            end as left_backlog_at
        from happened
    )

    select * from final;
