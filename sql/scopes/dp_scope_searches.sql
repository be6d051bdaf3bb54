-- The knowledge-base searches a report is about: every search made before `as_of`, with the
-- report's filters applied and its grouping dimensions as `dim1`, `dim2`, in the style of
-- dp_scope_tickets. Searches carry an org (so segment and plan) and a source only; the other
-- dimensions are null here.
-- `has_ticket_after`: the first inbound ticket of the same requester (anonymous: the same
-- org) was created in [searched_at, searched_at + 24 h] (both ends included) and by as_of; a
-- ticket created after as_of does not exist yet for this report.
create or replace macro dp_scope_searches(
    as_of, by1, by2,
    f_segment, f_plan, f_org, f_source
) as table
    select
        *,
        dp_dim(by1, segment, plan, null, null, null, null, null, org_id, null, source) as dim1,
        dp_dim(by2, segment, plan, null, null, null, null, null, org_id, null, source) as dim2,
        dp_ticket_followed(next_ticket_at, ticket_window_ends_at, as_of) as has_ticket_after
    from fct_kb_searches
    where searched_at < cast(as_of as timestamptz)
        and dp_match(f_segment, segment)
        and dp_match(f_plan, plan)
        and dp_match(f_org, org_id)
        and dp_match(f_source, source);
