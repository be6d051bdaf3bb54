-- materialized: table
-- refresh: whole
-- grain: one row per filter-bar dimension and value present in the inbound tickets.
-- The values the filter bar offers (sql/reports/dimension_values.sql), with the creation
-- time of the first ticket that has each: a report as of `as_of` offers the values whose
-- first ticket was created by then. Every page asks for them with its own `as_of`, and
-- scanning every ticket for them cost more than some of the pages' charts; a table this
-- small is rebuilt whole by every import's refresh (model-refresh.ts), so it is never stale.
with tickets as (
    select
        created_at,
        segment,
        plan,
        channel,
        priority,
        group_name,
        tags
    from fct_tickets
    where not is_outbound
),

pairs as (
    select 'segment' as dimension, segment as value, created_at from tickets
    union all
    select 'plan' as dimension, plan as value, created_at from tickets
    union all
    select 'channel' as dimension, channel as value, created_at from tickets
    union all
    select 'priority' as dimension, priority as value, created_at from tickets
    union all
    select 'group' as dimension, group_name as value, created_at from tickets
    union all
    select 'tag' as dimension, unnest(tags) as value, created_at from tickets
)

select
    dimension,
    cast(value as varchar) as value,
    min(created_at) as first_created_at
from pairs
where value is not null
group by all
