-- The self-service sessions a report is about: every session started before `as_of`, with
-- the report's filters applied and its grouping dimensions as `dim1`, `dim2`, in the style of
-- dp_scope_tickets. Sessions carry an org (so segment and plan) and a source, nothing a
-- ticket is cut by besides: those dimensions are null here, and the metric families say so
-- (src/lib/server/metrics/families.ts), so a report never groups sessions by them.
--
-- Deflection is decided here, as of `as_of`, so every consumer (the self-service metrics,
-- savings) counts the same sessions as deflected:
-- - `has_ticket_after`: the first inbound ticket of the same requester (anonymous: the same
--   org) was created in [started_at, started_at + 24 h] (both ends included) and by as_of;
--   a ticket created after as_of does not exist yet for this report.
-- - `is_deflection_pending`: not handed off, no ticket named, no ticket yet, but the 24 h
--   window is still open at as_of: undecided, so neither deflected nor not. A session with
--   neither requester nor org can never be matched to a ticket, so it is never pending.
-- - `is_deflected`: not handed off, no ticket named, no ticket in the window, not pending.
create or replace macro dp_scope_sessions(
    as_of, by1, by2,
    f_segment, f_plan, f_org, f_source
) as table
    with scoped as (
        select
            *,
            dp_dim(by1, segment, plan, null, null, null, null, null, org_id, null, source) as dim1,
            dp_dim(by2, segment, plan, null, null, null, null, null, org_id, null, source) as dim2,
            dp_ticket_followed(next_ticket_at, deflection_window_ends_at, as_of) as has_ticket_after,
            not is_handed_off and ticket_id is null as is_self_served_so_far,
            ticket_match_kind is not null and deflection_window_ends_at > cast(as_of as timestamptz)
                as is_window_open
        from fct_self_service
        where started_at < cast(as_of as timestamptz)
            and dp_match(f_segment, segment)
            and dp_match(f_plan, plan)
            and dp_match(f_org, org_id)
            and dp_match(f_source, source)
    )

    select
        * exclude (is_self_served_so_far, is_window_open),
        is_self_served_so_far and not has_ticket_after and is_window_open as is_deflection_pending,
        is_self_served_so_far and not has_ticket_after and not is_window_open as is_deflected
    from scoped;
