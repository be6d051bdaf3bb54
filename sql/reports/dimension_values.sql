-- report:   the values the filter bar offers for each ticket dimension, read from the data
-- grain:    one row per dimension and value
-- params:   $as_of (tickets created after it do not exist yet)
-- The values and their first ticket's creation time are kept by the import's refresh
-- (sql/models/agg_filter_values.sql): a value is offered once a ticket that has it exists.
select
    dimension,
    value
from agg_filter_values
where first_created_at <= cast($as_of as timestamptz)
order by dimension, value
