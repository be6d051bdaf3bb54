-- metrics:  support_cost, cost_per_ticket, active_customers, cost_per_customer, tickets_per_customer,
--           agent_fte, customers_per_agent, tickets_per_agent, self_service_savings,
--           cost_per_contact_email, cost_per_contact_chat, cost_per_contact_phone,
--           cost_per_contact_video, cost_per_contact_in_app, cost_per_contact_kb,
--           cost_per_contact_bot, cost_per_contact_community
-- grain:    one row per period x dim1 x dim2 that has costs, inbound tickets (created or
--           solved) or self-service sessions
-- attribution: costs by the local dates they cover (prorated by day); tickets_solved by the
--           first solve, tickets_created and ticket contacts by created_at, sessions by
--           started_at, all in the reporting zone $tz
-- params:   $grain, $tz, $from, $to (local dates; to exclusive), $as_of, $by1, $by2, $f_* filters,
--           $avoided_ticket_rate (0..1, or null for the observed share)
--           $metrics (the metric ids to return, comma-separated; null: all)
-- Only the `source` dimension applies: costs carry no segment, plan or org, so
-- src/lib/server/metrics/families.ts never runs this file grouped or filtered by anything
-- else (the ticket filters are still passed to dp_scope_tickets, where they are unset).
--
-- Definitions and decisions (docs/metrics.md, "Cost and unit economics"):
-- - Proration. A cost row covers the local dates period_start_on..period_end_on, both
--   inclusive, and is spread evenly over them (fct_costs.amount_per_day). Each cost day
--   belongs to the report period holding that local date, so a month spanning two ISO weeks
--   is split by its days, and $from/$to cut costs at the same local dates as tickets. Cost
--   dates are read as dates in the reporting zone $tz: a cost row has no zone of its own.
--   Days that have not begun at $as_of are left out, so the current period's cost is its
--   cost so far, matching its tickets so far (a day that has begun counts in full). A row
--   whose period_end_on precedes its period_start_on covers no day and counts nowhere.
-- - support_cost: every cost row (all types, with or without a channel) in the period.
--   Null, not 0, for a period without any cost day: no imported cost is an unknown cost.
--   Amounts are summed as imported: currencies are not converted (one currency per source
--   is assumed). Overlapping rows of the same type both count.
-- - agent_fte: a level, not an amount. Per local day, the sum of agent_fte over `agents`
--   rows covering the day (rows without an FTE add nothing; FTE on other cost types is
--   ignored); the period's value is the average over the days of the period that have an
--   FTE, so a month of 10 FTE gives 10 for each of its weeks, and a week half in a 10 FTE
--   month and half in a 12 FTE month gets the day-weighted mean. Days without FTE data are
--   unknown, not 0 FTE. Null when no day of the period has an FTE.
-- - tickets_solved (cost_per_ticket, tickets_per_agent): inbound tickets whose first solve
--   (solved_at) falls in the period, solved by $as_of (as metrics/tickets_by_solved);
--   tickets_created: inbound tickets created in the period (as metrics/tickets_by_created).
-- - active_customers: distinct (source, org_id) with an inbound ticket created or a
--   self-service session started in the period. metrics.md also allows seats or the org
--   file's customer count; activity is used so the count follows the period. Tickets and
--   sessions without an org are in no customer (but their tickets are in tickets_created).
-- - cost_per_customer = support_cost / active_customers; tickets_per_customer =
--   tickets_created / active_customers; customers_per_agent = active_customers / agent_fte;
--   tickets_per_agent = tickets_solved / agent_fte. Null when the denominator is null or 0.
--   For the per-agent ratios `__n` is the numerator's count (the FTE is a level, not a count
--   of items a sample could be small in).
-- - cost_per_contact_<channel>: the channel's cost (rows naming that channel, every cost
--   type, prorated) / contacts on the channel in the period. Contacts are inbound tickets
--   created on the channel (email, chat, phone, video, in_app) or self-service sessions of
--   the kind (kb, bot, community; a search session counts as kb, here and in the savings,
--   so the per-contact cost applied to a search is one that counted it). Costs without a
--   channel are not allocated to channels. A period with no cost row for the channel gets
--   the domain default (builtin_contact_costs, midpoint of the range) with `__estimated`
--   true, when it has a contact on the channel; null otherwise. A period with a channel
--   cost but no contacts is null.
-- - self_service_savings: each deflected session started on local day D is worth
--   avoided_ticket_rate x (cost per ticket - cost per contact of its kind), all three over the
--   trailing 12 weeks, the 84 local days D-83..D that have begun at $as_of: the window's
--   cost from its first day with a solve / its inbound tickets first solved;
--   $avoided_ticket_rate when set, else the share of the window's decided sessions (not
--   pending) followed by a ticket; the kind's cost rows
--   over the window / its sessions, else the domain default (`__estimated`). A period sums
--   its sessions, so days add up to weeks and months. A session whose window has no cost or
--   no solve is not valued (`__n` counts the valued ones); null when the period has no
--   session, or none of its deflected sessions could be valued; 0 when none was deflected.
--   `__avoided_ticket_rate` and `__trailing_cost_per_ticket` are the figures used, averaged
--   over the valued sessions: the assumption the pages state beside the number.
-- - A period only partly covered by cost rows (costs imported up to a date inside it)
--   divides the covered days' cost by the whole period's tickets: import costs for every
--   day a report covers.
-- `not materialized`: scoped and created are each read by two aggregations below, and scanning
-- the tickets twice costs less than writing a million rows aside and reading them back.
with scoped as not materialized (
    select *
    from dp_scope_tickets(
        $as_of, $by1, $by2,
        $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
    )
    where not is_outbound
),

