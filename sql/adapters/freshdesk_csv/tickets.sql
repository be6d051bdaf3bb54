-- adapter:  freshdesk-csv, the Tickets list export of Freshdesk (and Freshservice)
--           (docs: shared vendor-formats 1.4)
-- reads:    _vendor (one row per ticket; aliases from src/lib/server/ingest/adapters/freshdesk-csv.ts)
-- writes:   generic tickets columns as text, and what Freshdesk computed itself
-- params:   $tz (the account's time zone: every time in this export is local, naive)
-- Decisions:
-- - "Initial response time" is a timestamp of the first response: it is first_response_at,
--   and deskpulse measures FRT from it. "First response time (in hrs)" and "Resolution time
--   (in hrs)" are Freshdesk's business-hours durations ("HH:MM:SS", or hours as a number),
--   often empty even when the timestamps exist: kept as the vendor's business minutes when
--   present, never made up from the timestamps. Hours run past 99 ("123:45:00", as Excel
--   writes a duration it re-saves) and may lack seconds ("1:15").
-- - A clock duration of exactly zero ("0:00:00", "00:00:00", "0:00") is "none": Freshdesk
--   writes it in these columns where it measured nothing (no response yet, not resolved),
--   and a real business duration of zero is too rare to tell apart. It is null, so it
--   neither counts as an instant answer nor hides deskpulse's own measure. (A plain "0" is
--   left as zero hours: the decision is about the clock form Freshdesk writes.)
-- - The export has only the latest "Resolved time": it is both the first and the final
--   solve, and Freshdesk's resolution time (to that same moment) is kept for both the
--   resolution and the full_resolution metric. A Closed ticket without a Resolved time
--   (closed straight away) is solved when it was closed.
-- - "Resolution status" / "First response status" ("Within SLA", "SLA Violated", empty) are
--   Freshdesk's SLA outcomes against its own due dates: kept as sla_resolution / sla_frt.
-- - Custom statuses "Waiting on Customer" / "Waiting on Third Party" are pending; any other
--   custom status is passed on as written, and the importer's default rule reads it (solved
--   with a resolved or closed time, pending when it waits on the customer, else open),
--   reporting it with its count; --map overrides it.
-- - "Survey results" is read on a 1-5 scale: Extremely happy 5, Very happy / Happy 4,
--   Neutral 3, Unhappy / Very unhappy 2, Extremely unhappy 1 (the classic three-point
--   survey's Awesome / Just Okay / Not Good: 5 / 3 / 1); an unknown label is no rating.
with source as (
    select *
    from _vendor
    where record_no > 1
),

cleaned as (
    select
        record_no,
        line_no,
        dp_vendor_text(fd_id) as ticket_id,
        dp_vendor_text(created_at) as created_at,
        dp_vendor_text(status) as vendor_status,
        dp_vendor_text(source_name) as vendor_source,
        coalesce(dp_vendor_text(priority), dp_vendor_text(urgency)) as vendor_priority,
        dp_vendor_text(survey) as vendor_survey,
        dp_vendor_text(subject) as subject,
        coalesce(dp_vendor_text(category), dp_vendor_text(ticket_type)) as category,
        dp_vendor_text(tags) as tags,
        coalesce(dp_vendor_text(contact_id), dp_vendor_text(email), dp_vendor_text(full_name)) as requester_id,
        dp_vendor_text(company) as org_id,
        dp_vendor_text(group_name) as group_name,
        dp_vendor_text(agent) as assignee_id,
        dp_vendor_text(first_response_at) as first_response_at,
        dp_vendor_text(resolved_at) as resolved_at,
        dp_vendor_text(closed_at) as closed_at,
        dp_vendor_text(agent_interactions) as agent_replies,
        -- "(in hrs)": a plain number is hours; "H:MM[:SS]" is read by dp_vendor_minutes; a
        -- clock reading of zero is none (see the decisions above).
        case
            when regexp_matches(coalesce(trim(frt_hours), ''), '^\d+(\.\d+)?$') then cast(trim(frt_hours) as double) * 60
            when regexp_full_match(coalesce(trim(frt_hours), ''), '0+:00(:00)?') then null
            else dp_vendor_minutes(frt_hours)
        end as frt_business_minutes,
        case
            when regexp_matches(coalesce(trim(resolution_hours), ''), '^\d+(\.\d+)?$') then cast(trim(resolution_hours) as double) * 60
            when regexp_full_match(coalesce(trim(resolution_hours), ''), '0+:00(:00)?') then null
            else dp_vendor_minutes(resolution_hours)
        end as resolution_business_minutes,
        case lower(dp_vendor_text(first_response_status))
            when 'within sla' then 'within'
            when 'sla violated' then 'breached'
        end as sla_frt_outcome,
        case lower(dp_vendor_text(resolution_status))
            when 'within sla' then 'within'
            when 'sla violated' then 'breached'
        end as sla_resolution_outcome,
        extra,
        raw_record
    from source
),

final as (
    select
        record_no,
        line_no,
        ticket_id,
        created_at,
        vendor_status,
        case regexp_replace(lower(vendor_status), '[\s-]+', '_', 'g')
            when 'waiting_on_customer' then 'pending'
            when 'waiting_on_third_party' then 'pending'
            else vendor_status
        end as status,
        vendor_source,
        case lower(vendor_source)
            when 'email' then 'email'
            when 'outbound email' then 'email'
            when 'portal' then 'web'
            when 'feedback widget' then 'web'
            when 'phone' then 'phone'
            when 'chat' then 'chat'
            when 'bot' then 'chat'
            when 'whatsapp' then 'chat'
            when 'slack' then 'chat'
            when 'ms teams' then 'chat'
            when 'mobihelp' then 'in_app'
            when 'mobile' then 'in_app'
            when 'twitter' then 'social'
            when 'facebook' then 'social'
            when 'instagram' then 'social'
            when 'forum' then 'community'
            when 'forums' then 'community'
            else lower(vendor_source)
        end as channel,
        vendor_priority,
        vendor_priority as priority,
        subject,
        category,
        -- Freshdesk joins tags with commas; the generic format takes ; or ,
        nullif(regexp_replace(coalesce(tags, ''), '\s*[,;]\s*', ';', 'g'), '') as tags,
        requester_id,
        org_id,
        group_name as "group",
        assignee_id,
        -- Outbound Email tickets are started by an agent.
        coalesce(lower(vendor_source) = 'outbound email', false) as outbound,
        first_response_at,
        coalesce(resolved_at, case when lower(vendor_status) = 'closed' then closed_at end) as solved_at,
        coalesce(resolved_at, case when lower(vendor_status) = 'closed' then closed_at end) as final_solved_at,
        closed_at,
        agent_replies,
        vendor_survey,
        case regexp_replace(lower(vendor_survey), '\s+', ' ', 'g')
            when 'extremely happy' then '5'
            when 'very happy' then '4'
            when 'happy' then '4'
            when 'neutral' then '3'
            when 'unhappy' then '2'
            when 'very unhappy' then '2'
            when 'extremely unhappy' then '1'
            when 'awesome' then '5'
            when 'just okay' then '3'
            when 'not good' then '1'
            else case when try_cast(vendor_survey as integer) between 1 and 5 then vendor_survey end
        end as csat_score,
        [
            {'metric': 'frt', 'calendar_minutes': cast(null as double), 'business_minutes': frt_business_minutes, 'outcome': cast(null as varchar)},
            {'metric': 'resolution', 'calendar_minutes': cast(null as double), 'business_minutes': resolution_business_minutes, 'outcome': cast(null as varchar)},
            {'metric': 'full_resolution', 'calendar_minutes': cast(null as double), 'business_minutes': resolution_business_minutes, 'outcome': cast(null as varchar)},
            {'metric': 'sla_frt', 'calendar_minutes': cast(null as double), 'business_minutes': cast(null as double), 'outcome': sla_frt_outcome},
            {'metric': 'sla_resolution', 'calendar_minutes': cast(null as double), 'business_minutes': cast(null as double), 'outcome': sla_resolution_outcome}
        ] as vendor_metrics,
        extra,
        raw_record
    from cleaned
)

select * from final
