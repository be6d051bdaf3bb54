-- The tickets an import wrote (its runs' ids, comma-separated in $run_ids): the rows of
-- fct_tickets to rebuild. An import only adds or replaces tickets, never deletes one.
select distinct source, ticket_id
from raw_generic_tickets
where import_run_id in (select unnest(cast(string_split($run_ids, ',') as integer[])))
