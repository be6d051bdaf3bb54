-- materialized: table
-- grain: one row per ticket (source, ticket_id).
-- The ticket with its org's plan and segment, the SLA targets and schedule that apply to it,
-- and every duration the speed and SLA metrics aggregate, in both flavours: calendar
-- (wall-clock) and business (minutes open in the ticket's schedule). Durations are minutes
-- as doubles, null when the event has not happened. Stored as a table rebuilt by import, so
-- a report only aggregates.
-- `$incremental` is true when an import's refresh rebuilds only the tickets it wrote (their
-- keys in refresh_tickets, src/lib/server/db/model-refresh.ts), false in a full build.
with tickets as (
    select * from stg_generic_tickets
    where not $incremental
        or (source, ticket_id) in (select source, ticket_id from refresh_tickets)
),

orgs as (
    select * from dim_orgs
),

targets as (
    select * from dim_sla_targets
),

-- The vendor's own durations, for tickets whose business hours deskpulse cannot compute
-- (their source imported no schedule) and for requester wait, which needs status history.
vendor as (
    select
        source,
        ticket_id,
        max(business_minutes) filter (where metric = 'frt') as frt_business_minutes,
        max(business_minutes) filter (where metric = 'resolution') as resolution_business_minutes,
        max(business_minutes) filter (where metric = 'full_resolution') as full_resolution_business_minutes,
        max(calendar_minutes) filter (where metric = 'requester_wait') as requester_wait_calendar_minutes,
        max(business_minutes) filter (where metric = 'requester_wait') as requester_wait_business_minutes
    from stg_vendor_metrics
    where not $incremental
        or (source, ticket_id) in (select source, ticket_id from refresh_tickets)
    group by all
),

schedules as (
    select distinct schedule_key, source, schedule_id
    from dim_schedules
),

