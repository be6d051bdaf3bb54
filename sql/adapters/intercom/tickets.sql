-- adapter:  intercom, conversations from the Intercom REST API (docs: shared vendor-formats 1.5)
-- reads:    _ic_records (records.sql: record_no, conversation JSON) with the temp macros of
--           macros.sql
-- writes:   generic tickets columns as text, and the durations Intercom computed itself
-- params:   none used: every Intercom time is unix seconds, i.e. UTC whatever --timezone says
-- Decisions:
-- * Bots are told from teammates by part author.type. first_ack_at is the first public reply
--   part by a bot or an admin; first_response_at the first by an admin (a human teammate),
--   else statistics.first_admin_reply_at (the list endpoint exports no parts). A public
--   reply is a comment, or an assignment that carries a body ("reply and assign": Intercom's
--   assign call takes an optional message); notes are internal.
-- * solved_at = statistics.first_close_at, final_solved_at = statistics.last_close_at (kept
--   while a reopened conversation is open again: its status says it is open), reopens =
--   statistics.count_reopens; without statistics, the close parts: first and last close,
--   and reopens = closes - 1, plus one if the conversation is no longer closed.
-- * csat_score = conversation_rating.rating (1-5), csat_at = its created_at (Intercom's docs
--   call it the time the rating was requested, the nearest time the export has).
-- * Vendor metrics: time_to_admin_reply, time_to_first_close and time_to_last_close are
--   seconds with out-of-office hours subtracted (Intercom's docs), so business minutes; the
--   calendar minutes are Intercom's statistics timestamps less first_contact_reply_at (its
--   clock start), so reconcile shows where a bot- or teammate-opened conversation makes
--   deskpulse (from created_at) measure longer.
-- * line_no is the conversation's 1-based position in the file.
with records as (
    select
        record_no,
        conversation as raw_record,
        json_transform(conversation, '{
            "id": "VARCHAR",
            "created_at": "VARCHAR",
            "state": "VARCHAR",
            "priority": "VARCHAR",
            "title": "VARCHAR",
            "admin_assignee_id": "VARCHAR",
            "team_assignee_id": "VARCHAR",
            "source": {"type": "VARCHAR", "delivered_as": "VARCHAR", "subject": "VARCHAR", "author": {"type": "VARCHAR", "id": "VARCHAR"}},
            "tags": {"tags": [{"name": "VARCHAR"}]},
            "contacts": {"contacts": [{"id": "VARCHAR"}]},
            "companies": {"companies": [{"id": "VARCHAR"}]},
            "conversation_rating": {"rating": "VARCHAR", "created_at": "VARCHAR"},
            "statistics": {
                "time_to_admin_reply": "DOUBLE",
                "time_to_first_close": "DOUBLE",
                "time_to_last_close": "DOUBLE",
                "first_contact_reply_at": "VARCHAR",
                "first_admin_reply_at": "VARCHAR",
                "first_close_at": "VARCHAR",
                "last_close_at": "VARCHAR",
                "count_reopens": "VARCHAR"
            },
            "conversation_parts": {"conversation_parts": [{"part_type": "VARCHAR", "created_at": "VARCHAR", "body": "VARCHAR", "author": {"type": "VARCHAR"}}]},
            "sla_applied": {"sla_name": "VARCHAR", "sla_status": "VARCHAR"},
            "custom_attributes": "JSON"
        }') as c
    from _ic_records
),

parts as (
    select
        record_no,
        lower(part.part_type) as part_type,
        lower(part.author.type) as author_type,
        ic_unix_ts(part.created_at) as part_at,
        lower(part.part_type) = 'comment'
            or (lower(part.part_type) like '%assignment%' and nullif(trim(part.body), '') is not null) as is_public_reply
    from (
        select record_no, unnest(c.conversation_parts.conversation_parts) as part
        from records
    )
),

part_events as (
    select
        parts.record_no,
        min(parts.part_at) filter (where parts.is_public_reply and parts.author_type in ('admin', 'bot') and parts.part_at >= ic_unix_ts(records.c.created_at)) as first_ack_at,
        min(parts.part_at) filter (where parts.is_public_reply and parts.author_type = 'admin' and parts.part_at >= ic_unix_ts(records.c.created_at)) as first_response_at,
        count(*) filter (where parts.is_public_reply and parts.author_type = 'admin') as agent_replies,
        min(parts.part_at) filter (where parts.part_type = 'close') as first_close_at,
        max(parts.part_at) filter (where parts.part_type = 'close') as last_close_at,
        count(*) filter (where parts.part_type = 'close') as closes
    from parts
    inner join records using (record_no)
    group by all
),

