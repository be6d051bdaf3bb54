-- adapter:  freshdesk-api, tickets from GET /api/v2/tickets?include=stats (docs: shared
--           vendor-formats 1.4)
-- reads:    _fd_tickets (record_no, j: one ticket as JSON), _fd_csat (latest rating per
--           ticket, from sql/adapters/freshdesk_api/satisfaction_ratings.sql)
-- writes:   generic tickets columns as text (times as ISO UTC), and Freshdesk's SLA outcomes
-- Decisions:
-- - Every API time is UTC; a value that is not a time is passed on as written, so the
--   importer rejects the row naming the field.
-- - status 2 Open, 3 Pending, 4 Resolved, 5 Closed; a custom status (an account's own id,
--   6 and up) is named from the account's ticket fields when the export has them
--   (ticket_fields.json: "Waiting on Customer" then reads as pending), else it is passed on
--   as "custom status <id>" and the importer's default rule reads it (solved with a solve
--   time, else open), reporting it by id and name.
-- - priority 1 Low .. 4 Urgent; source 1 Email, 2 Portal, 3 Phone, 7 Chat, 9 Feedback
--   widget, 10 Outbound email (agent-started: outbound). 4 Forum, 5 Twitter, 6 Facebook,
--   8 MobiHelp, 11 E-commerce, 12 Bot are from older API docs (unverified).
-- - first response = stats.first_responded_at; the first and final solve are both
--   stats.resolved_at (the API keeps one resolution time); a Closed ticket without one is
--   solved when it was closed.
-- - reopens: 1 when stats.reopened_at is set, else 0. The API keeps only the last reopen,
--   so a ticket reopened twice counts once (a lower bound). Without stats: unknown (null).
-- - SLA outcomes are judged against Freshdesk's own due dates as the export shows them
--   (fr_due_by for the first response, due_by for the resolution): within when the event
--   came by the due date, breached after it; an unanswered ticket Freshdesk flagged
--   fr_escalated is breached; other unfinished tickets have no outcome yet.
-- - CSAT: ratings.default_question on the classic scale 103 .. -103 (Extremely happy ..
--   Extremely unhappy) read on 1-5: 103 -> 5; 102, 101 -> 4; 100 -> 3; -101, -102 -> 2;
--   -103 -> 1. Symmetric, so every survey size Freshdesk offers (2, 3, 5 or 7 points, each a
--   subset of these values) lands on 1-5 with neutral at 3. The mapping is an assumption.
with source as (
    select
        record_no,
        j
    from _fd_tickets
),

-- One parse per record: every field the mapping reads, as text (numbers and booleans as
-- written), tags as a list; a field the record lacks (or of another shape) is null.
typed as (
    select
        record_no,
        from_json(j, '{
            "id": "VARCHAR", "created_at": "VARCHAR", "status": "VARCHAR", "priority": "VARCHAR",
            "source": "VARCHAR", "subject": "VARCHAR", "type": "VARCHAR", "tags": ["VARCHAR"],
            "requester_id": "VARCHAR", "company_id": "VARCHAR", "group_id": "VARCHAR",
            "responder_id": "VARCHAR", "fr_due_by": "VARCHAR", "due_by": "VARCHAR",
            "fr_escalated": "VARCHAR",
            "stats": {"first_responded_at": "VARCHAR", "resolved_at": "VARCHAR", "closed_at": "VARCHAR", "reopened_at": "VARCHAR"}
        }') as t,
        j
    from source
),

fields as (
    select
        record_no,
        t.id as ticket_id,
        t.created_at,
        t.status as vendor_status,
        t.priority as vendor_priority,
        t.source as vendor_source,
        t.subject,
        t.type as category,
        t.tags as tag_list,
        t.requester_id,
        t.company_id as org_id,
        t.group_id,
        t.responder_id as assignee_id,
        t.fr_due_by,
        t.due_by,
        t.fr_escalated,
        t.stats,
        t.stats.first_responded_at,
        t.stats.resolved_at,
        t.stats.closed_at,
        t.stats.reopened_at,
        j
    from typed
),

parsed as (
    select
        *,
        try_cast(created_at as timestamptz) as created_ts,
        try_cast(first_responded_at as timestamptz) as first_responded_ts,
        try_cast(resolved_at as timestamptz) as resolved_ts,
        try_cast(closed_at as timestamptz) as closed_ts,
        try_cast(fr_due_by as timestamptz) as fr_due_ts,
        try_cast(due_by as timestamptz) as due_ts
    from fields
),

