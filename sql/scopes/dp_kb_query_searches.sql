-- The searches of one KB query group (a row of the KB gap table, opened on its own page):
-- every search made before `as_of` in the local days [from_on, to_on) of zone `tz` whose
-- query is in the group `group_key` (sql/scopes/dp_kb_query_groups.sql, drawn over the same
-- window as the table's), with the filters applied, as dp_scope_searches gives them
-- (`has_ticket_after` included). The page's three lists (variants, searches, tickets that
-- followed) read this one set, so they agree with each other and with the table's row.
create or replace macro dp_kb_query_searches(
    as_of, tz, from_on, to_on, group_key,
    f_segment, f_plan, f_org, f_source
) as table
    select
        scoped.*,
        query_groups.group_key
    from dp_scope_searches(as_of, null, null, f_segment, f_plan, f_org, f_source) as scoped
    join dp_kb_query_groups(as_of, tz, from_on, to_on) as query_groups
        on query_groups.query_normalized = scoped.query_normalized
    where query_groups.group_key = group_key
        -- The window's local days; dp_local_in_range tests the stored instant first, in the scan.
        and dp_local_in_range(scoped.searched_at, tz, cast(from_on as date), cast(to_on as date));