-- CSAT answers are read on one numeric scale per source: the one declared for it
-- (source_csat_scales: --csat-scale, or its first import's answers); a source imported before
-- scales were declared is read as before, 0-10 when it ever answers 0 or above 5, else 1-5.
-- good/bad answers carry their own scale.
declared_scales as (
    select
        source,
        scale as numeric_scale
    from source_csat_scales
),

csat_scales as (
    select * from declared_scales
    union all
    select
        source,
        case
            when max(try_cast(csat_answer as integer)) > 5 or min(try_cast(csat_answer as integer)) = 0
                then '0-10'
            else '1-5'
        end as numeric_scale
    from stg_generic_tickets
    where try_cast(csat_answer as integer) is not null
        and source not in (select source from declared_scales)
    group by all
),

-- The schedule a ticket without a matching policy is measured in: the source's schedule
-- named "default", else its only schedule, else the built-in business hours.
default_schedules as (
    select
        source,
        coalesce(
            max(schedule_key) filter (where schedule_id = 'default'),
            case when count(*) = 1 then max(schedule_key) end
        ) as schedule_key
    from schedules
    where source is not null
    group by all
),

-- The org of a ticket, found the ways exports name one, best first: its org id in the same
-- source; its org id in another source (a CRM export keyed by the help desk's ids); the
-- org's name (Zendesk's CSV names the organization); the requester's email domain.
org_matches as (
    select
        tickets.source,
        tickets.ticket_id,
        orgs.source as org_source,
        orgs.org_id as matched_org_id,
        case when orgs.source = tickets.source then 0 else 1 end as match_rank
    from tickets
    inner join orgs
        on orgs.org_id = tickets.org_id
    union all
    select
        tickets.source,
        tickets.ticket_id,
        orgs.source,
        orgs.org_id,
        case when orgs.source = tickets.source then 2 else 3 end
    from tickets
    inner join orgs
        on lower(orgs.org_name) = lower(tickets.org_id)
    union all
    select
        tickets.source,
        tickets.ticket_id,
        orgs.source,
        orgs.org_id,
        case when orgs.source = tickets.source then 4 else 5 end
    from tickets
    inner join orgs
        on orgs.domain = lower(split_part(tickets.requester_id, '@', 2))
    where tickets.requester_id like '%@%'
),

ticket_orgs as (
    select *
    from org_matches
    qualify row_number() over (partition by source, ticket_id order by match_rank, org_source, matched_org_id) = 1
),

joined as (
    select
        tickets.* replace (coalesce(ticket_orgs.matched_org_id, tickets.org_id) as org_id),
        orgs.org_name,
        orgs.plan,
        orgs.segment,
        orgs.monthly_contract_amount,
        case
            when tickets.csat_answer in ('good', 'bad') then 'good_bad'
            when tickets.csat_answer is not null then csat_scales.numeric_scale
        end as csat_scale,
        -- An acknowledgement of any kind: a human first response acknowledges too.
        least(tickets.first_ack_at, tickets.first_response_at) as ack_at
    from tickets
    left join ticket_orgs
        on ticket_orgs.source = tickets.source
        and ticket_orgs.ticket_id = tickets.ticket_id
    left join orgs
        on orgs.source = ticket_orgs.org_source
        and orgs.org_id = ticket_orgs.matched_org_id
    left join csat_scales
        on csat_scales.source = tickets.source
),

-- Every target row matching the ticket's plan and priority; the strictest target wins, and
-- the schedule comes from the most specific row that names one.
ticket_targets as (
    select
        joined.source,
        joined.ticket_id,
        min(targets.frt_target_minutes) as frt_target_minutes,
        min(targets.resolution_target_minutes) as resolution_target_minutes,
        arg_max(
            targets.schedule_id,
            (targets.plan is not null)::integer * 2 + (targets.priority is not null)::integer
        ) filter (where targets.schedule_id is not null) as policy_schedule_id,
        bool_or(targets.is_builtin) as is_builtin_target
    from joined
    inner join targets
        on targets.source = joined.source
        and (targets.plan is null or targets.plan = joined.plan)
        and (targets.priority is null or targets.priority = joined.priority)
    group by all
),

with_schedule as (
    select
        joined.*,
        ticket_targets.frt_target_minutes,
        ticket_targets.resolution_target_minutes,
        coalesce(ticket_targets.is_builtin_target, false) as is_builtin_target,
        coalesce(
            own_schedule.schedule_key,
            builtin_schedule.schedule_key,
            default_schedules.schedule_key,
            'builtin:business'
        ) as schedule_key
    from joined
    left join ticket_targets
        on ticket_targets.source = joined.source
        and ticket_targets.ticket_id = joined.ticket_id
    left join schedules as own_schedule
        on own_schedule.source = joined.source
        and own_schedule.schedule_id = ticket_targets.policy_schedule_id
    left join schedules as builtin_schedule
        on builtin_schedule.source is null
        and builtin_schedule.schedule_id = ticket_targets.policy_schedule_id
    left join default_schedules
        on default_schedules.source = joined.source
),

instants as (
    select source, ticket_id, schedule_key, 'created' as event, created_at as event_at from with_schedule
    union all
    select source, ticket_id, schedule_key, 'ack', ack_at from with_schedule where ack_at is not null
    union all
    select source, ticket_id, schedule_key, 'response', first_response_at from with_schedule where first_response_at is not null
    union all
    select source, ticket_id, schedule_key, 'solved', solved_at from with_schedule where solved_at is not null
    union all
    select source, ticket_id, schedule_key, 'final_solved', final_solved_at from with_schedule where final_solved_at is not null
),

-- Open minutes of the ticket's schedule from the calendar's start to each instant.
cumulated as (
    select
        instants.source,
        instants.ticket_id,
        instants.event,
        coalesce(
            calendar.open_minutes_before
                + least(calendar.open_minutes, (epoch(instants.event_at) - epoch(calendar.opens_at)) / 60.0),
            0
        ) as open_minutes_to
    from instants
    asof left join business_calendar as calendar
        on calendar.schedule_key = instants.schedule_key
        and instants.event_at >= calendar.opens_at
),

business_clock as (
    select
        source,
        ticket_id,
        max(open_minutes_to) filter (where event = 'created') as created_open_minutes,
        max(open_minutes_to) filter (where event = 'ack') as ack_open_minutes,
        max(open_minutes_to) filter (where event = 'response') as response_open_minutes,
        max(open_minutes_to) filter (where event = 'solved') as solved_open_minutes,
        max(open_minutes_to) filter (where event = 'final_solved') as final_solved_open_minutes
    from cumulated
    group by all
),

final as (
    select
        t.source,
        t.ticket_id,
        t.created_at,
        t.status,
        t.status in ('new', 'open', 'pending', 'on_hold') as is_open,
        t.channel,
        t.priority,
        t.priority in ('P0', 'P1') as is_incident,
        t.subject,
        t.category,
        t.tags,
        t.requester_id,
        t.org_id,
        t.org_name,
        t.plan,
        t.segment,
        t.monthly_contract_amount,
        case t.plan when 'premium' then 0.05 when 'enterprise' then 0.10 end as sla_credit_share,
        t.group_name,
        t.tier,
        t.tier in ('T2', 'T3') as reached_t2,
        t.tier = 'T3' as reached_t3,
        t.assignee_id,
        t.is_outbound,
        t.first_ack_at,
        t.ack_at,
        t.first_response_at,
        t.solved_at,
        t.final_solved_at,
        t.closed_at,
        t.reopen_count,
        -- The catalog's definition (reopens >= 1) where the export counts reopens: a first and a
        -- final solve that differ only by the vendor's rounding are no reopen. Without a count,
        -- a final solve after the first is one.
        case
            when t.has_reopen_count then t.reopen_count >= 1
            else coalesce(t.final_solved_at > t.solved_at, false)
        end as is_reopened,
        t.agent_reply_count,
        t.csat_answer,
        t.csat_scale,
        case
            when t.csat_scale = 'good_bad' then t.csat_answer = 'good'
            when t.csat_scale = '1-5' then try_cast(t.csat_answer as integer) >= 4
            when t.csat_scale = '0-10' then try_cast(t.csat_answer as integer) >= 9
        end as is_csat_satisfied,
        t.csat_at,
        t.handle_minutes,
        t.schedule_key,
        schedule_days.business_day_minutes,
        t.frt_target_minutes,
        t.resolution_target_minutes,
        t.is_builtin_target,
        (epoch(t.ack_at) - epoch(t.created_at)) / 60.0 as ack_calendar_minutes,
        (epoch(t.first_response_at) - epoch(t.created_at)) / 60.0 as frt_calendar_minutes,
        (epoch(t.solved_at) - epoch(t.created_at)) / 60.0 as resolution_calendar_minutes,
        (epoch(t.final_solved_at) - epoch(t.created_at)) / 60.0 as full_resolution_calendar_minutes,
        clock.created_open_minutes,
        -- Whose clock the business durations come from: the schedule deskpulse measured in,
        -- or, where the source imported no schedule and its export carries business
        -- durations, the vendor's (labelled as such in reports).
        case
            when t.schedule_key like 'builtin:%'
                and coalesce(vendor.frt_business_minutes, vendor.resolution_business_minutes, vendor.full_resolution_business_minutes) is not null
                then 'vendor'
            else 'schedule'
        end as business_clock,
        -- A difference of two large running totals carries float residue (65.46666666665988
        -- for 65 min 28 s); a millionth of a minute is far below anything measured.
        round(clock.ack_open_minutes - clock.created_open_minutes, 6) as ack_business_minutes,
        coalesce(
            case when business_clock = 'vendor' then vendor.frt_business_minutes end,
            round(clock.response_open_minutes - clock.created_open_minutes, 6)
        ) as frt_business_minutes,
        coalesce(
            case when business_clock = 'vendor' then vendor.resolution_business_minutes end,
            round(clock.solved_open_minutes - clock.created_open_minutes, 6)
        ) as resolution_business_minutes,
        coalesce(
            case when business_clock = 'vendor' then vendor.full_resolution_business_minutes end,
            round(clock.final_solved_open_minutes - clock.created_open_minutes, 6)
        ) as full_resolution_business_minutes,
        -- Answered, with only the vendor's business-hours first reply time to say so (Zendesk's
        -- CSV can carry "First reply time in minutes within business hours" alone): the reply's
        -- instant, and so its calendar duration, is unknown.
        t.first_response_at is null
            and business_clock = 'vendor'
            and vendor.frt_business_minutes is not null as has_vendor_frt_only,
        vendor.requester_wait_calendar_minutes,
        vendor.requester_wait_business_minutes
    from with_schedule as t
    left join business_clock as clock
        on clock.source = t.source
        and clock.ticket_id = t.ticket_id
    left join vendor
        on vendor.source = t.source
        and vendor.ticket_id = t.ticket_id
    left join dim_schedule_days as schedule_days
        on schedule_days.schedule_key = t.schedule_key
)

select * from final