contact_channels as (
    select * from builtin_contact_costs
),

-- One row per cost row and local date it covers.
cost_days as (
    select
        source,
        cost_type,
        channel,
        amount_per_day,
        agent_fte,
        cast(unnest(generate_series(
            cast(period_start_on as timestamp),
            cast(period_end_on as timestamp),
            interval 1 day
        )) as date) as cost_on
    from fct_costs
    where dp_match($f_source, source)
),

costs_in_range as (
    select
        dp_period_start(cast(cost_on as timestamp), $grain) as period_start,
        dp_dim($by1, null, null, null, null, null, null, null, null, null, source) as dim1,
        dp_dim($by2, null, null, null, null, null, null, null, null, null, source) as dim2,
        *
    from cost_days
    where ($from is null or cost_on >= cast($from as date))
        and ($to is null or cost_on < cast($to as date))
        and cast(cost_on as timestamp) < timezone($tz, cast($as_of as timestamptz))
),

cost_totals as (
    select
        period_start,
        dim1,
        dim2,
        dp_sum(amount_per_day) as support_cost
    from costs_in_range
    group by all
),

-- The FTE level of each day (all agents rows covering it), then its mean over the days
-- that have one.
fte_days as (
    select
        period_start,
        dim1,
        dim2,
        cost_on,
        dp_sum(agent_fte) as day_fte
    from costs_in_range
    where cost_type = 'agents'
        and agent_fte is not null
    group by all
),

fte as (
    select
        period_start,
        dim1,
        dim2,
        dp_mean(day_fte) as agent_fte
    from fte_days
    group by all
),

channel_costs as (
    select
        period_start,
        dim1,
        dim2,
        channel,
        dp_sum(amount_per_day) as channel_cost
    from costs_in_range
    where channel in (select channel from contact_channels)
    group by all
),

created as not materialized (
    select
        dp_period_start(dp_local(created_at, $tz), $grain) as period_start,
        dim1,
        dim2,
        source,
        org_id,
        channel
    from scoped
    where dp_local_in_range(created_at, $tz, $from, $to)
),

history_solved as (
    select
        dim1,
        dim2,
        cast(dp_local(solved_at, $tz) as date) as day,
        count(*) as tickets_solved
    from scoped
    -- The history the savings' trailing windows read (see below): 83 days before $from onward
    -- (open when $from is).
    where solved_at <= cast($as_of as timestamptz)
        and dp_local_in_range(solved_at, $tz, cast($from as date) - 83, $to)
    group by all
),

