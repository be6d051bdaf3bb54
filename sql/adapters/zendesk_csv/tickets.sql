-- adapter:  zendesk-csv, the Admin Center ticket export (docs: shared vendor-formats 1.1)
-- reads:    _vendor (one row per ticket; aliases from src/lib/server/ingest/adapters/zendesk-csv.ts)
-- writes:   generic tickets columns as text, and the durations Zendesk computed itself
-- params:   $tz (the account's time zone: every date in this export is local, naive)
-- The export has no first-response timestamp, only durations: the first human reply is
-- created + "First reply time in minutes" (calendar), and the first solve is created +
-- "First resolution time in minutes"; "Solved at" is the last solve. "Satisfaction Score"
-- mixes Offered / Not Offered (a survey sent, no answer: no rating) with Good / Bad and 1-5.
-- Zendesk rounds its minute columns, so created + "First resolution time in minutes" can land
-- a minute after "Solved at": the importer moves such a first solve back to the last one and
-- records it (import_adjustments), and the reopen rate reads "Reopens", never the difference.
-- An export may carry only the business-hours flavour of a duration (e.g. "First reply time
-- in minutes within business hours"): it is kept as the vendor's business minutes, used for
-- the business flavour where no schedule is imported, and said to be Zendesk's.
with source as (
    select *
    from _vendor
    where record_no > 1
),

-- Durations read once per row, and the creation instant (local time in $tz) that the
-- first reply and first solve are measured from.
measured as (
    select
        *,
        dp_parse_ts(dp_vendor_text(created_at), $tz) as created_instant,
        dp_vendor_minutes(first_reply_minutes) as first_reply_min,
        dp_vendor_minutes(first_resolution_minutes) as first_resolution_min
    from source
),

final as (
    select
        record_no,
        line_no,
        dp_vendor_text(zd_id) as ticket_id,
        dp_vendor_text(created_at) as created_at,
        dp_vendor_text(status) as status,
        dp_vendor_text(via) as vendor_via,
        case lower(dp_vendor_text(via))
            when 'mail' then 'email'
            when 'email' then 'email'
            when 'web form' then 'web'
            when 'web widget' then 'web'
            when 'web service' then 'api'
            when 'api' then 'api'
            when 'chat' then 'chat'
            when 'messaging' then 'chat'
            when 'phone call (incoming)' then 'phone'
            when 'phone call (outgoing)' then 'phone'
            when 'outbound email' then 'email'
            when 'voicemail' then 'phone'
            when 'twitter' then 'social'
            when 'facebook' then 'social'
            when 'mobile sdk' then 'in_app'
            when 'closed ticket' then 'followup'
            else lower(dp_vendor_text(via))
        end as channel,
        dp_vendor_text(priority) as priority,
        dp_vendor_text(subject) as subject,
        coalesce(dp_vendor_text(category_list), dp_vendor_text(ticket_type)) as category,
        -- Zendesk separates tags with spaces; the generic format with ; or ,
        nullif(regexp_replace(coalesce(dp_vendor_text(tags), ''), '\s+', ';', 'g'), '') as tags,
        -- The email first: it is readable, and its domain can match a CRM account.
        coalesce(dp_vendor_text(requester_email), dp_vendor_text(requester_id), dp_vendor_text(requester)) as requester_id,
        dp_vendor_text(organization) as org_id,
        dp_vendor_text(group_name) as "group",
        dp_vendor_text(assignee) as assignee_id,
        -- An agent started the ticket: "OutBound", "Outbound email", "Phone call (outgoing)"
        -- and the like. Outbound tickets are counted apart from the inbound ones.
        regexp_matches(lower(coalesce(dp_vendor_text(via), '')), 'outbound|outgoing') as outbound,
        dp_utc_text(created_instant + to_microseconds(cast(round(first_reply_min * 60000000) as bigint))) as first_response_at,
        coalesce(
            dp_utc_text(created_instant + to_microseconds(cast(round(first_resolution_min * 60000000) as bigint))),
            dp_vendor_text(solved_at)
        ) as solved_at,
        dp_vendor_text(solved_at) as final_solved_at,
        dp_vendor_text(reopens) as reopens,
        dp_vendor_text(replies) as agent_replies,
        dp_vendor_text(satisfaction) as vendor_satisfaction,
        case
            when lower(dp_vendor_text(satisfaction)) like 'good%' then 'good'
            when lower(dp_vendor_text(satisfaction)) like 'bad%' then 'bad'
            when regexp_matches(coalesce(dp_vendor_text(satisfaction), ''), '^[0-9]+$') then dp_vendor_text(satisfaction)
        end as csat_score,
        [
            {'metric': 'frt', 'calendar_minutes': first_reply_min, 'business_minutes': dp_vendor_minutes(first_reply_business_minutes), 'outcome': null},
            {'metric': 'resolution', 'calendar_minutes': first_resolution_min, 'business_minutes': dp_vendor_minutes(first_resolution_business_minutes), 'outcome': null},
            {'metric': 'full_resolution', 'calendar_minutes': dp_vendor_minutes(full_resolution_minutes), 'business_minutes': dp_vendor_minutes(full_resolution_business_minutes), 'outcome': null},
            {'metric': 'requester_wait', 'calendar_minutes': dp_vendor_minutes(requester_wait_minutes), 'business_minutes': dp_vendor_minutes(requester_wait_business_minutes), 'outcome': null},
            {'metric': 'agent_wait', 'calendar_minutes': dp_vendor_minutes(agent_wait_minutes), 'business_minutes': dp_vendor_minutes(agent_wait_business_minutes), 'outcome': null},
            {'metric': 'on_hold', 'calendar_minutes': dp_vendor_minutes(on_hold_minutes), 'business_minutes': dp_vendor_minutes(on_hold_business_minutes), 'outcome': null}
        ] as vendor_metrics,
        extra,
        raw_record
    from measured
)

select * from final
