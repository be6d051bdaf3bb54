-- adapter:  intercom-tables, Fivetran's Intercom tables (docs: shared vendor-formats 1.5;
--           dataset ../shared/datasets/fivetran-intercom)
-- reads:    _ict_conversations (conversation_history), _ict_parts (conversation_part_history),
--           _ict_contacts (conversation_contact_history), _ict_tag_links
--           (conversation_tag_history), _ict_tags (tag), _ict_teams (team),
--           _ict_contact_companies (contact_company_history); aliases and empty stand-ins for
--           absent files from src/lib/server/ingest/adapters/intercom-tables.ts; the temp
--           macros of sql/adapters/intercom/macros.sql and intercom_tables/macros.sql
-- writes:   generic tickets columns as text, one row per conversation id
-- params:   none used: Fivetran's times are UTC
-- Decisions:
-- * History tables are SCD type 2: a conversation's current row is the one with
--   _fivetran_active true, else the one with the latest _fivetran_start. Parts are
--   versioned the same way and deduplicated by part id.
-- * From parts (bots told from teammates by author_type): first_ack_at = first public reply
--   by a bot or an admin, first_response_at = first by an admin. A public reply is a comment,
--   or an assignment part carrying a body (Intercom's "reply and assign"; dbt_intercom counts
--   those too); notes are internal. agent_replies counts the admin's public replies.
-- * Closes: first and last close part; reopens = closes - 1, plus one when the conversation
--   is no longer closed (a customer reply reopens without always writing an "open" part).
--   A conversation without parts falls back on its history: the first row in state closed,
--   the start of its last closed streak, and the closed -> open transitions. That time is the
--   row's updated_at, the conversation's last change as of Fivetran's sync: a close followed
--   by another change before the sync is seen late.
-- * Group: a team assignee (assignee_type team, or the last team assignment part), by its
--   name from team when that table is there.
-- * Requester: the source author when a contact wrote it, else the first linked contact; org:
--   that contact's company (contact_company_history).
-- * CSAT: conversation_rating_value (1-5), at conversation_rating_created_at.
-- * line_no is the CSV line of the conversation's current history row.
with history as (
    select
        *,
        coalesce(id, '#' || record_no) as conversation_key,
        ict_ts(created_at) as created_ts,
        coalesce(ict_ts(updated_at), ict_ts(fivetran_start)) as changed_at,
        ict_ts(fivetran_start) as version_start,
        ict_active(fivetran_active) as is_active
    from _ict_conversations
    where record_no > 1
),

current_rows as (
    select *
    from history
    qualify row_number() over (
        partition by conversation_key
        order by is_active desc, version_start desc nulls last, record_no desc
    ) = 1
),

state_changes as (
    select
        conversation_key,
        lower(state) as state,
        changed_at,
        lag(lower(state)) over (partition by conversation_key order by changed_at, record_no) as previous_state
    from history
),

history_closes as (
    select
        conversation_key,
        min(changed_at) filter (where state = 'closed') as first_close_at,
        max(changed_at) filter (where state = 'closed' and coalesce(previous_state, '') <> 'closed') as last_close_at,
        count(*) filter (where state <> 'closed' and previous_state = 'closed') as reopens
    from state_changes
    group by all
),

part_versions as (
    select
        coalesce(id, '#' || record_no) as part_key,
        record_no,
        conversation_id,
        lower(part_type) as part_type,
        lower(author_type) as author_type,
        ict_ts(created_at) as part_at,
        lower(assigned_to_type) as assigned_to_type,
        assigned_to_id,
        lower(part_type) = 'comment'
            or (lower(part_type) like '%assignment%' and dp_vendor_text(body) is not null) as is_public_reply,
        ict_active(fivetran_active) as is_active,
        ict_ts(fivetran_start) as version_start
    from _ict_parts
    where record_no > 1
),

parts as (
    select *
    from part_versions
    qualify row_number() over (
        partition by part_key
        order by is_active desc, version_start desc nulls last, record_no desc
    ) = 1
),

part_events as (
    select
        parts.conversation_id as conversation_key,
        min(parts.part_at) filter (where parts.is_public_reply and parts.author_type in ('admin', 'bot') and parts.part_at >= c.created_ts) as first_ack_at,
        min(parts.part_at) filter (where parts.is_public_reply and parts.author_type = 'admin' and parts.part_at >= c.created_ts) as first_response_at,
        count(*) filter (where parts.is_public_reply and parts.author_type = 'admin') as agent_replies,
        min(parts.part_at) filter (where parts.part_type = 'close') as first_close_at,
        max(parts.part_at) filter (where parts.part_type = 'close') as last_close_at,
        count(*) filter (where parts.part_type = 'close') as closes,
        arg_max(parts.assigned_to_id, parts.part_at) filter (where parts.assigned_to_type = 'team') as last_team_id
    from parts
    inner join current_rows as c
        on c.conversation_key = parts.conversation_id
    group by all
),

