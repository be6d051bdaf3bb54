-- report:   drill-through: the self-service sessions behind one metric cell, with the values
--           that went into it
-- grain:    one row per session
-- params:   $tz, $from, $to (local dates; the cell's period), $as_of, $f_segment, $f_plan,
--           $f_org, $f_source, $sample (all | deflected | decided | bot | voted),
--           $numerator (the metric `in_numerator` tests, or null), $only_numerator,
--           $descending, $limit, $offset, $keys_only, $page_keys
-- Samples, as sql/metrics/self_service.sql counts them: `all` every session started in the
-- period (self_service_sessions), `deflected` the deflected ones, `decided` those whose
-- deflection is known at $as_of (deflection_rate's sessions; its denominator also holds the
-- period's tickets, listed by GET /api/v1/tickets), `bot` bot sessions, `voted` sessions
-- with a helpfulness vote.
-- A page is read in two passes, as sql/reports/tickets.sql explains: `$keys_only` true
-- returns the page's (source, session_id) and the list's total, then `$page_keys` (those pairs
-- as JSON) computes only the page's sessions. $page_keys null: every one.
with sessions as (
    select *
    from dp_scope_sessions($as_of, null, null, $f_segment, $f_plan, $f_org, $f_source)
    where dp_local_in_range(started_at, $tz, $from, $to)
        and ($page_keys is null or session_id in (
            select page_key.id from (select unnest(from_json($page_keys, '[{"source": "varchar", "id": "varchar"}]')) as page_key)
        ))
),

in_sample as (
    select
        *,
        case $numerator
            when 'deflection_rate' then is_deflected
            when 'bot_containment_rate' then not is_handed_off and ticket_id is null
            when 'article_helpful_rate' then is_helpful
        end as in_numerator
    from sessions
    where case $sample
        when 'deflected' then is_deflected
        when 'decided' then not is_deflection_pending
        when 'bot' then kind = 'bot'
        when 'voted' then is_helpful is not null
        else true
    end
),

-- Materialized: the total and the page read one computation of the list (as in tickets.sql).
final as materialized (
    select
        source,
        session_id,
        started_at,
        kind,
        requester_id,
        org_id,
        plan,
        segment,
        is_handed_off,
        ticket_id,
        article_id,
        is_helpful,
        next_ticket_id,
        next_ticket_at,
        has_ticket_after,
        is_deflection_pending,
        is_deflected,
        in_numerator
    from in_sample
    where ($only_numerator is null or in_numerator = $only_numerator)
        and ($page_keys is null or {'source': source, 'id': session_id} in (
            select unnest(from_json($page_keys, '[{"source": "varchar", "id": "varchar"}]'))
        ))
)

select
    columns(c -> not $keys_only or c in ('source', 'session_id')),
    (select count(*) from final) as total_count
from final
order by
    case when $descending then epoch(started_at) end desc,
    case when not $descending then epoch(started_at) end asc,
    source,
    session_id
limit $limit
offset $offset