-- Intercom's own calendar durations, from its statistics timestamps: measured, as its
-- time_to_* are, from the customer's first message (first_contact_reply_at; later than
-- created_at when a bot or a teammate opened the conversation), else from creation.
vendor_clock as (
    select
        record_no,
        (epoch(ic_unix_ts(c.statistics.first_admin_reply_at)) - epoch(clock_start)) / 60 as frt_calendar_minutes,
        (epoch(ic_unix_ts(c.statistics.first_close_at)) - epoch(clock_start)) / 60 as resolution_calendar_minutes,
        (epoch(ic_unix_ts(c.statistics.last_close_at)) - epoch(clock_start)) / 60 as full_resolution_calendar_minutes
    from (
        select
            record_no,
            c,
            coalesce(ic_unix_ts(c.statistics.first_contact_reply_at), ic_unix_ts(c.created_at)) as clock_start
        from records
    )
),

final as (
    select
        records.record_no,
        records.record_no as line_no,
        nullif(trim(records.c.id), '') as ticket_id,
        ic_unix_text(records.c.created_at) as created_at,
        records.c.state as vendor_state,
        ic_status(records.c.state) as status,
        records.c.source.type as vendor_source_type,
        ic_channel(records.c.source.type) as channel,
        records.c.priority as vendor_priority,
        ic_priority(records.c.priority) as priority,
        coalesce(nullif(trim(records.c.title), ''), nullif(trim(records.c.source.subject), '')) as subject,
        nullif(array_to_string(list_filter(list_transform(records.c.tags.tags, t -> ic_tag(t.name)), t -> t is not null), ';'), '') as tags,
        coalesce(
            records.c.contacts.contacts[1].id,
            case when lower(records.c.source.author.type) in ('user', 'lead', 'contact') then records.c.source.author.id end
        ) as requester_id,
        records.c.companies.companies[1].id as org_id,
        -- Some API versions say 0 for "nobody".
        nullif(nullif(trim(records.c.team_assignee_id), ''), '0') as "group",
        nullif(nullif(trim(records.c.admin_assignee_id), ''), '0') as assignee_id,
        ic_outbound(records.c.source.delivered_as, records.c.source.author.type) as outbound,
        strftime(part_events.first_ack_at, '%Y-%m-%dT%H:%M:%S.%fZ') as first_ack_at,
        coalesce(
            strftime(part_events.first_response_at, '%Y-%m-%dT%H:%M:%S.%fZ'),
            ic_unix_text(records.c.statistics.first_admin_reply_at)
        ) as first_response_at,
        coalesce(
            ic_unix_text(records.c.statistics.first_close_at),
            strftime(part_events.first_close_at, '%Y-%m-%dT%H:%M:%S.%fZ')
        ) as solved_at,
        coalesce(
            ic_unix_text(records.c.statistics.last_close_at),
            strftime(part_events.last_close_at, '%Y-%m-%dT%H:%M:%S.%fZ')
        ) as final_solved_at,
        coalesce(
            records.c.statistics.count_reopens,
            case
                when part_events.closes > 0
                    then cast(part_events.closes - 1 + (lower(records.c.state) <> 'closed')::integer as varchar)
            end
        ) as reopens,
        cast(part_events.agent_replies as varchar) as agent_replies,
        records.c.conversation_rating.rating as csat_score,
        ic_unix_text(records.c.conversation_rating.created_at) as csat_at,
        [
            {'metric': 'frt', 'calendar_minutes': vendor_clock.frt_calendar_minutes, 'business_minutes': records.c.statistics.time_to_admin_reply / 60, 'outcome': cast(null as varchar)},
            {'metric': 'resolution', 'calendar_minutes': vendor_clock.resolution_calendar_minutes, 'business_minutes': records.c.statistics.time_to_first_close / 60, 'outcome': cast(null as varchar)},
            {'metric': 'full_resolution', 'calendar_minutes': vendor_clock.full_resolution_calendar_minutes, 'business_minutes': records.c.statistics.time_to_last_close / 60, 'outcome': cast(null as varchar)}
        ] as vendor_metrics,
        case
            when records.c.custom_attributes is not null or records.c.sla_applied.sla_name is not null
                then json_object(
                    'custom_attributes', records.c.custom_attributes,
                    'sla_name', records.c.sla_applied.sla_name,
                    'sla_status', records.c.sla_applied.sla_status
                )
        end as extra,
        records.raw_record
    from records
    left join part_events using (record_no)
    left join vendor_clock using (record_no)
)

select * from final
