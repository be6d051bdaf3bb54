-- report:   the values the filter bar offers for each ticket dimension, read from the data
-- grain:    one row per dimension and value
-- params:   $as_of (tickets created after it do not exist yet)
with tickets as (
    select
        segment,
        plan,
        channel,
        priority,
        group_name,
        tags
    from fct_tickets
    where not is_outbound
        and created_at <= cast($as_of as timestamptz)
),

pairs as (
    select 'segment' as dimension, segment as value from tickets
    union all
    select 'plan' as dimension, plan as value from tickets
    union all
    select 'channel' as dimension, channel as value from tickets
    union all
    select 'priority' as dimension, priority as value from tickets
    union all
    select 'group' as dimension, group_name as value from tickets
    union all
    select 'tag' as dimension, unnest(tags) as value from tickets
),

final as (
    select
        dimension,
        cast(value as varchar) as value,
        count(*)::integer as ticket_count
    from pairs
    where value is not null
    group by all
)

select *
from final
order by dimension, value