contacts as (
    select
        conversation_id as conversation_key,
        min(contact_id) as first_contact_id
    from _ict_contacts
    where record_no > 1
      and ict_active(fivetran_active)
    group by all
),

contact_companies as (
    select
        contact_id,
        min(company_id) as company_id
    from _ict_contact_companies
    where record_no > 1
      and ict_active(fivetran_active)
    group by all
),

tags as (
    select
        links.conversation_id as conversation_key,
        string_agg(distinct coalesce(ic_tag(tag.name), links.tag_id), ';' order by coalesce(ic_tag(tag.name), links.tag_id)) as tags
    from _ict_tag_links as links
    left join _ict_tags as tag
        on tag.record_no > 1
        and tag.id = links.tag_id
    where links.record_no > 1
      and ict_active(links.fivetran_active)
      and not coalesce(dp_parse_bool(tag.deleted), false)
    group by all
),

teams as (
    select
        id as team_id,
        max(dp_vendor_text(name)) as team_name
    from _ict_teams
    where record_no > 1
    group by all
),

joined as (
    select
        c.*,
        case
            when lower(c.source_author_type) in ('user', 'lead', 'contact') then c.source_author_id
            else contacts.first_contact_id
        end as requester,
        coalesce(
            case when lower(c.assignee_type) = 'team' then c.assignee_id end,
            c.team_assignee_id,
            part_events.last_team_id
        ) as team_id,
        part_events.first_ack_at as part_first_ack_at,
        part_events.first_response_at as part_first_response_at,
        part_events.agent_replies,
        part_events.closes,
        coalesce(part_events.first_close_at, history_closes.first_close_at) as first_close_at,
        coalesce(part_events.last_close_at, history_closes.last_close_at) as last_close_at,
        case
            when part_events.closes > 0 then part_events.closes - 1 + (lower(c.state) <> 'closed')::integer
            else history_closes.reopens
        end as reopen_count,
        tags.tags
    from current_rows as c
    left join part_events using (conversation_key)
    left join history_closes using (conversation_key)
    left join contacts using (conversation_key)
    left join tags using (conversation_key)
),

final as (
    select
        joined.record_no,
        joined.line_no,
        dp_vendor_text(joined.id) as ticket_id,
        ict_ts_text(joined.created_at) as created_at,
        joined.state as vendor_state,
        ic_status(joined.state) as status,
        joined.source_type as vendor_source_type,
        ic_channel(joined.source_type) as channel,
        joined.priority as vendor_priority,
        ic_priority(joined.priority) as priority,
        coalesce(dp_vendor_text(joined.title), dp_vendor_text(joined.source_subject)) as subject,
        joined.tags,
        joined.requester as requester_id,
        contact_companies.company_id as org_id,
        coalesce(teams.team_name, joined.team_id) as "group",
        coalesce(
            dp_vendor_text(joined.admin_assignee_id),
            case when coalesce(lower(joined.assignee_type), 'admin') = 'admin' then dp_vendor_text(joined.assignee_id) end
        ) as assignee_id,
        ic_outbound(joined.source_delivered_as, joined.source_author_type) as outbound,
        strftime(joined.part_first_ack_at, '%Y-%m-%dT%H:%M:%S.%fZ') as first_ack_at,
        strftime(joined.part_first_response_at, '%Y-%m-%dT%H:%M:%S.%fZ') as first_response_at,
        strftime(joined.first_close_at, '%Y-%m-%dT%H:%M:%S.%fZ') as solved_at,
        strftime(joined.last_close_at, '%Y-%m-%dT%H:%M:%S.%fZ') as final_solved_at,
        cast(joined.reopen_count as varchar) as reopens,
        cast(joined.agent_replies as varchar) as agent_replies,
        dp_vendor_text(joined.conversation_rating_value) as csat_score,
        ict_ts_text(joined.conversation_rating_created_at) as csat_at,
        joined.extra,
        joined.raw_record
    from joined
    left join contact_companies
        on contact_companies.contact_id = joined.requester
    left join teams
        on teams.team_id = joined.team_id
)

select * from final
