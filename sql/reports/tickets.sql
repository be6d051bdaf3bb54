-- report:   drill-through: the tickets behind one metric cell, with the per-ticket values
--           that went into it
-- grain:    one row per ticket
-- params:   $tz, $from, $to (local dates; the cell's period), $as_of, $hours, $by1, $by2 (unused
--           for grouping; the cell's group values come in as filters), $f_* filters,
--           $sample (which tickets a metric is computed over: created | outbound | unanswered |
--           answered | acked | incident_acked | incident_solved | frt_target |
--           resolution_target | sla_target | ten_five_three | solved | final_solved |
--           requester_wait | rated | backlog), $numerator (the metric whose numerator `in_numerator` tests, or null),
--           $only_numerator (true: only tickets in the numerator; false: only those outside;
--           null: all), $sort (created_at | solved_at | frt_minutes | ack_minutes |
--           resolution_minutes | age_minutes | ticket_id | priority), $descending, $limit, $offset,
--           $ticket (one ticket id, or null: a KB query page links each ticket it lists),
--           $keys_only, $page_keys (the two passes of a page, below)
-- The sample and its period attribution match the metric files exactly (created_at,
-- first solve, final solve, rating time, or the backlog snapshot), so a cell's ticket count
-- equals its sample size; each ticket's values and judgements come from the same
-- sql/scopes/dp_ticket_outcomes.sql (and dp_ticket_progress.sql) as the metrics'.
-- A page is read in two passes (src/lib/server/metrics/keyed-page.ts): carrying every wide
-- column (subject, tags, org_name, ...) of a million tickets through the count and the sort
-- cost several times the list itself. `$keys_only` true returns the page's (source,
-- ticket_id) and the list's total; then `$page_keys` (those pairs as JSON, [{"source": ...,
-- "id": ...}, ...]) with $keys_only false, $limit null and $offset 0 returns the page's rows
-- in the same order, computing only those tickets. $page_keys null: every ticket.
with scoped as (
    select *
    from dp_ticket_outcomes(
        $as_of, $hours, null, null,
        $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
    )
    where ($ticket is null or ticket_id = $ticket)
        -- Pass 2: a semi join on the id alone, which DuckDB turns into a filter on the table
        -- scan; the exact (source, ticket_id) pairs are kept in `final`.
        and ($page_keys is null or ticket_id in (
            select page_key.id from (select unnest(from_json($page_keys, '[{"source": "varchar", "id": "varchar"}]')) as page_key)
        ))
),

-- The instant that places a ticket in the cell's period, per sample.
attributed as (
    select
        *,
        case
            when $sample = 'solved' then solved_at
            when $sample in ('final_solved', 'requester_wait') then final_solved_at
            when $sample = 'rated' then rated_at
            else created_at
        end as attributed_at
    from scoped
),

-- The backlog snapshot of the cell: its period's end, or $as_of if sooner.
snapshot as (
    select least(
        timezone($tz, cast($to as timestamp)),
        cast($as_of as timestamptz)
    ) as snapshot_at
),

in_sample as (
    select attributed.*
    from attributed, snapshot
    where case $sample
            when 'outbound' then is_outbound
            else not is_outbound
        end
        and case $sample
            when 'backlog' then
                created_at < snapshot.snapshot_at
                and (left_backlog_at is null or left_backlog_at > snapshot.snapshot_at)
            else
                dp_local_in_range(attributed_at, $tz, $from, $to)
                and attributed_at <= cast($as_of as timestamptz)
        end
        and case $sample
            when 'unanswered' then not is_answered
            when 'answered' then is_answered
            when 'acked' then is_acked
            when 'incident_acked' then is_incident and is_acked
            when 'incident_solved' then is_incident and is_solved
            when 'frt_target' then is_frt_breached is not null
            when 'resolution_target' then is_resolution_breached is not null
            when 'sla_target' then has_sla_target
            when 'ten_five_three' then meets_10_5_3 is not null
            when 'solved' then is_solved
            when 'final_solved' then is_final_solved
            when 'requester_wait' then is_final_solved and requester_wait_calendar_minutes is not null
            when 'rated' then is_csat_satisfied is not null
            else true
        end
),

judged_in_sample as (
    select
        source,
        ticket_id,
        subject,
        status,
        channel,
        priority,
        category,
        tags,
        org_id,
        org_name,
        plan,
        segment,
        group_name,
        tier,
        assignee_id,
        created_at,
        first_response_at,
        solved_at,
        final_solved_at,
        schedule_key,
        ack_minutes,
        frt_minutes,
        resolution_minutes,
        full_resolution_minutes,
        requester_wait_minutes,
        frt_target_minutes,
        resolution_target_minutes,
        is_frt_breached,
        is_resolution_breached,
        meets_10_5_3,
        reopen_count,
        agent_reply_count,
        csat_answer,
        is_csat_satisfied,
        case when $sample = 'backlog'
            then (epoch((select snapshot_at from snapshot)) - epoch(created_at)) / 60.0
            else elapsed_calendar_minutes
        end as age_minutes,
        case $numerator
            when 'sla_frt_breach_rate' then is_frt_breached
            when 'sla_resolution_breach_rate' then is_resolution_breached
            when 'sla_achievement_rate' then not is_sla_breached
            when 'rule_10_5_3_rate' then meets_10_5_3
            when 'escalation_rate_t2' then reached_t2
            when 'escalation_rate_t3' then reached_t3
            when 'reopen_rate' then is_reopened
            when 'one_touch_rate' then is_one_touch
            when 'csat_rate' then is_csat_satisfied
        end as in_numerator
    from in_sample
),

-- Materialized, so that the total and the page are read off one computation of the sample:
-- at 1M tickets pass 1 takes 70 ms so, 100 ms computing the sample twice (no CTE
-- materialized), 160 ms with `count(*) over ()`.
final as materialized (
    select *
    from judged_in_sample
    where ($only_numerator is null or in_numerator = $only_numerator)
        and ($page_keys is null or {'source': source, 'id': ticket_id} in (
            select unnest(from_json($page_keys, '[{"source": "varchar", "id": "varchar"}]'))
        ))
)

select
    columns(c -> not $keys_only or c in ('source', 'ticket_id')),
    (select count(*) from final) as total_count
from final
order by
    case when $descending then
        case $sort
            when 'created_at' then epoch(created_at)
            when 'solved_at' then epoch(solved_at)
            when 'frt_minutes' then frt_minutes
            when 'ack_minutes' then ack_minutes
            when 'resolution_minutes' then resolution_minutes
            when 'age_minutes' then age_minutes
        end
    end desc nulls last,
    case when not $descending then
        case $sort
            when 'created_at' then epoch(created_at)
            when 'solved_at' then epoch(solved_at)
            when 'frt_minutes' then frt_minutes
            when 'ack_minutes' then ack_minutes
            when 'resolution_minutes' then resolution_minutes
            when 'age_minutes' then age_minutes
        end
    end asc nulls last,
    case when $descending then case $sort when 'ticket_id' then ticket_id when 'priority' then priority end end desc nulls last,
    case when not $descending then case $sort when 'ticket_id' then ticket_id when 'priority' then priority end end asc nulls last,
    source,
    ticket_id
limit $limit
offset $offset
