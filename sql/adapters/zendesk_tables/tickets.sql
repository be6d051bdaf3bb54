-- adapter:  zendesk-tables, Fivetran's `ticket` table and its history (docs: shared vendor-formats 1.2, 3)
-- reads:    _vendor (one row per ticket; aliases from src/lib/server/ingest/adapters/zendesk-tables.ts)
--           and the companion tables loaded beside it, each possibly empty:
--           _zt_comments (ticket_comment: ticket_id, comment_id, created, is_public, user_id),
--           _zt_users (user: user_id, role), _zt_history (ticket_field_history rows of the
--           fields status and satisfaction_score), _zt_tags (ticket_tag), _zt_groups (group)
-- writes:   generic tickets columns as text. Zendesk's own metrics are not in these tables,
--           so there are no vendor_metrics: deskpulse computes every duration itself.
-- params:   none: Fivetran lands every time in UTC, naive text is read as UTC.
-- Decisions (after fivetran/dbt_zendesk, vendor-formats section 3):
-- - First response: the first public comment, after creation, by an author whose user role
--   is known and not end-user (agent or admin). The ticket's opening comment (its earliest,
--   within a minute of creation) is no reply even when an agent wrote it (a ticket an agent
--   opened for a customer). An author missing from the user table does not count. Agent
--   replies counts the same comments.
-- - Solves from the status history: first solve = first change to solved, final solve = last
--   (closed stands in where a ticket was closed without ever being solved, as dbt_zendesk does);
--   closed_at = first change to closed. Reopens = changes from solved straight to new, open,
--   pending or hold. A ticket without status history has no solve times and no reopen count.
-- - CSAT: a satisfaction column of the ticket table when it has one, else the last change of
--   the satisfaction_score field to good or bad (offered / unoffered are no rating), at the
--   time of that change.
-- - Group: the group's name from the group table, else its id. Tags from ticket_tag, sorted.
-- - Deleted tickets (status "deleted", or a row Fivetran marks `_fivetran_deleted`) are
--   mapped with status "deleted", which the check rejects (no row read goes uncounted).
with source as (
    select
        *,
        dp_vendor_text(zd_id) as ticket_id,
        dp_parse_ts(dp_vendor_text(created_at), 'UTC') as created_ts
    from _vendor
    where record_no > 1
),

users as (
    select
        user_id,
        lower(max(role)) as role
    from _zt_users
    group by all
),

comments as (
    select
        *,
        row_number() over (partition by ticket_id order by created_ts, comment_number, comment_id) as comment_rank
    from (
        select
            comments.ticket_id,
            comments.comment_id,
            try_cast(comments.comment_id as hugeint) as comment_number,
            dp_parse_ts(comments.created, 'UTC') as created_ts,
            coalesce(dp_parse_bool(comments.is_public), false) as is_public,
            users.role,
            source.created_ts as ticket_created_ts
        from _zt_comments as comments
        inner join source
            on source.ticket_id = comments.ticket_id
        left join users
            on users.user_id = comments.user_id
    )
),

-- Every ticket with comments gets a count (0 when no agent replied); one without has none.
replies as (
    select
        ticket_id,
        min(created_ts) filter (where is_reply) as first_reply_at,
        count(*) filter (where is_reply) as reply_count
    from (
        select
            ticket_id,
            created_ts,
            is_public
                and role is not null
                and role not in ('end-user', 'end_user', 'not set')
                and created_ts >= ticket_created_ts
                -- the opening comment: the ticket's earliest, within a minute of its creation
                and not (comment_rank = 1 and created_ts <= ticket_created_ts + interval 1 minute)
                as is_reply
        from comments
    )
    group by all
),

history as (
    select
        ticket_id,
        field_name,
        -- dbt_zendesk's seeds write on-hold; Zendesk's API says hold.
        replace(lower(trim(value)), 'on-hold', 'hold') as value,
        dp_parse_ts(updated, 'UTC') as updated_ts
    from _zt_history
    where ticket_id in (select ticket_id from source)
),

