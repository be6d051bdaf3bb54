-- The tickets a report is about: every ticket fact created before `as_of` (a later import
-- cannot change a report pinned to an earlier `as_of`), with the report's filters applied
-- and its one or two grouping dimensions as `dim1`, `dim2`. Every ticket metric file reads
-- its rows from here, so all of them filter and group alike. Outbound tickets are kept for
-- `tickets_outbound`; every other metric excludes them. `f_tag` keeps tickets with any of
-- the tags it lists. The assignee is shown as DESKPULSE_REDACT says (macros/privacy.sql), in
-- the rows, the groups and the filter alike.
create or replace macro dp_scope_tickets(
    as_of, by1, by2,
    f_segment, f_plan, f_channel, f_priority, f_category, f_group, f_tier, f_org, f_assignee, f_source, f_tag
) as table
    select
        * replace (dp_shown_person('agent', source, assignee_id) as assignee_id),
        dp_dim(by1, segment, plan, channel, priority, category, group_name, tier, org_id, dp_shown_person('agent', source, assignee_id), source) as dim1,
        dp_dim(by2, segment, plan, channel, priority, category, group_name, tier, org_id, dp_shown_person('agent', source, assignee_id), source) as dim2
    from fct_tickets
    where created_at < cast(as_of as timestamptz)
        and dp_match(f_segment, segment)
        and dp_match(f_plan, plan)
        and dp_match(f_channel, channel)
        and dp_match(f_priority, priority)
        and dp_match(f_category, category)
        and dp_match(f_group, group_name)
        and dp_match(f_tier, tier)
        and dp_match(f_org, org_id)
        and dp_match(f_assignee, dp_shown_person('agent', source, assignee_id))
        and dp_match(f_source, source)
        -- A ticket has several tags: it is kept when it has any of the wanted ones (tags
        -- filter only; nothing groups by them, which would count a ticket once per tag).
        and (f_tag is null or list_has_any(tags, from_json(f_tag, '["varchar"]')));