-- The range's solves, from the per-day solves the savings' history counts (one scan of the
-- tickets for both).
solved as (
    select
        dp_period_start(cast(day as timestamp), $grain) as period_start,
        dim1,
        dim2,
        sum(tickets_solved) as tickets_solved
    from history_solved
    where $from is null or day >= cast($from as date)
    group by all
),

-- Sessions started before $as_of (later ones have not happened for this report), with
-- deflection decided by dp_scope_sessions, the one definition sessions_deflected uses too.
-- Per day and kind: the sessions, those whose fate is known at $as_of (deflected, or followed by
-- a ticket: handed off, naming one, or matched within 24 h), and the deflected ones among them.
-- The savings' trailing windows read the days from 83 before $from (see below), the report's
-- contacts and session totals the days from $from: one scan of the sessions for both.
history_sessions as (
    select
        dim1,
        dim2,
        cast(dp_local(started_at, $tz) as date) as day,
        case kind when 'search' then 'kb' else kind end as channel,
        count(*) as sessions,
        count(*) filter (where not is_deflection_pending) as sessions_decided,
        count(*) filter (where not is_deflection_pending and not is_deflected) as sessions_followed,
        count(*) filter (where is_deflected) as sessions_deflected
    from dp_scope_sessions($as_of, $by1, $by2, null, null, null, $f_source)
    where dp_local_in_range(started_at, $tz, cast($from as date) - 83, $to)
    group by all
),

-- Per cell and kind: the sessions started in the range, from the per-day counts.
session_contacts as (
    select
        dp_period_start(cast(day as timestamp), $grain) as period_start,
        dim1,
        dim2,
        channel,
        sum(sessions)::bigint as contact_count
    from history_sessions
    where $from is null or day >= cast($from as date)
    group by all
),