solved as (
    select
        *,
        coalesce(resolved_ts, case when vendor_status = '5' then closed_ts end) as solved_ts,
        coalesce(resolved_at, case when vendor_status = '5' then closed_at end) as solved_text
    from parsed
),

final as (
    select
        solved.record_no,
        solved.record_no as line_no,
        solved.ticket_id,
        coalesce(strftime(created_ts, '%Y-%m-%dT%H:%M:%S.%fZ'), created_at) as created_at,
        vendor_status,
        -- The id with the account's name for a custom one, as the summary shows it: "6 (Waiting on Customer)".
        vendor_status || coalesce(' (' || case when vendor_status not in ('2', '3', '4', '5') then status_names.status_name end || ')', '') as vendor_status_label,
        case vendor_status
            when '2' then 'open'
            when '3' then 'pending'
            when '4' then 'resolved'
            when '5' then 'closed'
            else coalesce(status_names.status_name, 'custom status ' || vendor_status)
        end as status,
        vendor_source,
        case vendor_source
            when '1' then 'email'
            when '2' then 'web'
            when '3' then 'phone'
            when '4' then 'community'
            when '5' then 'social'
            when '6' then 'social'
            when '7' then 'chat'
            when '8' then 'in_app'
            when '9' then 'web'
            when '10' then 'email'
            when '11' then 'ecommerce'
            when '12' then 'chat'
            else 'source ' || vendor_source
        end as channel,
        vendor_priority,
        case vendor_priority
            when '1' then 'low'
            when '2' then 'medium'
            when '3' then 'high'
            when '4' then 'urgent'
            else vendor_priority
        end as priority,
        subject,
        category,
        nullif(array_to_string(tag_list, ';'), '') as tags,
        requester_id,
        org_id,
        group_id as "group",
        assignee_id,
        coalesce(vendor_source = '10', false) as outbound,
        coalesce(strftime(first_responded_ts, '%Y-%m-%dT%H:%M:%S.%fZ'), first_responded_at) as first_response_at,
        coalesce(strftime(solved_ts, '%Y-%m-%dT%H:%M:%S.%fZ'), solved_text) as solved_at,
        coalesce(strftime(solved_ts, '%Y-%m-%dT%H:%M:%S.%fZ'), solved_text) as final_solved_at,
        coalesce(strftime(closed_ts, '%Y-%m-%dT%H:%M:%S.%fZ'), closed_at) as closed_at,
        case
            when stats is null then null
            when reopened_at is null then '0'
            else '1'
        end as reopens,
        csat.rating as vendor_rating,
        case
            when try_cast(csat.rating as integer) >= 103 then '5'
            when try_cast(csat.rating as integer) >= 101 then '4'
            when try_cast(csat.rating as integer) >= 100 then '3'
            when try_cast(csat.rating as integer) >= -102 then '2'
            when try_cast(csat.rating as integer) is not null then '1'
        end as csat_score,
        strftime(csat.rated_at, '%Y-%m-%dT%H:%M:%S.%fZ') as csat_at,
        [
            {
                'metric': 'sla_frt',
                'calendar_minutes': cast(null as double),
                'business_minutes': cast(null as double),
                'outcome': case
                    when first_responded_ts is not null and fr_due_ts is not null
                        then case when first_responded_ts <= fr_due_ts then 'within' else 'breached' end
                    when first_responded_ts is null and fr_escalated = 'true' then 'breached'
                end
            },
            {
                'metric': 'sla_resolution',
                'calendar_minutes': cast(null as double),
                'business_minutes': cast(null as double),
                'outcome': case
                    when solved_ts is not null and due_ts is not null
                        then case when solved_ts <= due_ts then 'within' else 'breached' end
                end
            }
        ] as vendor_metrics,
        -- The fields not mapped above (stats, custom_fields, due dates, ...), as the API wrote them.
        json_merge_patch(
            j,
            '{"id": null, "created_at": null, "status": null, "priority": null, "source": null, "subject": null, "type": null, "tags": null, "requester_id": null, "company_id": null, "group_id": null, "responder_id": null}'
        ) as extra,
        j as raw_record
    from solved
    left join _fd_csat as csat
        on csat.ticket_id = solved.ticket_id
    left join _fd_status_names as status_names
        on status_names.status_id = solved.vendor_status
)

select * from final
