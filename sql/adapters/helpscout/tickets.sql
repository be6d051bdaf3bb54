-- adapter:  helpscout, conversations from the Help Scout Mailbox API 2.0 (docs: shared
--           vendor-formats 1.6), exported with embed=threads
-- reads:    _hs_records (records.sql: record_no, conversation JSON)
-- writes:   generic tickets columns as text
-- params:   none used: the API's times are ISO 8601 in UTC
-- Decisions:
-- * Status: active -> open, pending -> pending, closed -> solved. spam is no ticket: it is
--   passed on as "spam", which the checker rejects (status), so spam is counted in the
--   quarantine, never in volume.
-- * A human reply is a published `reply` (or, in a chat, `chat`) thread whose createdBy.type
--   is user and that no workflow sent: an `action.type` naming a workflow
--   (automatic-workflow, manual-workflow) or a source.type of workflow marks automation.
--   Mailbox API v3 exports say system_user for Help Scout's AI; v2 folds it into user, so a
--   v2 export cannot tell AI replies from people (known limit).
-- * first_ack_at = the first published reply or chat thread by anyone but the customer
--   (workflows and AI included); first_response_at = the first human reply. Both only after
--   creation; in a conversation a user started (outbound) the opening thread is no reply,
--   and agent_replies counts the human replies alike (the opener excluded).
-- * Closes: threads whose status is closed are the moments the conversation was closed
--   (Help Scout marks a thread with the status it set, nochange otherwise): solved_at = the
--   first, final_solved_at = the last, reopens = closes - 1, plus one if it is no longer
--   closed. Without such threads (no embed=threads), closedAt is both solve times.
-- * Outbound: an email conversation a user created (a phone conversation is logged by a user
--   for a customer's call: inbound).
-- * Ratings: the Mailbox API puts no rating on a conversation; an exporter that joins the
--   happiness-ratings report adds `rating` (or `happiness`): a word, or an object with
--   `rating` and `createdAt`. Great -> 5, Okay -> 3, Not Good -> 1 on the 1-5 scale, so CSAT
--   (4-5 satisfied) is the share of Great among all ratings, Okay counting against it: the
--   "Great %" Help Scout's happiness report shows. Dropping Okay instead (good/bad only)
--   would inflate CSAT against Help Scout's own figure.
-- * line_no is the conversation's 1-based position in the file.
with records as (
    select
        record_no,
        conversation as raw_record,
        json_transform(conversation, '{
            "id": "VARCHAR",
            "number": "VARCHAR",
            "type": "VARCHAR",
            "status": "VARCHAR",
            "subject": "VARCHAR",
            "mailboxId": "VARCHAR",
            "mailbox": {"id": "VARCHAR"},
            "assignee": {"id": "VARCHAR"},
            "owner": {"id": "VARCHAR"},
            "primaryCustomer": {"id": "VARCHAR", "email": "VARCHAR"},
            "customer": {"id": "VARCHAR", "email": "VARCHAR"},
            "createdBy": {"type": "VARCHAR"},
            "createdAt": "VARCHAR",
            "closedAt": "VARCHAR",
            "source": {"type": "VARCHAR", "via": "VARCHAR"},
            "tags": [{"tag": "VARCHAR"}],
            "customFields": [{"name": "VARCHAR", "value": "VARCHAR", "text": "VARCHAR"}],
            "_embedded": {"threads": [{
                "type": "VARCHAR",
                "status": "VARCHAR",
                "state": "VARCHAR",
                "createdAt": "VARCHAR",
                "createdBy": {"type": "VARCHAR"},
                "source": {"type": "VARCHAR"},
                "action": {"type": "VARCHAR"}
            }]},
            "rating": "JSON",
            "happiness": "JSON"
        }') as c
    from _hs_records
),

rated as (
    select
        *,
        coalesce(c.rating, c.happiness) as rating
    from records
),

conversations as (
    select
        record_no,
        raw_record,
        c,
        try_cast(c.createdAt as timestamptz) as created_ts,
        lower(c.createdBy.type) = 'user' and lower(c.type) = 'email' as is_outbound,
        case json_type(rating)
            when 'OBJECT' then rating ->> '$.rating'
            else rating ->> '$'
        end as rating_text,
        case json_type(rating)
            when 'OBJECT' then coalesce(rating ->> '$.createdAt', rating ->> '$.created_at')
        end as rating_at
    from rated
),

threads as (
    select
        record_no,
        lower(thread.type) as thread_type,
        lower(thread.status) as thread_status,
        lower(thread.createdBy.type) as author_type,
        try_cast(thread.createdAt as timestamptz) as thread_at,
        coalesce(lower(thread.state), 'published') = 'published' as is_published,
        coalesce(lower(thread.action.type), '') like '%workflow%'
            or coalesce(lower(thread.source.type), '') = 'workflow' as is_automated
    from (
        select record_no, unnest(c._embedded.threads) as thread
        from records
    )
),

-- A reply or chat thread that answers the conversation: sent, after its creation, and not
-- the opening message of a conversation a user started.
flagged_threads as (
    select
        threads.*,
        threads.thread_type in ('reply', 'chat')
            and threads.is_published
            and threads.thread_at >= conversations.created_ts
            and not (conversations.is_outbound and threads.thread_at <= conversations.created_ts) as is_reply
    from threads
    inner join conversations using (record_no)
),

thread_events as (
    select
        record_no,
        min(thread_at) filter (where is_reply and author_type <> 'customer') as first_ack_at,
        min(thread_at) filter (where is_reply and author_type = 'user' and not is_automated) as first_response_at,
        count(*) filter (where is_reply and author_type = 'user' and not is_automated) as agent_replies,
        min(thread_at) filter (where thread_status = 'closed') as first_close_at,
        max(thread_at) filter (where thread_status = 'closed') as last_close_at,
        count(*) filter (where thread_status = 'closed') as closes
    from flagged_threads
    group by all
),

final as (
    select
        conversations.record_no,
        conversations.record_no as line_no,
        nullif(trim(c.id), '') as ticket_id,
        coalesce(strftime(conversations.created_ts, '%Y-%m-%dT%H:%M:%S.%fZ'), c.createdAt) as created_at,
        c.status as vendor_status,
        case lower(trim(c.status))
            when 'active' then 'open'
            when 'open' then 'open'
            when 'pending' then 'pending'
            when 'closed' then 'solved'
            else lower(trim(c.status))
        end as status,
        c.type as vendor_type,
        nullif(lower(trim(c.type)), '') as channel,
        nullif(trim(c.subject), '') as subject,
        -- A custom field named Category (a dropdown's text, else its value) is the category.
        coalesce(
            list_filter(c.customFields, f -> f.name ilike 'categor%')[1].text,
            list_filter(c.customFields, f -> f.name ilike 'categor%')[1].value
        ) as category,
        -- Tags joined by ';' (a separator inside a tag becomes a space).
        nullif(
            array_to_string(
                list_filter(list_transform(c.tags, t -> nullif(trim(regexp_replace(t.tag, '\s*[;,]+\s*', ' ', 'g')), '')), t -> t is not null),
                ';'
            ),
            ''
        ) as tags,
        coalesce(c.primaryCustomer.id, c.primaryCustomer.email, c.customer.id, c.customer.email) as requester_id,
        coalesce(c.mailboxId, c.mailbox.id) as "group",
        coalesce(c.assignee.id, c.owner.id) as assignee_id,
        conversations.is_outbound as outbound,
        strftime(thread_events.first_ack_at, '%Y-%m-%dT%H:%M:%S.%fZ') as first_ack_at,
        strftime(thread_events.first_response_at, '%Y-%m-%dT%H:%M:%S.%fZ') as first_response_at,
        coalesce(strftime(thread_events.first_close_at, '%Y-%m-%dT%H:%M:%S.%fZ'), c.closedAt) as solved_at,
        coalesce(strftime(thread_events.last_close_at, '%Y-%m-%dT%H:%M:%S.%fZ'), c.closedAt) as final_solved_at,
        case
            when thread_events.closes > 0
                then cast(thread_events.closes - 1 + (lower(c.status) <> 'closed')::integer as varchar)
        end as reopens,
        cast(thread_events.agent_replies as varchar) as agent_replies,
        conversations.rating_text as vendor_rating,
        case regexp_replace(lower(trim(conversations.rating_text)), '[\s_-]+', '', 'g')
            when 'great' then '5'
            when 'okay' then '3'
            when 'ok' then '3'
            when 'notgood' then '1'
            else conversations.rating_text
        end as csat_score,
        conversations.rating_at as csat_at,
        case when c.number is not null then json_object('number', c.number) end as extra,
        conversations.raw_record
    from conversations
    left join thread_events using (record_no)
)

select * from final
