-- adapter:  zendesk-api, the API's incremental ticket export (docs: shared vendor-formats 1.2)
-- reads:    _zd_tickets (one row per ticket of one page, `j` the ticket object as JSON), and
--           the companions loaded beside it (src/lib/server/ingest/adapters/zendesk-api.ts):
--           _zd_page_metrics (the page's side-loaded metric_sets), _zd_other_metrics
--           (/ticket_metrics responses), _zd_events (ticket_metric_events), _zd_ratings
--           (satisfaction_ratings), _zd_groups (groups); each may be empty.
-- writes:   generic tickets columns as text, and what Zendesk computed itself (vendor_metrics)
-- params:   none: every API time is ISO 8601 in UTC with its offset, so no zone is needed.
-- Decisions:
-- - The incremental export lists a ticket again each time it changes: within a page the last
--   occurrence wins; pages are imported in name order, so a later page replaces an earlier one.
-- - First response: the `fulfill` event of reply_time instance 1 (the first public agent
--   reply, to the second) when the events file has one, else created_at + the metric set's
--   reply_time_in_minutes.calendar (whole minutes).
-- - First solve: created_at + first_resolution_time_in_minutes.calendar; the last solve is the
--   metric set's solved_at. A ticket never reopened has one solve: solved_at itself, so the
--   minute rounding cannot put the first solve after the last.
-- - CSAT: satisfaction_rating.score good / bad; offered / unoffered (a survey sent or not, no
--   answer) is no rating. The rating time comes from satisfaction_ratings (created_at).
-- - SLA outcomes from the metric events (the only raw source of breaches): sla_frt is
--   reply_time instance 1, sla_resolution is requester_wait_time, Zendesk's nearest to a
--   resolution target (time not pending, until solved). An outcome exists only where an SLA
--   was applied (`apply_sla`): breached when a breach event that was not deleted comes before
--   the fulfilment (or, unfulfilled, before the ticket's last update); within when fulfilled
--   first; otherwise still running (no outcome).
-- - Deleted tickets (status "deleted") are not mapped to a status: the check quarantines them.
-- Each JSON object is parsed once into a struct of the fields read (from_json is lenient: a
-- field that is absent or of another shape reads as null).
with ticket_rows as (
    select
        record_no,
        line_no,
        j as ticket,
        from_json(j, '{
            "id": "VARCHAR", "created_at": "VARCHAR", "updated_at": "VARCHAR", "status": "VARCHAR",
            "priority": "VARCHAR", "type": "VARCHAR", "subject": "VARCHAR", "tags": ["VARCHAR"],
            "requester_id": "VARCHAR", "submitter_id": "VARCHAR", "organization_id": "VARCHAR",
            "group_id": "VARCHAR", "assignee_id": "VARCHAR", "brand_id": "VARCHAR",
            "ticket_form_id": "VARCHAR", "due_at": "VARCHAR", "custom_fields": "JSON",
            "via": {"channel": "VARCHAR", "source": {"rel": "VARCHAR"}},
            "satisfaction_rating": {"score": "VARCHAR"}
        }') as t
    from _zd_tickets
),

tickets as (
    select
        *,
        dp_vendor_text(t.id) as ticket_id,
        try_cast(t.created_at as timestamptz) as created_ts,
        try_cast(t.updated_at as timestamptz) as updated_ts
    from ticket_rows
    qualify row_number() over (partition by coalesce(dp_vendor_text(t.id), 'line ' || line_no) order by record_no desc) = 1
),

metric_rows as (
    select 1 as precedence, record_no, j from _zd_page_metrics
    union all
    select 2, record_no, j from _zd_other_metrics
),

-- One metric set per ticket: the side-loaded one of this page, else the latest listed.
metric_sets as (
    select
        m.ticket_id,
        m.reply_time_in_minutes.calendar as frt_calendar,
        m.reply_time_in_minutes.business as frt_business,
        m.first_resolution_time_in_minutes.calendar as resolution_calendar,
        m.first_resolution_time_in_minutes.business as resolution_business,
        m.full_resolution_time_in_minutes.calendar as full_resolution_calendar,
        m.full_resolution_time_in_minutes.business as full_resolution_business,
        m.requester_wait_time_in_minutes.calendar as requester_wait_calendar,
        m.requester_wait_time_in_minutes.business as requester_wait_business,
        m.agent_wait_time_in_minutes.calendar as agent_wait_calendar,
        m.agent_wait_time_in_minutes.business as agent_wait_business,
        m.on_hold_time_in_minutes.calendar as on_hold_calendar,
        m.on_hold_time_in_minutes.business as on_hold_business,
        dp_vendor_text(m.reopens) as reopens,
        dp_vendor_text(m.replies) as replies,
        dp_vendor_text(m.solved_at) as solved_text,
        try_cast(m.solved_at as timestamptz) as solved_ts
    from (
        select
            precedence,
            record_no,
            from_json(j, '{
                "ticket_id": "VARCHAR", "updated_at": "VARCHAR", "reopens": "VARCHAR", "replies": "VARCHAR",
                "solved_at": "VARCHAR",
                "reply_time_in_minutes": {"calendar": "DOUBLE", "business": "DOUBLE"},
                "first_resolution_time_in_minutes": {"calendar": "DOUBLE", "business": "DOUBLE"},
                "full_resolution_time_in_minutes": {"calendar": "DOUBLE", "business": "DOUBLE"},
                "requester_wait_time_in_minutes": {"calendar": "DOUBLE", "business": "DOUBLE"},
                "agent_wait_time_in_minutes": {"calendar": "DOUBLE", "business": "DOUBLE"},
                "on_hold_time_in_minutes": {"calendar": "DOUBLE", "business": "DOUBLE"}
            }') as m
        from metric_rows
    )
    where m.ticket_id in (select ticket_id from tickets)
    qualify row_number() over (partition by m.ticket_id order by precedence, m.updated_at desc nulls last, record_no desc) = 1
),

events as (
    select
        e.ticket_id,
        e.metric,
        e.instance_id,
        e.type as event_type,
        try_cast(e.time as timestamptz) as event_at,
        coalesce(e.deleted, false) as is_deleted
    from (
        select from_json(j, '{
            "ticket_id": "VARCHAR", "metric": "VARCHAR", "instance_id": "INTEGER", "type": "VARCHAR",
            "time": "VARCHAR", "deleted": "BOOLEAN"
        }') as e
        from _zd_events
    )
    where e.ticket_id in (select ticket_id from tickets)
),

first_replies as (
    select
        ticket_id,
        min(event_at) as replied_at
    from events
    where metric = 'reply_time'
        and instance_id = 1
        and event_type = 'fulfill'
    group by all
),

sla_events as (
    select
        *,
        case
            when metric = 'reply_time' and instance_id = 1 then 'sla_frt'
            when metric = 'requester_wait_time' then 'sla_resolution'
        end as sla_metric
    from events
),

sla_clocks as (
    select
        ticket_id,
        sla_metric,
        bool_or(event_type = 'apply_sla') as has_sla,
        min(event_at) filter (where event_type = 'breach' and not is_deleted) as breach_at,
        min(event_at) filter (where event_type = 'fulfill') as first_fulfilled_at,
        max(event_at) filter (where event_type = 'fulfill') as last_fulfilled_at
    from sla_events
    where sla_metric is not null
    group by all
),

sla_outcomes as (
    select
        ticket_id,
        sla_metric,
        case
            when not has_sla then null
            when breach_at < coalesce(fulfilled_at, updated_ts + interval 1 second) then 'breached'
            when fulfilled_at is not null then 'within'
        end as outcome
    from (
        select
            sla_clocks.*,
            -- The first reply fulfils reply time once; requester wait is fulfilled again after a reopen.
            case sla_clocks.sla_metric when 'sla_frt' then first_fulfilled_at else last_fulfilled_at end as fulfilled_at,
            tickets.updated_ts
        from sla_clocks
        inner join tickets using (ticket_id)
    )
),

-- The latest answered rating per ticket, for its time (and its score, should the ticket
-- object lack one).
ratings as (
    select
        r.ticket_id,
        lower(r.score) as score,
        dp_vendor_text(r.created_at) as rated_at
    from (
        select
            record_no,
            from_json(j, '{"ticket_id": "VARCHAR", "score": "VARCHAR", "created_at": "VARCHAR", "updated_at": "VARCHAR"}') as r
        from _zd_ratings
    )
    where r.ticket_id in (select ticket_id from tickets)
        and (lower(r.score) like 'good%' or lower(r.score) like 'bad%')
    qualify row_number() over (
        partition by r.ticket_id
        order by r.updated_at desc nulls last, r.created_at desc nulls last, record_no desc
    ) = 1
),

groups as (
    select
        g.id as group_id,
        dp_vendor_text(g.name) as group_name
    from (
        select record_no, from_json(j, '{"id": "VARCHAR", "name": "VARCHAR"}') as g
        from _zd_groups
    )
    qualify row_number() over (partition by g.id order by record_no desc) = 1
),

joined as (
    select
        tickets.*,
        lower(dp_vendor_text(tickets.t.via.channel)) as via_channel,
        lower(dp_vendor_text(tickets.t.via.source.rel)) as via_rel,
        lower(dp_vendor_text(tickets.t.satisfaction_rating.score)) as ticket_score,
        metric_sets.* exclude (ticket_id),
        first_replies.replied_at,
        ratings.score as rating_score,
        ratings.rated_at,
        groups.group_name,
        sla_frt.outcome as sla_frt_outcome,
        sla_resolution.outcome as sla_resolution_outcome,
        tickets.created_ts + to_microseconds(cast(round(metric_sets.frt_calendar * 60000000) as bigint)) as frt_after,
        tickets.created_ts + to_microseconds(cast(round(metric_sets.resolution_calendar * 60000000) as bigint)) as resolution_after
    from tickets
    left join metric_sets using (ticket_id)
    left join first_replies using (ticket_id)
    left join ratings using (ticket_id)
    left join groups
        on groups.group_id = tickets.t.group_id
    left join sla_outcomes as sla_frt
        on sla_frt.ticket_id = tickets.ticket_id
        and sla_frt.sla_metric = 'sla_frt'
    left join sla_outcomes as sla_resolution
        on sla_resolution.ticket_id = tickets.ticket_id
        and sla_resolution.sla_metric = 'sla_resolution'
),

final as (
    select
        record_no,
        line_no,
        ticket_id,
        dp_vendor_text(t.created_at) as created_at,
        dp_vendor_text(t.status) as status,
        via_channel as vendor_channel,
        case via_channel
            when 'email' then 'email'
            when 'web' then 'web'
            when 'web_form' then 'web'
            when 'web_widget' then 'web'
            when 'help_center' then 'web'
            when 'forum' then 'web'
            when 'mobile' then 'in_app'
            when 'mobile_sdk' then 'in_app'
            when 'chat' then 'chat'
            when 'native_messaging' then 'chat'
            when 'messaging' then 'chat'
            when 'sms' then 'chat'
            when 'whatsapp' then 'chat'
            when 'line' then 'chat'
            when 'wechat' then 'chat'
            when 'voice' then 'phone'
            when 'twitter' then 'social'
            when 'facebook' then 'social'
            when 'instagram_dm' then 'social'
            when 'api' then 'api'
            when 'closed_ticket' then 'followup'
            else via_channel
        end as channel,
        dp_vendor_text(t.priority) as priority,
        dp_vendor_text(t.subject) as subject,
        dp_vendor_text(t.type) as category,
        nullif(array_to_string(t.tags, ';'), '') as tags,
        dp_vendor_text(t.requester_id) as requester_id,
        dp_vendor_text(t.organization_id) as org_id,
        coalesce(group_name, dp_vendor_text(t.group_id)) as "group",
        dp_vendor_text(t.assignee_id) as assignee_id,
        -- An outbound call is the only Zendesk channel an agent starts.
        coalesce(via_channel = 'voice' and via_rel = 'outbound', false) as outbound,
        strftime(coalesce(replied_at, frt_after), '%Y-%m-%dT%H:%M:%S.%fZ') as first_response_at,
        strftime(
            case
                when solved_ts is null then resolution_after
                when coalesce(try_cast(reopens as integer), 0) = 0 or resolution_after is null then solved_ts
                else least(resolution_after, solved_ts)
            end,
            '%Y-%m-%dT%H:%M:%S.%fZ'
        ) as solved_at,
        solved_text as final_solved_at,
        reopens,
        replies as agent_replies,
        coalesce(ticket_score, rating_score) as vendor_satisfaction,
        case
            when coalesce(ticket_score, rating_score) like 'good%' then 'good'
            when coalesce(ticket_score, rating_score) like 'bad%' then 'bad'
        end as csat_score,
        case when coalesce(ticket_score, rating_score) like 'good%' or coalesce(ticket_score, rating_score) like 'bad%' then rated_at end as csat_at,
        [
            {'metric': 'frt', 'calendar_minutes': frt_calendar, 'business_minutes': frt_business, 'outcome': null},
            {'metric': 'resolution', 'calendar_minutes': resolution_calendar, 'business_minutes': resolution_business, 'outcome': null},
            {'metric': 'full_resolution', 'calendar_minutes': full_resolution_calendar, 'business_minutes': full_resolution_business, 'outcome': null},
            {'metric': 'requester_wait', 'calendar_minutes': requester_wait_calendar, 'business_minutes': requester_wait_business, 'outcome': null},
            {'metric': 'agent_wait', 'calendar_minutes': agent_wait_calendar, 'business_minutes': agent_wait_business, 'outcome': null},
            {'metric': 'on_hold', 'calendar_minutes': on_hold_calendar, 'business_minutes': on_hold_business, 'outcome': null},
            {'metric': 'sla_frt', 'calendar_minutes': null, 'business_minutes': null, 'outcome': sla_frt_outcome},
            {'metric': 'sla_resolution', 'calendar_minutes': null, 'business_minutes': null, 'outcome': sla_resolution_outcome}
        ] as vendor_metrics,
        json_object(
            'updated_at', t.updated_at,
            'submitter_id', t.submitter_id,
            'brand_id', t.brand_id,
            'ticket_form_id', t.ticket_form_id,
            'due_at', t.due_at,
            'custom_fields', t.custom_fields
        ) as extra,
        ticket as raw_record
    from joined
)

select * from final