-- Active customers: the distinct (source, org_id) with a ticket or a session in a cell. Counting
-- distinct (cell, org) pairs hashes about one per ticket (a year of weeks by 25,000 orgs: a
-- million pairs), most of this file's time; instead each org's active periods are ORed into
-- bit masks, one row per org and 64 consecutive periods (numbered from 0001-01-01, a Monday and
-- the first day of a month and a quarter, so the number maps back to the period's start), and
-- the set bits are counted.
org_periods as (
    select dim1, dim2, source, org_id, date_diff($grain, date '0001-01-01', period_start) as period_number
    from created
    where org_id is not null
    union all
    select
        dim1,
        dim2,
        source,
        org_id,
        date_diff($grain, date '0001-01-01', dp_period_start(dp_local(started_at, $tz), $grain)) as period_number
    from dp_scope_sessions($as_of, $by1, $by2, null, null, null, $f_source)
    where org_id is not null
        and dp_local_in_range(started_at, $tz, $from, $to)
),

org_period_masks as (
    select
        dim1,
        dim2,
        period_number // 64 as mask_number,
        bit_or(cast(1 as ubigint) << cast(period_number % 64 as ubigint)) as period_mask
    from org_periods
    group by dim1, dim2, source, org_id, mask_number
),

customers as (
    select
        cast(date '0001-01-01' + period_number * cast('1 ' || $grain as interval) as date) as period_start,
        dim1,
        dim2,
        active_customers
    from (
        select
            masks.mask_number * 64 + bit.bit_number as period_number,
            masks.dim1,
            masks.dim2,
            count(*) as active_customers
        from org_period_masks as masks
        cross join range(64) as bit(bit_number)
        where (masks.period_mask >> cast(bit.bit_number as ubigint)) & cast(1 as ubigint) = 1
        group by all
    )
),

-- Per cell and channel, the inbound tickets created.
created_channels as (
    select
        period_start,
        dim1,
        dim2,
        channel,
        count(*) as ticket_count
    from created
    group by all
),

contacts as (
    select
        created_channels.period_start,
        created_channels.dim1,
        created_channels.dim2,
        created_channels.channel,
        created_channels.ticket_count as contact_count
    from created_channels
    inner join contact_channels
        on contact_channels.channel = created_channels.channel
        and contact_channels.contact_kind = 'ticket'
    union all
    select * from session_contacts
),

created_totals as (
    select
        period_start,
        dim1,
        dim2,
        sum(ticket_count)::bigint as tickets_created
    from created_channels
    group by all
),

session_totals as (
    select
        period_start,
        dim1,
        dim2,
        sum(contact_count)::bigint as session_count
    from session_contacts
    group by all
),

-- Every cell (period x dim1 x dim2) that has any data, from the per-cell totals (a union of
-- the raw rows would dedupe millions of them to find a few hundred cells).
cells as (
    select period_start, dim1, dim2 from cost_totals
    union
    select period_start, dim1, dim2 from created_totals
    union
    select period_start, dim1, dim2 from solved
    union
    select period_start, dim1, dim2 from session_totals
),

-- Dimension values may be null (no grouping), so rows are matched with `is not distinct from`.
measures as (
    select
        cells.period_start,
        cells.dim1,
        cells.dim2,
        cost_totals.support_cost,
        fte.agent_fte,
        coalesce(solved.tickets_solved, 0) as tickets_solved,
        coalesce(created_totals.tickets_created, 0) as tickets_created,
        coalesce(customers.active_customers, 0) as active_customers,
        coalesce(session_totals.session_count, 0) as session_count,
        cost_totals.support_cost / nullif(solved.tickets_solved, 0) as cost_per_ticket
    from cells
    left join cost_totals
        on cost_totals.period_start = cells.period_start
        and cost_totals.dim1 is not distinct from cells.dim1
        and cost_totals.dim2 is not distinct from cells.dim2
    left join fte
        on fte.period_start = cells.period_start
        and fte.dim1 is not distinct from cells.dim1
        and fte.dim2 is not distinct from cells.dim2
    left join solved
        on solved.period_start = cells.period_start
        and solved.dim1 is not distinct from cells.dim1
        and solved.dim2 is not distinct from cells.dim2
    left join created_totals
        on created_totals.period_start = cells.period_start
        and created_totals.dim1 is not distinct from cells.dim1
        and created_totals.dim2 is not distinct from cells.dim2
    left join customers
        on customers.period_start = cells.period_start
        and customers.dim1 is not distinct from cells.dim1
        and customers.dim2 is not distinct from cells.dim2
    left join session_totals
        on session_totals.period_start = cells.period_start
        and session_totals.dim1 is not distinct from cells.dim1
        and session_totals.dim2 is not distinct from cells.dim2
),

-- Per cell and channel: the imported cost per contact, else the domain default.
per_contact as (
    select
        cells.period_start,
        cells.dim1,
        cells.dim2,
        contact_channels.channel,
        coalesce(contacts.contact_count, 0) as contact_count,
        case
            when channel_costs.channel_cost is not null then channel_costs.channel_cost / nullif(contacts.contact_count, 0)
            when contacts.contact_count > 0 then contact_channels.per_contact_amount
        end as cost_per_contact,
        channel_costs.channel_cost is null and coalesce(contacts.contact_count, 0) > 0 as is_estimated
    from cells
    cross join contact_channels
    left join channel_costs
        on channel_costs.period_start = cells.period_start
        and channel_costs.dim1 is not distinct from cells.dim1
        and channel_costs.dim2 is not distinct from cells.dim2
        and channel_costs.channel = contact_channels.channel
    left join contacts
        on contacts.period_start = cells.period_start
        and contacts.dim1 is not distinct from cells.dim1
        and contacts.dim2 is not distinct from cells.dim2
        and contacts.channel = contact_channels.channel
),

-- Self-service savings. Each deflected session is valued on its local day D with figures of
-- the trailing 12 weeks, the 84 local days D-83..D, so a day's value does not depend on the
-- report's grain: the savings of days add up to those of weeks and months. History reaches
-- 83 days before $from (it may start before the report's range) and stops at $to and $as_of.
history_costs as (
    select
        dp_dim($by1, null, null, null, null, null, null, null, null, null, source) as dim1,
        dp_dim($by2, null, null, null, null, null, null, null, null, null, source) as dim2,
        cost_on as day,
        channel,
        amount_per_day
    from cost_days
    where dp_in_range(cast(cost_on as timestamp), cast($from as date) - 83, $to)
        and cast(cost_on as timestamp) < timezone($tz, cast($as_of as timestamptz))
),

history_cost_days as (
    select dim1, dim2, day, dp_sum(amount_per_day) as cost
    from history_costs
    group by all
),

history_session_days as (
    select
        dim1,
        dim2,
        day,
        sum(sessions_decided) as sessions_decided,
        sum(sessions_followed) as sessions_followed
    from history_sessions
    group by all
),

-- One row per cell and day with any cost, solve or session. Days without cost rows have a
-- null cost, so a window without any cost day has an unknown, not a zero, cost.
day_totals as (
    select
        coalesce(c.dim1, t.dim1, s.dim1) as dim1,
        coalesce(c.dim2, t.dim2, s.dim2) as dim2,
        coalesce(c.day, t.day, s.day) as day,
        c.cost,
        coalesce(t.tickets_solved, 0) as tickets_solved,
        coalesce(s.sessions_decided, 0) as sessions_decided,
        coalesce(s.sessions_followed, 0) as sessions_followed
    from history_cost_days as c
    full join history_solved as t
        on t.day = c.day
        and t.dim1 is not distinct from c.dim1
        and t.dim2 is not distinct from c.dim2
    full join history_session_days as s
        on s.day = coalesce(c.day, t.day)
        and s.dim1 is not distinct from coalesce(c.dim1, t.dim1)
        and s.dim2 is not distinct from coalesce(c.dim2, t.dim2)
),

-- Per day, over its window: the first day with a solve, running cost totals (for the cost
-- from that day on), the solves, and the avoided-ticket rate: $avoided_ticket_rate when the
-- reader set one, else the observed share of decided sessions followed by a ticket.
trailing_windows as (
    select
        dim1,
        dim2,
        day,
        cost,
        -- The window's cost counts from its first day with a solved ticket: costs imported for
        -- days before any ticket (a month booked whole, tickets from its 12th) bought no solve.
        min(case when tickets_solved > 0 then day end) over w as first_solve_on,
        sum(cast(cost as decimal(38, 10))) over upto as cost_through,
        count(cost) over upto as cost_days_through,
        sum(tickets_solved) over w as tickets_solved,
        coalesce(
            cast($avoided_ticket_rate as double),
            sum(sessions_followed) over w / nullif(sum(sessions_decided) over w, 0)
        ) as avoided_ticket_rate
    from day_totals
    window
        w as (partition by dim1, dim2 order by day range between interval 83 days preceding and current row),
        upto as (partition by dim1, dim2 order by day rows between unbounded preceding and current row)
),

-- The cost of first_solve_on..day, as running totals through `day` less those before
-- first_solve_on; null when no day of it has a cost row (an unknown, not a zero, cost).
trailing_days as (
    select
        t.dim1,
        t.dim2,
        t.day,
        case
            when t.cost_days_through - (coalesce(f.cost_days_through, 0) - (f.cost is not null)::integer) > 0 then
                ((coalesce(t.cost_through, 0) - (coalesce(f.cost_through, 0) - coalesce(cast(f.cost as decimal(38, 10)), 0)))
                    / nullif(t.tickets_solved, 0))::double
        end as cost_per_ticket,
        t.avoided_ticket_rate
    from trailing_windows as t
    left join trailing_windows as f
        on f.day = t.first_solve_on
        and f.dim1 is not distinct from t.dim1
        and f.dim2 is not distinct from t.dim2
),

-- Per day and self-service kind: the trailing cost per contact, from the kind's imported cost
-- rows over the window, else the domain default (estimated).
channel_days as (
    select
        coalesce(s.dim1, c.dim1) as dim1,
        coalesce(s.dim2, c.dim2) as dim2,
        coalesce(s.day, c.day) as day,
        coalesce(s.channel, c.channel) as channel,
        c.channel_cost,
        coalesce(s.sessions, 0) as sessions,
        coalesce(s.sessions_deflected, 0) as sessions_deflected
    from history_sessions as s
    full join (
        select dim1, dim2, day, channel, dp_sum(amount_per_day) as channel_cost
        from history_costs
        where channel in (select channel from contact_channels where contact_kind = 'session')
        group by all
    ) as c
        on c.day = s.day
        and c.channel = s.channel
        and c.dim1 is not distinct from s.dim1
        and c.dim2 is not distinct from s.dim2
),

channel_trailing as (
    select
        dim1,
        dim2,
        day,
        channel,
        sessions_deflected,
        sum(cast(channel_cost as decimal(38, 10))) over w as trailing_channel_cost,
        sum(sessions) over w as trailing_sessions
    from channel_days
    window w as (partition by dim1, dim2, channel order by day range between interval 83 days preceding and current row)
),

valued as (
    select
        ct.dim1,
        ct.dim2,
        ct.day,
        ct.sessions_deflected,
        t.cost_per_ticket,
        t.avoided_ticket_rate,
        ct.trailing_channel_cost is null as is_estimated,
        ct.sessions_deflected * t.avoided_ticket_rate * (
            t.cost_per_ticket - coalesce((ct.trailing_channel_cost / ct.trailing_sessions)::double, cc.per_contact_amount)
        ) as savings
    from channel_trailing as ct
    inner join contact_channels as cc
        on cc.channel = ct.channel
    inner join trailing_days as t
        on t.day = ct.day
        and t.dim1 is not distinct from ct.dim1
        and t.dim2 is not distinct from ct.dim2
    where ct.sessions_deflected > 0
        and ($from is null or ct.day >= cast($from as date))
),

-- Per cell: the savings of the sessions that could be valued (a day without a trailing cost
-- per ticket cannot), and the assumption behind them, averaged over those sessions.
savings as (
    select
        dp_period_start(cast(day as timestamp), $grain) as period_start,
        dim1,
        dim2,
        sum(sessions_deflected) as sessions_deflected,
        dp_sum(savings) as self_service_savings,
        sum(sessions_deflected) filter (where savings is not null) as sessions_valued,
        bool_or(is_estimated) filter (where savings is not null) as is_estimated,
        dp_sum(case when savings is not null then sessions_deflected * avoided_ticket_rate end)
            / sum(sessions_deflected) filter (where savings is not null) as avoided_ticket_rate,
        dp_sum(case when savings is not null then sessions_deflected * cost_per_ticket end)
            / sum(sessions_deflected) filter (where savings is not null) as trailing_cost_per_ticket
    from valued
    group by all
),

channel_pivot as (
    select
        period_start,
        dim1,
        dim2,
        max(cost_per_contact) filter (where channel = 'email') as cost_per_contact_email,
        max(contact_count) filter (where channel = 'email') as cost_per_contact_email__n,
        bool_or(is_estimated) filter (where channel = 'email') as cost_per_contact_email__estimated,
        max(cost_per_contact) filter (where channel = 'chat') as cost_per_contact_chat,
        max(contact_count) filter (where channel = 'chat') as cost_per_contact_chat__n,
        bool_or(is_estimated) filter (where channel = 'chat') as cost_per_contact_chat__estimated,
        max(cost_per_contact) filter (where channel = 'phone') as cost_per_contact_phone,
        max(contact_count) filter (where channel = 'phone') as cost_per_contact_phone__n,
        bool_or(is_estimated) filter (where channel = 'phone') as cost_per_contact_phone__estimated,
        max(cost_per_contact) filter (where channel = 'video') as cost_per_contact_video,
        max(contact_count) filter (where channel = 'video') as cost_per_contact_video__n,
        bool_or(is_estimated) filter (where channel = 'video') as cost_per_contact_video__estimated,
        max(cost_per_contact) filter (where channel = 'in_app') as cost_per_contact_in_app,
        max(contact_count) filter (where channel = 'in_app') as cost_per_contact_in_app__n,
        bool_or(is_estimated) filter (where channel = 'in_app') as cost_per_contact_in_app__estimated,
        max(cost_per_contact) filter (where channel = 'kb') as cost_per_contact_kb,
        max(contact_count) filter (where channel = 'kb') as cost_per_contact_kb__n,
        bool_or(is_estimated) filter (where channel = 'kb') as cost_per_contact_kb__estimated,
        max(cost_per_contact) filter (where channel = 'bot') as cost_per_contact_bot,
        max(contact_count) filter (where channel = 'bot') as cost_per_contact_bot__n,
        bool_or(is_estimated) filter (where channel = 'bot') as cost_per_contact_bot__estimated,
        max(cost_per_contact) filter (where channel = 'community') as cost_per_contact_community,
        max(contact_count) filter (where channel = 'community') as cost_per_contact_community__n,
        bool_or(is_estimated) filter (where channel = 'community') as cost_per_contact_community__estimated
    from per_contact
    group by all
),

final as (
    select
        dp_period_label(m.period_start, $grain) as period,
        m.period_start,
        m.dim1,
        m.dim2,
        m.support_cost::double as support_cost,
        m.cost_per_ticket::double as cost_per_ticket,
        m.active_customers::integer as active_customers,
        (m.support_cost / nullif(m.active_customers, 0))::double as cost_per_customer,
        (m.tickets_created / nullif(m.active_customers, 0))::double as tickets_per_customer,
        m.agent_fte::double as agent_fte,
        (m.active_customers / nullif(m.agent_fte, 0))::double as customers_per_agent,
        (m.tickets_solved / nullif(m.agent_fte, 0))::double as tickets_per_agent,
        -- 0 when sessions exist and none was deflected; null when none could be valued.
        case when m.session_count > 0 then
            case when coalesce(d.sessions_deflected, 0) = 0 then 0 else d.self_service_savings end
        end::double as self_service_savings,
        p.* exclude (period_start, dim1, dim2, cost_per_contact_email__n, cost_per_contact_chat__n,
            cost_per_contact_phone__n, cost_per_contact_video__n, cost_per_contact_in_app__n,
            cost_per_contact_kb__n, cost_per_contact_bot__n, cost_per_contact_community__n),
        m.tickets_solved::integer as cost_per_ticket__n,
        m.active_customers::integer as cost_per_customer__n,
        m.active_customers::integer as tickets_per_customer__n,
        m.active_customers::integer as customers_per_agent__n,
        m.tickets_solved::integer as tickets_per_agent__n,
        coalesce(d.sessions_valued, 0)::integer as self_service_savings__n,
        coalesce(d.is_estimated, false) as self_service_savings__estimated,
        d.avoided_ticket_rate::double as self_service_savings__avoided_ticket_rate,
        d.trailing_cost_per_ticket::double as self_service_savings__trailing_cost_per_ticket,
        p.cost_per_contact_email__n::integer as cost_per_contact_email__n,
        p.cost_per_contact_chat__n::integer as cost_per_contact_chat__n,
        p.cost_per_contact_phone__n::integer as cost_per_contact_phone__n,
        p.cost_per_contact_video__n::integer as cost_per_contact_video__n,
        p.cost_per_contact_in_app__n::integer as cost_per_contact_in_app__n,
        p.cost_per_contact_kb__n::integer as cost_per_contact_kb__n,
        p.cost_per_contact_bot__n::integer as cost_per_contact_bot__n,
        p.cost_per_contact_community__n::integer as cost_per_contact_community__n
    from measures as m
    left join channel_pivot as p
        on p.period_start = m.period_start
        and p.dim1 is not distinct from m.dim1
        and p.dim2 is not distinct from m.dim2
    left join savings as d
        on d.period_start = m.period_start
        and d.dim1 is not distinct from m.dim1
        and d.dim2 is not distinct from m.dim2
)

select period, period_start, dim1, dim2, columns(c -> dp_metric_wanted($metrics, c))
from final
order by period_start, dim1 nulls first, dim2 nulls first