status_changes as (
    select
        ticket_id,
        value as status,
        updated_ts,
        lag(value) over (partition by ticket_id order by updated_ts) as previous_status
    from history
    where field_name = 'status'
),

solves as (
    select
        ticket_id,
        min(updated_ts) filter (where status = 'solved') as first_solved_at,
        max(updated_ts) filter (where status = 'solved') as last_solved_at,
        min(updated_ts) filter (where status = 'closed') as closed_at,
        count(*) filter (
            where previous_status = 'solved' and status in ('new', 'open', 'pending', 'hold', 'on_hold')
        ) as reopens
    from status_changes
    group by all
),

ratings as (
    select
        ticket_id,
        arg_max(value, updated_ts) as score,
        max(updated_ts) as rated_at
    from history
    where field_name = 'satisfaction_score'
        and (value like 'good%' or value like 'bad%')
    group by all
),

tags as (
    select
        ticket_id,
        string_agg(distinct tag, ';' order by tag) as tags
    from _zt_tags
    where ticket_id in (select ticket_id from source)
        and dp_vendor_text(tag) is not null
    group by all
),

groups as (
    select
        group_id,
        max(dp_vendor_text(name)) as group_name
    from _zt_groups
    group by all
),

joined as (
    select
        source.*,
        lower(dp_vendor_text(source.via_channel)) as channel_text,
        lower(coalesce(dp_vendor_text(source.satisfaction_score), ratings.score)) as score_text,
        case when dp_vendor_text(source.satisfaction_score) is null then ratings.rated_at end as rated_at,
        replies.first_reply_at,
        replies.reply_count,
        solves.first_solved_at,
        solves.last_solved_at,
        solves.closed_at,
        solves.reopens,
        tags.tags,
        groups.group_name
    from source
    left join replies using (ticket_id)
    left join solves using (ticket_id)
    left join ratings using (ticket_id)
    left join tags using (ticket_id)
    left join groups
        on groups.group_id = dp_vendor_text(source.group_id)
),

final as (
    select
        record_no,
        line_no,
        ticket_id,
        -- Naive UTC text becomes ISO with Z; text that is no timestamp is passed on for the check to reject.
        coalesce(strftime(created_ts, '%Y-%m-%dT%H:%M:%S.%fZ'), dp_vendor_text(created_at)) as created_at,
        case when coalesce(dp_parse_bool(fivetran_deleted), false) then 'deleted' else dp_vendor_text(status) end as status,
        channel_text as vendor_channel,
        case channel_text
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
            else channel_text
        end as channel,
        dp_vendor_text(priority) as priority,
        dp_vendor_text(subject) as subject,
        dp_vendor_text(ticket_type) as category,
        tags,
        dp_vendor_text(requester_id) as requester_id,
        dp_vendor_text(organization_id) as org_id,
        coalesce(group_name, dp_vendor_text(group_id)) as "group",
        dp_vendor_text(assignee_id) as assignee_id,
        -- An outbound call is the only Zendesk channel an agent starts.
        coalesce(channel_text = 'voice' and lower(dp_vendor_text(via_source_rel)) = 'outbound', false) as outbound,
        strftime(first_reply_at, '%Y-%m-%dT%H:%M:%S.%fZ') as first_response_at,
        strftime(coalesce(first_solved_at, closed_at), '%Y-%m-%dT%H:%M:%S.%fZ') as solved_at,
        strftime(coalesce(last_solved_at, closed_at), '%Y-%m-%dT%H:%M:%S.%fZ') as final_solved_at,
        strftime(closed_at, '%Y-%m-%dT%H:%M:%S.%fZ') as closed_at,
        cast(reopens as varchar) as reopens,
        cast(reply_count as varchar) as agent_replies,
        score_text as vendor_satisfaction,
        case
            when score_text like 'good%' then 'good'
            when score_text like 'bad%' then 'bad'
        end as csat_score,
        case when score_text like 'good%' or score_text like 'bad%' then strftime(rated_at, '%Y-%m-%dT%H:%M:%S.%fZ') end as csat_at,
        extra,
        raw_record
    from joined
)

select * from final
