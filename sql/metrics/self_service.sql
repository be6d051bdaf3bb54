-- metrics:  self_service_sessions, sessions_deflected, deflection_rate, bot_containment_rate,
--           article_helpful_rate
-- grain:    one row per period x dim1 x dim2 with sessions started, or with inbound tickets
--           created (the deflection rate's denominator)
-- attribution: session start, in the reporting zone $tz; the deflection rate's tickets to
--           their created_at
-- params:   $grain, $tz, $from, $to (local dates; to exclusive), $as_of, $by1, $by2,
--           $f_segment, $f_plan, $f_org, $f_source (sessions carry no other dimension)
--           $metrics (the metric ids to return, comma-separated; null: all)
-- Definitions (docs/metrics.md, "Self-service and knowledge base"):
-- - self_service_sessions: sessions started in the period, of every kind, including those
--   whose deflection is still pending at $as_of.
-- - sessions_deflected: sessions not handed off, naming no ticket_id, with no inbound
--   ticket from the same requester (anonymous: the same org) created in the closed window
--   [start, start + 24 h], decided as of $as_of (dp_scope_sessions): a session whose window
--   is still open at $as_of and has no ticket yet is pending, not deflected. A session with
--   neither requester nor org cannot be matched to a ticket, so it is deflected as soon as
--   it is neither handed off nor names a ticket.
-- - deflection_rate: sessions_deflected / (sessions_deflected + tickets_created), the
--   tickets by their own creation period and through dp_scope_tickets, so they are filtered
--   and grouped exactly as the ticket metrics are. Pending sessions are in neither part.
--   Tickets of a source that imported no self-service session are left out: deflection is
--   not measured there, and counting its tickets would report 0 % instead of nothing.
-- - bot_containment_rate: bot sessions neither handed off nor naming a ticket (an
--   escalation to a ticket is a handoff) / bot sessions.
-- - article_helpful_rate: sessions voted helpful / sessions with a helpful vote.
-- Every rate has a sample column `<id>__n` (its denominator); a rate with an empty
-- denominator is null.
with sessions as (
    select
        *,
        dp_local(started_at, $tz) as started_local
    from dp_scope_sessions($as_of, $by1, $by2, $f_segment, $f_plan, $f_org, $f_source)
    where dp_local_in_range(started_at, $tz, $from, $to)
),

tracked_sources as (
    select distinct source
    from fct_self_service
    where started_at < cast($as_of as timestamptz)
),

tickets as (
    select
        dp_period_start(dp_local(created_at, $tz), $grain) as period_start,
        dim1,
        dim2,
        count(*)::integer as tickets_created
    from dp_scope_tickets(
        $as_of, $by1, $by2,
        $f_segment, $f_plan, null, null, null, null, null, $f_org, null, $f_source, null
    )
    where not is_outbound
        and source in (select source from tracked_sources)
        and dp_local_in_range(created_at, $tz, $from, $to)
    group by all
),

session_counts as (
    select
        dp_period_start(started_local, $grain) as period_start,
        dim1,
        dim2,
        count(*)::integer as self_service_sessions,
        count(*) filter (where is_deflected)::integer as sessions_deflected,
        count(*) filter (where kind = 'bot')::integer as bot_sessions,
        count(*) filter (where kind = 'bot' and not is_handed_off and ticket_id is null)::integer as bot_contained,
        count(is_helpful)::integer as helpful_votes,
        count(*) filter (where is_helpful)::integer as helpful_yes_votes
    from sessions
    group by all
),

-- Dimension values may be null (no grouping, or a session without an org), so rows are
-- matched with `is not distinct from`.
joined as (
    select
        coalesce(session_counts.period_start, tickets.period_start) as period_start,
        coalesce(session_counts.dim1, tickets.dim1) as dim1,
        coalesce(session_counts.dim2, tickets.dim2) as dim2,
        coalesce(session_counts.self_service_sessions, 0) as self_service_sessions,
        coalesce(session_counts.sessions_deflected, 0) as sessions_deflected,
        coalesce(tickets.tickets_created, 0) as tickets_created,
        coalesce(session_counts.bot_sessions, 0) as bot_sessions,
        coalesce(session_counts.bot_contained, 0) as bot_contained,
        coalesce(session_counts.helpful_votes, 0) as helpful_votes,
        coalesce(session_counts.helpful_yes_votes, 0) as helpful_yes_votes
    from session_counts
    full outer join tickets
        on tickets.period_start = session_counts.period_start
        and tickets.dim1 is not distinct from session_counts.dim1
        and tickets.dim2 is not distinct from session_counts.dim2
),

final as (
    select
        dp_period_label(period_start, $grain) as period,
        period_start,
        dim1,
        dim2,
        self_service_sessions,
        sessions_deflected,
        (sessions_deflected / nullif(sessions_deflected + tickets_created, 0))::double as deflection_rate,
        (sessions_deflected + tickets_created)::integer as deflection_rate__n,
        (bot_contained / nullif(bot_sessions, 0))::double as bot_containment_rate,
        bot_sessions as bot_containment_rate__n,
        (helpful_yes_votes / nullif(helpful_votes, 0))::double as article_helpful_rate,
        helpful_votes as article_helpful_rate__n
    from joined
)

select period, period_start, dim1, dim2, columns(c -> dp_metric_wanted($metrics, c))
from final
order by period_start, dim1 nulls first, dim2 nulls first
