-- One row per ticket (grain: source, ticket_id), with its org's plan and segment and the
-- calendar durations every speed metric aggregates. Durations are minutes as doubles and
-- null when the event has not happened (or is recorded before creation, which import
-- rejects). Business-hour durations join the business calendar (issue #3).
with tickets as (
    select * from stg_generic_tickets
),

orgs as (
    select * from dim_orgs
),

-- CSAT answers are read on one numeric scale per source: a source that ever answers 0 or
-- above 5 answers on 0-10, otherwise on 1-5. good/bad answers carry their own scale.
csat_scales as (
    select
        source,
        case
            when max(try_cast(csat_answer as integer)) > 5 or min(try_cast(csat_answer as integer)) = 0
                then '0-10'
            else '1-5'
        end as numeric_scale
    from tickets
    where try_cast(csat_answer as integer) is not null
    group by all
),

joined as (
    select
        tickets.*,
        orgs.org_name,
        orgs.plan,
        orgs.segment,
        orgs.monthly_contract_amount,
        case
            when tickets.csat_answer in ('good', 'bad') then 'good_bad'
            when tickets.csat_answer is not null then csat_scales.numeric_scale
        end as csat_scale
    from tickets
    left join orgs
        on orgs.source = tickets.source
        and orgs.org_id = tickets.org_id
    left join csat_scales
        on csat_scales.source = tickets.source
),

final as (
    select
        source,
        ticket_id,
        created_at,
        status,
        status in ('new', 'open', 'pending', 'on_hold') as is_open,
        channel,
        priority,
        subject,
        category,
        tags,
        requester_id,
        org_id,
        org_name,
        plan,
        segment,
        monthly_contract_amount,
        group_name,
        tier,
        assignee_id,
        is_outbound,
        first_ack_at,
        first_response_at,
        solved_at,
        final_solved_at,
        closed_at,
        reopen_count,
        reopen_count >= 1 or final_solved_at > solved_at as is_reopened,
        agent_reply_count,
        csat_answer,
        csat_scale,
        case
            when csat_scale = 'good_bad' then csat_answer = 'good'
            when csat_scale = '1-5' then try_cast(csat_answer as integer) >= 4
            when csat_scale = '0-10' then try_cast(csat_answer as integer) >= 9
        end as is_csat_satisfied,
        csat_at,
        handle_minutes,
        (epoch(first_ack_at) - epoch(created_at)) / 60.0 as ack_calendar_minutes,
        (epoch(first_response_at) - epoch(created_at)) / 60.0 as frt_calendar_minutes,
        (epoch(solved_at) - epoch(created_at)) / 60.0 as resolution_calendar_minutes,
        (epoch(final_solved_at) - epoch(created_at)) / 60.0 as full_resolution_calendar_minutes
    from joined
)

select * from final
