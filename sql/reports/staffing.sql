-- report:   agents needed for forecast ticket arrivals, per channel and week, and per hour of
--           the week for the live channels (docs/forecasting.md, "Agents needed")
-- grain:    one row per (channel, week) of $forecasts (kind 'week'); one row per (live
--           channel, hour of the week) of $hours_week (kind 'hour')
-- params:   $forecasts (JSON: [{"channel", "week_start", "tickets"}], the forecast to staff),
--           $hours_week (the week_start whose hours are listed), $from, $to (local dates in
--           $tz: the trailing weeks the hour-of-week mix and the handle time are read from),
--           $as_of, $f_* filters, $service_level (0..1), $answer_seconds, $shrinkage (0..1),
--           $occupancy (0..1, the cap for deferred channels), $paid_hours (per FTE and week),
--           $handle_minutes (JSON {"channel": minutes}: handle times the reader entered)
-- model:    live channels (chat, phone, video) are staffed hour by hour with Erlang C
--           (macros/erlang.sql) for the service level, in the hours their schedule is open;
--           the others (email, web forms, in-app, social, ...), and live contacts arriving
--           while closed, by workload: tickets x handle time / occupancy. Either way
--           FTE = staffed hours / (paid hours x (1 - shrinkage)).
--           Handle time: what the reader entered for the channel; else the mean
--           handle_time_min of its tickets solved in the trailing weeks, where the import has
--           it; else the domain documents' estimate for
--           the channel (../domain/001: chat 8-15, phone 15-25, video 30-60, in-app 5-10
--           minutes: the midpoint), labelled so; else none, and the channel's FTE is null.
with recursive forecasts as (
    select f.channel, cast(f.week_start as date) as week_start, f.tickets
    from unnest(from_json($forecasts, '[{"channel": "VARCHAR", "week_start": "VARCHAR", "tickets": "DOUBLE"}]')) as u(f)
),

recent as (
    select
        channel,
        dp_local(created_at, $tz) as created_local,
        solved_at,
        handle_minutes,
        schedule_key
    from dp_scope_tickets(
        $as_of, null, null,
        $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
    )
    where not is_outbound
        and dp_local_in_range(created_at, $tz, $from, $to)
),

-- The share of a channel's week that arrives in each hour of it (0 = Monday 00:00 local).
hour_mix as (
    select
        channel,
        (isodow(created_local) - 1) * 24 + hour(created_local) as hour_of_week,
        count(*) / sum(count(*)) over (partition by channel) as share
    from recent
    group by 1, 2
),

estimates(channel, handle_minutes) as (
    values ('chat', 11.5), ('phone', 20.0), ('video', 45.0), ('in_app', 7.5)
),

entered as (
    select unnest(map_keys(m)) as channel, unnest(map_values(m)) as minutes
    from (select from_json($handle_minutes, '"MAP(VARCHAR, DOUBLE)"') as m)
),

handle as (
    select
        f.channel,
        coalesce(entered.minutes, imported.minutes, estimates.handle_minutes) as handle_minutes,
        case
            when entered.minutes is not null then 'entered'
            when imported.minutes is not null then 'imported'
            when estimates.handle_minutes is not null then 'estimate'
        end as handle_source
    from (select distinct channel from forecasts) f
    left join entered on entered.channel = f.channel
    left join (
        select channel, avg(handle_minutes) as minutes
        from recent
        where handle_minutes is not null and solved_at <= cast($as_of as timestamptz)
        group by channel
    ) imported on imported.channel is not distinct from f.channel
    left join estimates on estimates.channel = f.channel
),

-- A live channel is staffed in the hours its schedule is open (the schedule most of its
-- recent tickets carry; every hour without one): an hour of the week counts as open when
-- its middle fell in an open interval in most of the trailing weeks. Contacts arriving while
-- it is closed wait for the opening and are worked like deferred ones.
channel_schedules as (
    select channel, mode(schedule_key) as schedule_key
    from recent
    where channel in ('chat', 'phone', 'video')
    group by channel
),

window_hours as (
    select local_hour, timezone($tz, local_hour + interval 30 minute) as middle_at
    from (
        select unnest(generate_series(
            cast(cast($from as date) as timestamp),
            cast(cast($to as date) as timestamp) - interval 1 hour,
            interval 1 hour
        )) as local_hour
    )
),

open_hours as (
    select
        s.channel,
        (isodow(w.local_hour) - 1) * 24 + hour(w.local_hour) as hour_of_week,
        avg(case when s.schedule_key is null or c.schedule_key is not null then 1.0 else 0.0 end) >= 0.5 as is_open
    from channel_schedules s
    cross join window_hours w
    left join business_calendar c
        on c.schedule_key = s.schedule_key and c.opens_at <= w.middle_at and c.closes_at > w.middle_at
    group by 1, 2
),

live_hours as (
    select
        f.channel,
        f.week_start,
        m.hour_of_week,
        coalesce(o.is_open, true) as is_open,
        f.tickets * m.share as arrivals,
        f.tickets * m.share * h.handle_minutes / 60 as traffic,
        h.handle_minutes
    from forecasts f
    join handle h on h.channel = f.channel
    join hour_mix m on m.channel = f.channel
    left join open_hours o on o.channel = f.channel and o.hour_of_week = m.hour_of_week
    where f.channel in ('chat', 'phone', 'video') and h.handle_minutes is not null
),

live_agents as (
    select
        *,
        case when is_open then dp_erlang_agents(traffic, $answer_seconds, handle_minutes * 60, $service_level) else 0 end as agents,
        case when is_open then 0 else traffic / $occupancy end as deferred_hours
    from live_hours
),

weeks as (
    select
        f.channel,
        f.week_start,
        f.tickets,
        h.handle_minutes,
        h.handle_source,
        case when f.channel in ('chat', 'phone', 'video') then 'erlang_c' else 'workload' end as model,
        case
            when h.handle_minutes is null then null
            when f.channel in ('chat', 'phone', 'video') then coalesce(l.agent_hours, 0) + coalesce(l.deferred_hours, 0)
            else f.tickets * h.handle_minutes / 60 / $occupancy
        end as staffed_hours,
        l.peak_agents
    from forecasts f
    join handle h on h.channel is not distinct from f.channel
    left join (
        select channel, week_start, sum(agents) as agent_hours, sum(deferred_hours) as deferred_hours, max(agents) as peak_agents
        from live_agents
        group by all
    ) l on l.channel = f.channel and l.week_start = f.week_start
)

select
    'week' as kind, channel, week_start, null::integer as hour_of_week,
    tickets, handle_minutes, handle_source, model,
    staffed_hours, staffed_hours / ($paid_hours * (1 - $shrinkage)) as fte,
    peak_agents::integer as agents
from weeks

union all

select
    'hour', channel, week_start, hour_of_week::integer,
    arrivals, handle_minutes, null, case when is_open then 'erlang_c' else 'workload' end,
    agents + deferred_hours, null, agents::integer
from live_agents
where week_start = cast($hours_week as date)

order by kind desc, channel, week_start, hour_of_week
