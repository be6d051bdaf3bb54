-- The groups of a pilot (sql/reports/pilot.sql), given as JSON objects of dimension ->
-- accepted values and read once with dp_pilot_group. A ticket is in a group when it matches
-- every dimension the group names (any of the values, for tags any of the ticket's tags);
-- an org (its customers, its self-service sessions) when it matches the dimensions an org
-- carries: segment, plan, org and source.
create or replace macro dp_pilot_group(spec) as
    from_json(coalesce(spec, '{}'), '{"segment": ["varchar"], "plan": ["varchar"], "channel": ["varchar"], "category": ["varchar"], "tag": ["varchar"], "org": ["varchar"], "priority": ["varchar"], "source": ["varchar"]}');

create or replace macro dp_pilot_org_match(g, segment, plan, org_id, source) as
    coalesce(
        (g.segment is null or list_contains(g.segment, segment))
        and (g.plan is null or list_contains(g.plan, plan))
        and (g.org is null or list_contains(g.org, org_id))
        and (g.source is null or list_contains(g.source, source)),
        false
    );

create or replace macro dp_pilot_ticket_match(g, segment, plan, org_id, source, channel, category, tags, priority) as
    dp_pilot_org_match(g, segment, plan, org_id, source)
    and coalesce(
        (g.channel is null or list_contains(g.channel, channel))
        and (g.category is null or list_contains(g.category, category))
        and (g.priority is null or list_contains(g.priority, priority))
        and (g.tag is null or list_has_any(tags, g.tag)),
        false
    );

-- Whether a group is a set of customers (it names only what an org carries), so its
-- self-service sessions, and with them its deflection rate, can be told apart.
create or replace macro dp_pilot_is_org_group(g) as
    g.channel is null and g.category is null and g.priority is null and g.tag is null;

-- Whether a group names any of the org's dimensions.
create or replace macro dp_pilot_names_orgs(g) as
    g.segment is not null or g.plan is not null or g.org is not null or g.source is not null;
